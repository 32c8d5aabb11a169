/**
 * `--service-cluster-ip-range` as kube-apiserver validates it: options/validation.go
 * `validateClusterIPFlags` and `validateMaxCIDRRange`, controlplane `ServiceIPRange`, and the
 * IPAddress allocator's prefix limit (ipallocator.go `NewIPAllocator`). Reference §9.1, §9.2.
 */
import { type FieldError, fieldError, goValue } from '../errors/field-error';
import { type Cidr, familyBits } from '../net';
import { rangeSize } from '../allocation/service-ip-range';
import { parseCidrList } from './cidr-list';
import { usesBitmapAllocator } from './kubernetes-version';
import type { KubernetesVersion } from './service-network';

const FIELD = 'serviceCIDRs';
/** `maxCIDRBits` of validateClusterIPFlags: the bitmap is kept in etcd. */
const MAX_CIDR_BITS = 20;
/** ipallocator.go `NewIPAllocator`: IPv6 service CIDRs shorter than /64 are refused. */
const SHORTEST_IPV6_PREFIX = 64;

const flagName = (i: number): string =>
  i === 0 ? '--service-cluster-ip-range' : `--service-cluster-ip-range[${i}]`;

/** validation.go `validateMaxCIDRRange`. */
function maxCIDRRangeError(cidr: Cidr, i: number): string | null {
  const bits = familyBits(cidr.family);
  if (bits - cidr.prefix <= MAX_CIDR_BITS) return null;
  return `specified ${flagName(i)} is too large; for ${bits}-bit addresses, the mask must be >= ${bits - MAX_CIDR_BITS}`;
}

/**
 * Returns the parsed CIDRs (primary first) when every rule passes, plus all errors found.
 * `version` is null when the version itself is invalid: the version-dependent size rules are
 * then skipped rather than guessed.
 */
export function validateServiceCIDRs(
  raw: unknown,
  version: KubernetesVersion | null,
): { cidrs: Cidr[] | null; errors: FieldError[] } {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    return {
      cidrs: null,
      errors: [
        fieldError.required(
          FIELD,
          '--service-cluster-ip-range must contain at least one valid cidr',
        ),
      ],
    };
  }
  const { cidrs, complete, errors } = parseCidrList(FIELD, raw);
  if (Array.isArray(raw) && raw.length > 2) {
    errors.push(
      fieldError.tooMany(
        FIELD,
        goValue.int(raw.length),
        '--service-cluster-ip-range must not contain more than two entries',
      ),
    );
  }
  const [primary, secondary] = cidrs;
  if (primary && secondary && primary.family === secondary.family) {
    errors.push(
      fieldError.invalid(
        `${FIELD}[1]`,
        goValue.str(secondary.text),
        '--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family',
      ),
    );
  }
  cidrs.slice(0, 2).forEach((cidr, i) => {
    if (!cidr) return;
    const field = `${FIELD}[${i}]`;
    const value = goValue.str(cidr.text);
    if (version && usesBitmapAllocator(version)) {
      const tooLarge = maxCIDRRangeError(cidr, i);
      if (tooLarge) errors.push(fieldError.invalid(field, value, tooLarge));
    } else if (version && cidr.family === 'IPv6' && cidr.prefix < SHORTEST_IPV6_PREFIX) {
      errors.push(
        fieldError.invalid(
          field,
          value,
          `shortest allowed prefix length for service CIDR is ${SHORTEST_IPV6_PREFIX}, got ${cidr.prefix}`,
        ),
      );
    }
    // controlplane `ServiceIPRange`: min(RangeSize, 2^16) must be at least 8. Upstream checks
    // the primary only; a secondary that small could hold almost nothing, so it is held to the
    // same floor.
    const size = rangeSize(cidr);
    if ((size < 65536n ? size : 65536n) < 8n) {
      errors.push(
        fieldError.invalid(
          field,
          value,
          'the service cluster IP range must be at least 8 IP addresses',
        ),
      );
    }
  });
  const ok = complete && errors.length === 0;
  return { cidrs: ok ? (cidrs as Cidr[]) : null, errors };
}
