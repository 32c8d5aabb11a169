/**
 * The cluster DNS Service address: kubeadm's choice (`GetDNSIP`, the 10th address of the
 * first service subnet; reference §9.3), "none" for no kube-dns Service, or an address the
 * user names, which must be one the cluster-IP allocator would hand out.
 */
import { type FieldError, fieldError, goValue } from '../errors/field-error';
import {
  type Cidr,
  type IP,
  cidrContains,
  cidrSize,
  formatIP,
  indexedIP,
  parseIPSloppy,
  parseIPStrict,
} from '../net';
import { ipBandOf, notInRangeMessage, serviceIPRange } from '../allocation/service-ip-range';
import { readString } from './json-values';
import type { KubernetesVersion } from './service-network';

const FIELD = 'dnsServiceIP';
export const NO_DNS_SERVICE = 'none';
const KUBEADM_DNS_INDEX = 10n;

/** kubeadm `GetDNSIP` via k8s.io/utils/net `GetIndexedIP(subnet, 10)`. */
export function kubeadmDNSIP(primary: Cidr): { ok: true; ip: IP } | { ok: false; error: string } {
  if (KUBEADM_DNS_INDEX >= cidrSize(primary)) {
    return {
      ok: false,
      error:
        'unable to get internal Kubernetes Service IP from the given service CIDR: ' +
        `can't generate IP with index 10 from subnet. subnet too small. subnet: ${goValue.str(primary.text)}`,
    };
  }
  return { ok: true, ip: indexedIP(primary, KUBEADM_DNS_INDEX) };
}

/** `controlplane.ServiceIPRange`: the `kubernetes` Service takes the primary's first address. */
export const kubernetesServiceIP = (primary: Cidr): IP => indexedIP(primary, 1n);

/**
 * `serviceCIDRs` must already be valid (primary first). Returns null for "none". The address
 * must be usable by the allocator of `version` and must not be the `kubernetes` Service's.
 */
export function validateDNSServiceIP(
  raw: unknown,
  serviceCIDRs: readonly Cidr[],
  version: KubernetesVersion,
): { ip: IP | null; errors: FieldError[] } {
  const primary = serviceCIDRs[0]!;
  if (raw === undefined || raw === null) {
    const d = kubeadmDNSIP(primary);
    if (d.ok) return { ip: d.ip, errors: [] };
    return {
      ip: null,
      errors: [fieldError.required(FIELD, `${d.error}; name an address or "none"`)],
    };
  }
  const s = readString(FIELD, raw);
  if (!s.ok) return { ip: null, errors: [s.error] };
  if (s.value === NO_DNS_SERVICE) return { ip: null, errors: [] };
  const value = goValue.str(s.value);
  const invalid = (detail: string) => ({
    ip: null,
    errors: [fieldError.invalid(FIELD, value, detail)],
  });
  // apimachinery util/validation/ip.go `parseIP` in strict mode.
  const ip = parseIPStrict(s.value);
  if (!ip) {
    return invalid(
      parseIPSloppy(s.value)
        ? 'must not have leading 0s'
        : 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
  }
  if (s.value.includes(':') && ip.family === 'IPv4')
    return invalid('must not be an IPv4-mapped IPv6 address');
  const cidr = serviceCIDRs.find((c) => c.family === ip.family);
  if (!cidr) return invalid(`${ip.family} is not configured on this cluster`);
  const range = serviceIPRange(cidr, version);
  const text = formatIP(ip);
  if (!ipBandOf(range, ip.value)) return invalid(notInRangeMessage(text, range));
  if (cidrContains(primary, ip) && ip.value === kubernetesServiceIP(primary).value) {
    return invalid(`provided IP is already allocated: it is the address of the kubernetes Service`);
  }
  return { ip, errors: [] };
}
