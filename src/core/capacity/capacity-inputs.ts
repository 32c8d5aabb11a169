/**
 * What the capacity maths reads: a cluster's ranges, how much of each is in use, and the
 * band maths of the allocators. Plain values only; the capacity service maps database counts
 * into `CapacityUsage`, and a validated cluster definition (cluster/) is assignable to
 * `CapacityCluster` as it stands.
 */
import type { Cidr, IPFamily } from '../net';
import type { PortRange } from '../cluster/service-network';

/** The ranges of one cluster: kube-apiserver's and kube-controller-manager's flags. */
export interface CapacityCluster {
  readonly name: string;
  /** `--service-cluster-ip-range`: one or two CIDRs, primary first. */
  readonly serviceCIDRs: readonly Cidr[];
  /** `--cluster-cidr`: zero, one or two CIDRs, one per family. */
  readonly podCIDRs: readonly Cidr[];
  /** `--node-cidr-mask-size-ipv4/-ipv6`; a missing family takes the upstream default. */
  readonly nodeCIDRMaskSize: Partial<Record<IPFamily, number>>;
  readonly nodePortRange: PortRange;
  /** kubelet `--max-pods`. */
  readonly maxPodsPerNode: number;
}

/** Allocated items counted by band (KEP-3070 for IPs, KEP-3668 for node ports). */
export interface BandCounts {
  readonly static: bigint;
  readonly dynamic: bigint;
}

export interface CapacityUsage {
  /** Allocated Service IPs per family; a missing family counts as none. */
  readonly serviceIPs: Partial<Record<IPFamily, BandCounts>>;
  readonly nodePorts: BandCounts;
  /** Node pod CIDRs handed out per family (one per node and family). */
  readonly nodes: Partial<Record<IPFamily, bigint>>;
}

export interface CapacityInput {
  readonly cluster: CapacityCluster;
  readonly usage: CapacityUsage;
}

/**
 * The allocator maths capacity depends on, bound to the cluster's Kubernetes version
 * (allocation/ owns the formulas; range-maths.ts `rangeMaths(version)` is the binding). The
 * shapes are subsets of allocation/'s `ServiceIPRange` and `NodePortBands`.
 */
export interface RangeMaths {
  /** Addresses the cluster-IP allocator can hand out and its static band size (`offset`). */
  serviceIPRange(cidr: Cidr): ServiceIPRangeShape;
  /** Node-port range size and static band size. */
  nodePortBands(range: PortRange): NodePortBandsShape;
  /** Node blocks kube-controller-manager pre-marks as used because they overlap a service CIDR. */
  reservedNodeBlocks(podCIDR: Cidr, nodeMask: number, serviceCIDRs: readonly Cidr[]): bigint;
}

export interface ServiceIPRangeShape {
  readonly usable: bigint;
  /** Static band size before clipping to `usable` (`calculateRangeOffset`). */
  readonly offset: bigint;
}

export interface NodePortBandsShape {
  readonly size: number;
  readonly offset: number;
}
