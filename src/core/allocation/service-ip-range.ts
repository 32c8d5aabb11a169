/**
 * The usable addresses of one service CIDR and their static/dynamic bands (KEP-3070), as the
 * cluster-IP allocator of the given version sees them (reference §9.1, §9.2, §14 rule 12-13).
 */
import { type Cidr, familyBits, formatIP } from '../net';
import { usesBitmapAllocator } from '../cluster/kubernetes-version';
import type { KubernetesVersion } from '../cluster/service-network';

export interface ServiceIPRange {
  readonly cidr: Cidr;
  /** First usable address (network + 1). */
  readonly first: bigint;
  /** Last usable address; `first - 1` when the range has none. */
  readonly last: bigint;
  /** Number of usable addresses (`last - first + 1`). */
  readonly usable: bigint;
  /** Size of the static band: the lower `offset` usable addresses. */
  readonly offset: bigint;
  /** Last address of the static band (`first + offset - 1`). */
  readonly staticLast: bigint;
  /** First address of the dynamic band (`first + offset`). */
  readonly dynamicFirst: bigint;
}

const MAX_INT64 = (1n << 63n) - 1n;
/** The legacy allocator keeps a bitmap, so IPv6 ranges are capped at 2^16 addresses. */
const BITMAP_IPV6_CAP = 65536n;

/**
 * k8s.io/utils/net `RangeSize`: 2^hostbits, but 0 for /0-/1 (IPv4) and /0-/1 (IPv6), and
 * MaxInt64 once the size no longer fits an int64. Both kube-apiserver's minimum-size check and
 * `calculateRangeOffset` read the size through it.
 */
export function rangeSize(cidr: Cidr): bigint {
  const bits = familyBits(cidr.family);
  const host = bits - cidr.prefix;
  if ((bits === 32 && host >= 31) || (bits === 128 && host >= 127)) return 0n;
  if (host >= 63) return MAX_INT64;
  return 1n << BigInt(host);
}

/**
 * ipallocator `calculateRangeOffset`: `min(max(16, size/16), 256)` over the FULL CIDR size
 * (not the capped bitmap size), 0 when the CIDR has 16 addresses or fewer.
 */
export function calculateRangeOffset(cidr: Cidr): bigint {
  const size = rangeSize(cidr);
  if (size <= 16n) return 0n;
  const offset = size / 16n;
  if (offset < 16n) return 16n;
  return offset > 256n ? 256n : offset;
}

/**
 * ipallocator/bitmap.go `New` (≤ 1.33) or ipallocator.go `NewIPAllocator` (≥ 1.34). Both skip
 * the network address and, for IPv4, the broadcast address. The bitmap also caps IPv6 at
 * 65536 addresses, so its last usable IPv6 address is `network + 65535` (never the all-ones
 * address of a /112 or larger); the IPAddress allocator uses the whole CIDR.
 */
export function serviceIPRange(cidr: Cidr, version: KubernetesVersion): ServiceIPRange {
  const bitmap = usesBitmapAllocator(version);
  const size = 1n << BigInt(familyBits(cidr.family) - cidr.prefix);
  let max = bitmap ? rangeSize(cidr) : size;
  if (cidr.family === 'IPv6' && bitmap && max > BITMAP_IPV6_CAP) max = BITMAP_IPV6_CAP;
  if (cidr.family === 'IPv4') max -= 1n;
  max -= 1n;
  const usable = max > 0n ? max : 0n;
  const first = cidr.network + 1n;
  const offset = calculateRangeOffset(cidr);
  return {
    cidr,
    first,
    last: first + usable - 1n,
    usable,
    offset,
    staticLast: first + offset - 1n,
    dynamicFirst: first + offset,
  };
}

/** Which band an address falls in, or null when the allocator would reject it as out of range. */
export function ipBandOf(r: ServiceIPRange, value: bigint): 'static' | 'dynamic' | null {
  if (value < r.first || value > r.last) return null;
  return value <= r.staticLast ? 'static' : 'dynamic';
}

/** ipallocator `ErrNotInRange.Error()` in its current wording. */
export const notInRangeMessage = (ip: string, r: ServiceIPRange): string =>
  `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${r.cidr.text}`;

/** ipallocator `ErrAllocated`. */
export const IP_ALLOCATED_MESSAGE = 'provided IP is already allocated';
/** ipallocator / portallocator `ErrFull`. */
export const RANGE_FULL_MESSAGE = 'range is full';

/** The address at a band boundary, for explanations ("10.96.1.1"). */
export const formatRangeAddress = (r: ServiceIPRange, value: bigint): string =>
  formatIP({ family: r.cidr.family, value });
