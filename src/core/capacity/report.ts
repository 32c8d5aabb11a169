/**
 * The capacity report of one cluster: every Service CIDR, the node-port range and every pod
 * CIDR with size, allocation, free room and utilization, plus what the cluster can still take
 * as a whole (nodes, single- and dual-stack Services) and its tightest range.
 */
import type { CapacityInput, RangeMaths } from './capacity-inputs';
import type { ClusterCapacity, RangeRef } from './capacity-outputs';
import { minBig } from './band-usage';
import { NO_USAGE, nodePortCapacity, serviceCIDRCapacity } from './service-capacity';
import { nodeCapacity, nodeMaskFor, podCIDRCapacity } from './pod-capacity';

export function capacityReport(input: CapacityInput, maths: RangeMaths): ClusterCapacity {
  const { cluster, usage } = input;
  const serviceCIDRs = cluster.serviceCIDRs.map((cidr) =>
    serviceCIDRCapacity(
      cidr,
      maths.serviceIPRange(cidr),
      usage.serviceIPs[cidr.family] ?? NO_USAGE,
    ),
  );
  const nodePorts = nodePortCapacity(
    cluster.nodePortRange,
    maths.nodePortBands(cluster.nodePortRange),
    usage.nodePorts,
  );
  const podCIDRs = cluster.podCIDRs.map((cidr) => {
    const mask = nodeMaskFor(cluster, cidr.family);
    return podCIDRCapacity(
      cidr,
      mask,
      maths.reservedNodeBlocks(cidr, mask, cluster.serviceCIDRs),
      usage.nodes[cidr.family] ?? 0n,
      cluster.maxPodsPerNode,
    );
  });

  const [primary, secondary] = serviceCIDRs;
  const ranges: RangeRef[] = [
    ...serviceCIDRs.map((s) => rangeRef('serviceCIDR', s.cidr, s.family, s.utilization, s.free)),
    rangeRef('nodePorts', nodePorts.range, null, nodePorts.utilization, nodePorts.free),
    ...podCIDRs.map((p) => rangeRef('podCIDR', p.cidr, p.family, p.utilization, p.freeNodes)),
  ];
  return {
    cluster: cluster.name,
    serviceCIDRs,
    nodePorts,
    podCIDRs,
    nodes: nodeCapacity(podCIDRs, cluster.maxPodsPerNode),
    singleStackServices: primary?.free ?? 0n,
    dualStackServices: primary && secondary ? minBig(primary.free, secondary.free) : null,
    tightest: tightestOf(ranges),
    ranges,
  };
}

export function rangeRef(
  kind: RangeRef['kind'],
  text: string,
  family: RangeRef['family'],
  utilization: number,
  free: bigint,
): RangeRef {
  return { name: `${kind} ${text}`, kind, family, utilization, free };
}

/** Tighter first: higher utilization, then fewer free, then name. */
export function compareTightness(a: RangeRef, b: RangeRef): number {
  if (a.utilization !== b.utilization) return b.utilization - a.utilization;
  if (a.free !== b.free) return a.free < b.free ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The tightest range; the node-port range is always present, so the list is never empty. */
function tightestOf(ranges: readonly RangeRef[]): RangeRef {
  return [...ranges].sort(compareTightness)[0]!;
}
