/**
 * A cluster definition: what kube-apiserver and kube-controller-manager would be started
 * with (`--service-cluster-ip-range`, `--service-node-port-range`, `--cluster-cidr`,
 * `--node-cidr-mask-size-*`), the version to reproduce, kubelet's `--max-pods` and the
 * kubeadm DNS Service address. Validated as those components validate their flags, with every
 * error returned at once and never a throw.
 */
import { type FieldError, fieldError, goValue } from '../errors/field-error';
import { type Cidr, type IP, type IPFamily, cidrsOverlap, familyBits } from '../net';
import { validateDNSServiceIP } from './dns-service-ip';
import { isPlainObject, readInteger, readString } from './json-values';
import {
  DEFAULT_VERSION,
  SUPPORTED_VERSIONS,
  formatKubernetesVersion,
  parseKubernetesVersion,
} from './kubernetes-version';
import { validatePodNetwork } from './pod-cidrs';
import { DEFAULT_NODE_PORT_RANGE, parsePortRange } from './port-range';
import type { KubernetesVersion, PortRange, ServiceNetwork } from './service-network';
import { validateServiceCIDRs } from './service-cidrs';

export interface ClusterDefinitionInput {
  name?: unknown;
  kubernetesVersion?: unknown;
  serviceCIDRs?: unknown;
  podCIDRs?: unknown;
  nodeCIDRMaskSize?: unknown;
  serviceNodePortRange?: unknown;
  maxPodsPerNode?: unknown;
  dnsServiceIP?: unknown;
}

export interface ClusterDefinition {
  name: string;
  /** Canonical "1.<minor>". */
  kubernetesVersion: string;
  version: KubernetesVersion;
  /** Primary first; one per family. */
  serviceCIDRs: Cidr[];
  podCIDRs: Cidr[];
  /** One entry per pod-CIDR family (defaults filled in). */
  nodeCIDRMaskSize: Partial<Record<IPFamily, number>>;
  nodePortRange: PortRange;
  maxPodsPerNode: number;
  /** null when the definition says "none". */
  dnsServiceIP: IP | null;
}

export type ClusterDefinitionResult =
  { ok: true; value: ClusterDefinition; warnings: string[] } | { ok: false; errors: FieldError[] };

/** kubelet's `--max-pods` default. */
export const DEFAULT_MAX_PODS_PER_NODE = 110;
const MAX_PODS_LIMIT = 65536;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** apimachinery util/validation `IsDNS1123Label`, one error per message as ValidateObjectMeta. */
function validateName(raw: unknown): { name: string | null; errors: FieldError[] } {
  if (raw === undefined || raw === null || raw === '')
    return { name: null, errors: [fieldError.required('name')] };
  const s = readString('name', raw);
  if (!s.ok) return { name: null, errors: [s.error] };
  const errors: FieldError[] = [];
  const value = goValue.str(s.value);
  if (s.value.length > 63)
    errors.push(fieldError.invalid('name', value, 'must be no more than 63 characters'));
  if (!DNS1123_LABEL.test(s.value)) {
    const detail = DNS1123_SUBDOMAIN.test(s.value)
      ? 'must not contain dots'
      : DNS1123_LABEL_MESSAGE;
    errors.push(fieldError.invalid('name', value, detail));
  }
  return { name: errors.length ? null : s.value, errors };
}

function validateVersion(raw: unknown): {
  version: KubernetesVersion | null;
  errors: FieldError[];
} {
  if (raw === undefined || raw === null)
    return { version: parseKubernetesVersion(DEFAULT_VERSION), errors: [] };
  const s = readString('kubernetesVersion', raw);
  if (!s.ok) return { version: null, errors: [s.error] };
  const version = parseKubernetesVersion(s.value);
  if (version) return { version, errors: [] };
  return {
    version: null,
    errors: [
      fieldError.notSupported('kubernetesVersion', goValue.str(s.value), SUPPORTED_VERSIONS),
    ],
  };
}

