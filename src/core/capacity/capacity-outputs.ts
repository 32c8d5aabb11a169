/**
 * The capacity report's shape. Every count is a bigint, because an IPv6 range holds more
 * addresses than a double can count exactly; utilizations are floats in 0..1.
 */
import type { IPFamily } from '../net';

export interface BandCapacity {
  readonly size: bigint;
  readonly allocated: bigint;
  readonly free: bigint;
  readonly utilization: number;
}

export interface ServiceCIDRCapacity {
  readonly family: IPFamily;
  readonly cidr: string;
  /** All addresses of the CIDR (2^hostbits). */
  readonly size: bigint;
  /** Addresses the allocator can hand out (see allocation/ for the exclusions and caps). */
  readonly usable: bigint;
  readonly allocated: bigint;
  readonly free: bigint;
  readonly utilization: number;
  readonly static: BandCapacity;
  readonly dynamic: BandCapacity;
}

export interface NodePortCapacity {
  /** "30000-32767". */
  readonly range: string;
  readonly size: bigint;
  readonly allocated: bigint;
  readonly free: bigint;
  readonly utilization: number;
  readonly static: BandCapacity;
  readonly dynamic: BandCapacity;
}

export interface PodCIDRCapacity {
  readonly family: IPFamily;
  readonly cidr: string;
  readonly nodeMask: number;
  /** Addresses in one node's block (2^(bits - nodeMask)). */
  readonly blockSize: bigint;
  /** Pod addresses one block offers: IPv4 drops network and broadcast, IPv6 the network. */
  readonly podsPerBlock: bigint;
  /** Blocks the CIDR splits into (2^(nodeMask - clusterMask)). */
  readonly blocks: bigint;
  /** Blocks overlapping a service CIDR (`filterOutServiceRange`). */
  readonly reservedBlocks: bigint;
  readonly maxNodes: bigint;
  readonly allocatedNodes: bigint;
  readonly freeNodes: bigint;
  readonly utilization: number;
  /** maxNodes * min(maxPodsPerNode, podsPerBlock). */
  readonly maxPods: bigint;
}

/** Node capacity of the cluster: each node takes one block per pod family, so the MIN wins. */
export interface NodeCapacity {
  readonly maxNodes: bigint;
  readonly allocatedNodes: bigint;
  readonly freeNodes: bigint;
  readonly utilization: number;
  readonly podsPerNode: bigint;
  readonly maxPods: bigint;
}

export type RangeKind = 'serviceCIDR' | 'nodePorts' | 'podCIDR';

/** One range, named for people: "serviceCIDR 10.1.0.0/16", "nodePorts 30000-32767". */
export interface RangeRef {
  readonly name: string;
  readonly kind: RangeKind;
  readonly family: IPFamily | null;
  readonly utilization: number;
  readonly free: bigint;
}

export interface ClusterCapacity {
  readonly cluster: string;
  readonly serviceCIDRs: readonly ServiceCIDRCapacity[];
  readonly nodePorts: NodePortCapacity;
  readonly podCIDRs: readonly PodCIDRCapacity[];
  /** Null when the cluster has no pod CIDRs (node IPAM off). */
  readonly nodes: NodeCapacity | null;
  /** Services the primary family can still take (SingleStack, or PreferDualStack on one stack). */
  readonly singleStackServices: bigint;
  /** RequireDualStack Services that still fit: the MIN of both families' free; null on one stack. */
  readonly dualStackServices: bigint | null;
  /** The range with the highest utilization (then fewest free, then name). */
  readonly tightest: RangeRef;
  readonly ranges: readonly RangeRef[];
}
