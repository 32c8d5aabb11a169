/**
 * The allocator maths capacity counts with, bound to a cluster's Kubernetes version. The
 * formulas live in allocation/ (the allocator and capacity must agree on every boundary);
 * this only adapts them to the `RangeMaths` port.
 */
import type { Cidr } from '../net';
import type { KubernetesVersion } from '../cluster/service-network';
import { nodePortBands } from '../allocation/node-port-range';
import { serviceIPRange } from '../allocation/service-ip-range';
import { serviceOverlapBlocks } from '../allocation/node-cidrs';
import type { RangeMaths } from './capacity-inputs';
import { nodeMaskProblem } from './pod-capacity';

/**
 * Blocks of `podCIDR` pre-marked as used by `filterOutServiceRange`, each counted once; none
 * when node IPAM would refuse the mask (a what-if may propose one), as it carves no blocks.
 */
export function reservedNodeBlocks(
  podCIDR: Cidr,
  nodeMask: number,
  serviceCIDRs: readonly Cidr[],
): bigint {
  if (nodeMaskProblem(podCIDR, nodeMask) !== null) return 0n;
  return serviceOverlapBlocks(podCIDR, nodeMask, serviceCIDRs).reduce(
    (n, s) => n + (s.to - s.from + 1n),
    0n,
  );
}

export function rangeMaths(version: KubernetesVersion): RangeMaths {
  return {
    serviceIPRange: (cidr) => serviceIPRange(cidr, version),
    nodePortBands: (range) => nodePortBands(range, version),
    reservedNodeBlocks,
  };
}