function validateNodePortRange(raw: unknown): { range: PortRange | null; errors: FieldError[] } {
  if (raw === undefined || raw === null) return { range: DEFAULT_NODE_PORT_RANGE, errors: [] };
  const s = readString('serviceNodePortRange', raw);
  if (!s.ok) return { range: null, errors: [s.error] };
  const r = parsePortRange(s.value);
  if (r.ok) return { range: r.range, errors: [] };
  return {
    range: null,
    errors: [fieldError.invalid('serviceNodePortRange', goValue.str(s.value), r.error)],
  };
}

/** `maxPodsPerNode` must fit every node pod CIDR the cluster hands out. */
function validateMaxPods(
  raw: unknown,
  masks: Partial<Record<IPFamily, number>> | null,
): { max: number | null; errors: FieldError[] } {
  const n =
    raw === undefined || raw === null
      ? { ok: true as const, value: DEFAULT_MAX_PODS_PER_NODE }
      : readInteger('maxPodsPerNode', raw, 1, MAX_PODS_LIMIT);
  if (!n.ok) return { max: null, errors: [n.error] };
  const errors: FieldError[] = [];
  for (const [family, mask] of Object.entries(masks ?? {}) as Array<[IPFamily, number]>) {
    const addresses = 1n << BigInt(familyBits(family) - mask);
    if (BigInt(n.value) > addresses) {
      errors.push(
        fieldError.invalid(
          'maxPodsPerNode',
          goValue.int(n.value),
          `must not exceed the ${addresses} addresses of a /${mask} ${family} node pod CIDR (nodeCIDRMaskSize.${family})`,
        ),
      );
    }
  }
  return { max: errors.length ? null : n.value, errors };
}

/** Non-fatal findings, returned to clients as `Warning` headers. */
function overlapWarnings(serviceCIDRs: readonly Cidr[], podCIDRs: readonly Cidr[]): string[] {
  const warnings: string[] = [];
  for (const s of serviceCIDRs)
    for (const p of podCIDRs)
      if (cidrsOverlap(s, p)) warnings.push(`service CIDR ${s.text} overlaps pod CIDR ${p.text}`);
  return warnings;
}

export function validateClusterDefinition(input: ClusterDefinitionInput): ClusterDefinitionResult {
  const src: ClusterDefinitionInput = isPlainObject(input) ? input : {};
  const name = validateName(src.name);
  const version = validateVersion(src.kubernetesVersion);
  const services = validateServiceCIDRs(src.serviceCIDRs, version.version);
  const pods = validatePodNetwork(src.podCIDRs, src.nodeCIDRMaskSize);
  const ports = validateNodePortRange(src.serviceNodePortRange);
  const maxPods = validateMaxPods(src.maxPodsPerNode, pods.value?.nodeCIDRMaskSize ?? null);
  const dns =
    services.cidrs && version.version
      ? validateDNSServiceIP(src.dnsServiceIP, services.cidrs, version.version)
      : { ip: null, errors: [] };
  const errors = [
    ...name.errors,
    ...version.errors,
    ...services.errors,
    ...pods.errors,
    ...ports.errors,
    ...maxPods.errors,
    ...dns.errors,
  ];
  if (
    errors.length > 0 ||
    name.name === null ||
    !version.version ||
    !services.cidrs ||
    !pods.value ||
    !ports.range ||
    maxPods.max === null
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      name: name.name,
      kubernetesVersion: formatKubernetesVersion(version.version),
      version: version.version,
      serviceCIDRs: services.cidrs,
      podCIDRs: pods.value.podCIDRs,
      nodeCIDRMaskSize: pods.value.nodeCIDRMaskSize,
      nodePortRange: ports.range,
      maxPodsPerNode: maxPods.max,
      dnsServiceIP: dns.ip,
    },
    warnings: overlapWarnings(services.cidrs, pods.value.podCIDRs),
  };
}

/** What the Service rules need from a cluster. */
export const serviceNetworkOf = (def: ClusterDefinition): ServiceNetwork => ({
  serviceCIDRs: def.serviceCIDRs,
  nodePortRange: def.nodePortRange,
  version: def.version,
});
