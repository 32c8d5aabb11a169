/**
 * kube-controller-manager node IPAM (pkg/controller/nodeipam/ipam/cidrset/cidr_set.go and
 * range_allocator.go; reference §9.5): a cluster CIDR is cut into 2^(nodeMask - clusterMask)
 * node blocks, and the blocks that overlap a service CIDR are marked used at start-up.
 */
import { type Cidr, cidrLast, cidrsOverlap, familyBits, makeCidr } from '../net';

/** The cidrset limit on `nodeMask - clusterMask` for IPv6 (`clusterSubnetMaxDiff`). */
export const CLUSTER_SUBNET_MAX_DIFF = 16;

/** cidrset `ErrCIDRRangeNoCIDRsRemaining`. */
export const NO_CIDRS_REMAINING_MESSAGE =
  'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range';

/** cidrset `ErrCIDRSetSubNetTooBig`. */
export const SUBNET_TOO_BIG_MESSAGE = 'New CIDR set failed; the node CIDR size is too big';

/** `NewCIDRSet`'s `maxCIDRs`: 2^(nodeMask - clusterMask). */
export const nodeCidrCount = (cluster: Cidr, nodeMask: number): bigint =>
  1n << BigInt(nodeMask - cluster.prefix);

const hostShift = (cluster: Cidr, nodeMask: number): bigint =>
  BigInt(familyBits(cluster.family) - nodeMask);

/** cidrset `indexToCIDRBlock`: the index-th node block. */
export const nodeCidrBlock = (cluster: Cidr, nodeMask: number, index: bigint): Cidr =>
  makeCidr(cluster.family, cluster.network | (index << hostShift(cluster, nodeMask)), nodeMask);

/** cidrset `getIndexForIP`: the block index of an address inside the cluster CIDR. */
export const nodeCidrIndexOf = (cluster: Cidr, nodeMask: number, value: bigint): bigint =>
  (value ^ cluster.network) >> hostShift(cluster, nodeMask);

/**
 * range_allocator `filterOutServiceRange` + cidrset `Occupy`/`getBeginningAndEndIndices`:
 * the inclusive block-index intervals pre-marked as used because they overlap a service
 * CIDR. A service CIDR as large as the cluster CIDR or larger takes every block. Intervals
 * are sorted and merged.
 */
export function serviceOverlapBlocks(
  cluster: Cidr,
  nodeMask: number,
  serviceCIDRs: readonly Cidr[],
): Array<{ from: bigint; to: bigint }> {
  const count = nodeCidrCount(cluster, nodeMask);
  const spans: Array<{ from: bigint; to: bigint }> = [];
  for (const svc of serviceCIDRs) {
    if (!cidrsOverlap(cluster, svc)) continue;
    if (svc.prefix <= cluster.prefix) spans.push({ from: 0n, to: count - 1n });
    else
      spans.push({
        from: nodeCidrIndexOf(cluster, nodeMask, svc.network),
        to: nodeCidrIndexOf(cluster, nodeMask, cidrLast(svc)),
      });
  }
  spans.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Array<{ from: bigint; to: bigint }> = [];
  for (const s of spans) {
    const prev = merged[merged.length - 1];
    if (prev && s.from <= prev.to + 1n) prev.to = s.to > prev.to ? s.to : prev.to;
    else merged.push({ ...s });
  }
  return merged;
}

/** Node blocks left for nodes once the service overlap is taken out. */
export function assignableNodeCidrCount(
  cluster: Cidr,
  nodeMask: number,
  serviceCIDRs: readonly Cidr[],
): bigint {
  const reserved = serviceOverlapBlocks(cluster, nodeMask, serviceCIDRs).reduce(
    (n, s) => n + (s.to - s.from + 1n),
    0n,
  );
  return nodeCidrCount(cluster, nodeMask) - reserved;
}
