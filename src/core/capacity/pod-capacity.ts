/**
 * Node and pod capacity of the pod CIDRs, as kube-controller-manager's node IPAM carves them
 * (pkg/controller/nodeipam/ipam/cidrset/cidr_set.go): each cluster CIDR yields
 * 2^(nodeMask - clusterMask) node blocks, minus the blocks `filterOutServiceRange` pre-marks
 * because they overlap a service CIDR.
 */
import { familyBits, type Cidr, type IPFamily } from '../net';
import { DEFAULT_NODE_CIDR_MASK_SIZE } from '../cluster/pod-cidrs';
import {
  CLUSTER_SUBNET_MAX_DIFF,
  SUBNET_TOO_BIG_MESSAGE,
  nodeCidrCount,
} from '../allocation/node-cidrs';
import type { CapacityCluster } from './capacity-inputs';
import type { NodeCapacity, PodCIDRCapacity } from './capacity-outputs';
import { maxBig, minBig, utilization } from './band-usage';

export const nodeMaskFor = (cluster: CapacityCluster, family: IPFamily): number =>
  cluster.nodeCIDRMaskSize[family] ?? DEFAULT_NODE_CIDR_MASK_SIZE[family];

/**
 * Why kube-controller-manager would refuse this node mask for the pod CIDR, or null.
 * Mirrors the checks of `NewCIDRSet` and of node IPAM's start-up (`setNodeCIDRMaskSizes`).
 */
export function nodeMaskProblem(podCIDR: Cidr, nodeMask: number): string | null {
  if (!Number.isInteger(nodeMask) || nodeMask > familyBits(podCIDR.family)) {
    return `node CIDR mask /${nodeMask} is not valid for ${podCIDR.family}`;
  }
  if (nodeMask < podCIDR.prefix) {
    return `Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family (${podCIDR.text}, /${nodeMask})`;
  }
  if (podCIDR.family === 'IPv6' && nodeMask - podCIDR.prefix > CLUSTER_SUBNET_MAX_DIFF) {
    return `${SUBNET_TOO_BIG_MESSAGE} (${podCIDR.text}, /${nodeMask})`;
  }
  return null;
}

/** Pod addresses in one block: IPv4 loses network and broadcast, IPv6 only the network. */
export function podsPerBlock(family: IPFamily, blockSize: bigint): bigint {
  return maxBig(0n, blockSize - (family === 'IPv4' ? 2n : 1n));
}

export function podCIDRCapacity(
  podCIDR: Cidr,
  nodeMask: number,
  reservedBlocks: bigint,
  allocatedNodes: bigint,
  maxPodsPerNode: number,
): PodCIDRCapacity {
  const valid = nodeMaskProblem(podCIDR, nodeMask) === null;
  const bits = familyBits(podCIDR.family);
  const blockSize = valid ? 1n << BigInt(bits - nodeMask) : 0n;
  const blocks = valid ? nodeCidrCount(podCIDR, nodeMask) : 0n;
  const reserved = minBig(maxBig(0n, reservedBlocks), blocks);
  const maxNodes = blocks - reserved;
  const perBlock = podsPerBlock(podCIDR.family, blockSize);
  return {
    family: podCIDR.family,
    cidr: podCIDR.text,
    nodeMask,
    blockSize,
    podsPerBlock: perBlock,
    blocks,
    reservedBlocks: reserved,
    maxNodes,
    allocatedNodes,
    freeNodes: maxBig(0n, maxNodes - allocatedNodes),
    utilization: utilization(allocatedNodes, maxNodes),
    maxPods: maxNodes * minBig(BigInt(Math.max(0, Math.trunc(maxPodsPerNode))), perBlock),
  };
}

/**
 * Node capacity over all pod families: a node needs one block from each, so the cluster takes
 * the MIN of the families' node counts and the MIN of their pod addresses per node.
 */
export function nodeCapacity(
  pods: readonly PodCIDRCapacity[],
  maxPodsPerNode: number,
): NodeCapacity | null {
  const [first, ...rest] = pods;
  if (!first) return null;
  let maxNodes = first.maxNodes;
  let allocatedNodes = first.allocatedNodes;
  let perBlock = first.podsPerBlock;
  for (const p of rest) {
    maxNodes = minBig(maxNodes, p.maxNodes);
    allocatedNodes = maxBig(allocatedNodes, p.allocatedNodes);
    perBlock = minBig(perBlock, p.podsPerBlock);
  }
  const podsPerNode = minBig(BigInt(Math.max(0, Math.trunc(maxPodsPerNode))), perBlock);
  return {
    maxNodes,
    allocatedNodes,
    freeNodes: maxBig(0n, maxNodes - allocatedNodes),
    utilization: utilization(allocatedNodes, maxNodes),
    podsPerNode,
    maxPods: maxNodes * podsPerNode,
  };
}
