/**
 * The configuration half of a what-if: the changed cluster, the reasons the change could not
 * be made while things are allocated, and the current allocations carried into the new ranges.
 *
 * Carrying assumes a CIDR that covers the old one keeps every allocation (the addresses stay
 * where they are) and a new node mask re-carves the same number of nodes; a CIDR that does not
 * cover the old one cannot keep anything, so it is only accepted while nothing is allocated.
 */
import { cidrsOverlap, type Cidr, type IPFamily } from '../net';
import type { BandCounts, CapacityCluster, CapacityUsage, RangeMaths } from './capacity-inputs';
import { bandSizes, minBig } from './band-usage';
import { nodeMaskFor, nodeMaskProblem } from './pod-capacity';

export interface ConfigChange {
  readonly nodeCIDRMaskSize?: Partial<Record<IPFamily, number>>;
  readonly maxPodsPerNode?: number;
  readonly serviceCIDRs?: readonly Cidr[];
  readonly podCIDRs?: readonly Cidr[];
}

export function applyChange(cluster: CapacityCluster, change: ConfigChange): CapacityCluster {
  return {
    ...cluster,
    serviceCIDRs: change.serviceCIDRs ?? cluster.serviceCIDRs,
    podCIDRs: change.podCIDRs ?? cluster.podCIDRs,
    nodeCIDRMaskSize: { ...cluster.nodeCIDRMaskSize, ...change.nodeCIDRMaskSize },
    maxPodsPerNode: change.maxPodsPerNode ?? cluster.maxPodsPerNode,
  };
}

const covers = (outer: Cidr, inner: Cidr): boolean =>
  outer.prefix <= inner.prefix && cidrsOverlap(outer, inner);

const byFamily = (cidrs: readonly Cidr[], f: IPFamily): Cidr | undefined =>
  cidrs.find((c) => c.family === f);

/** Why the changed ranges cannot hold what is allocated today, one sentence each. */
export function configReasons(
  before: CapacityCluster,
  after: CapacityCluster,
  usage: CapacityUsage,
): string[] {
  const reasons: string[] = [];
  const oldPrimary = before.serviceCIDRs[0];
  const newPrimary = after.serviceCIDRs[0];
  if (!newPrimary) reasons.push('a cluster needs at least one service CIDR');
  else if (oldPrimary && oldPrimary.family !== newPrimary.family) {
    reasons.push(
      `the primary service family cannot change from ${oldPrimary.family} to ${newPrimary.family}`,
    );
  }
  for (const old of before.serviceCIDRs) {
    const used = serviceTotal(usage.serviceIPs[old.family]);
    if (used === 0n) continue;
    const next = byFamily(after.serviceCIDRs, old.family);
    if (!next)
      reasons.push(
        `${used} ${old.family} Service IPs are allocated from ${old.text}, which the change removes`,
      );
    else if (!covers(next, old)) {
      reasons.push(
        `${used} ${old.family} Service IPs are allocated from ${old.text}, which ${next.text} does not cover`,
      );
    }
  }
  for (const old of before.podCIDRs) {
    const used = usage.nodes[old.family] ?? 0n;
    if (used === 0n) continue;
    const next = byFamily(after.podCIDRs, old.family);
    if (!next)
      reasons.push(
        `${used} nodes hold ${old.family} pod CIDRs from ${old.text}, which the change removes`,
      );
    else if (!covers(next, old)) {
      reasons.push(
        `${used} nodes hold ${old.family} pod CIDRs from ${old.text}, which ${next.text} does not cover`,
      );
    }
  }
  for (const cidr of after.podCIDRs) {
    const problem = nodeMaskProblem(cidr, nodeMaskFor(after, cidr.family));
    if (problem) reasons.push(problem);
  }
  if (!Number.isInteger(after.maxPodsPerNode) || after.maxPodsPerNode < 1) {
    reasons.push(`maxPodsPerNode must be a positive integer, got ${after.maxPodsPerNode}`);
  }
  return reasons;
}

const serviceTotal = (c: BandCounts | undefined): bigint => (c ? c.static + c.dynamic : 0n);

/**
 * Today's allocations as they would sit in the changed ranges. A family that keeps its service
 * CIDR keeps its band split; a new CIDR keeps the total, with at most its static band's worth
 * in the static band. A pod family the change adds starts with today's node count.
 */
export function carryUsage(
  before: CapacityCluster,
  after: CapacityCluster,
  usage: CapacityUsage,
  maths: RangeMaths,
): CapacityUsage {
  const serviceIPs: Partial<Record<IPFamily, BandCounts>> = {};
  for (const cidr of after.serviceCIDRs) {
    const used = usage.serviceIPs[cidr.family];
    if (!used) continue;
    const old = byFamily(before.serviceCIDRs, cidr.family);
    if (old && old.text === cidr.text) {
      serviceIPs[cidr.family] = used;
      continue;
    }
    const range = maths.serviceIPRange(cidr);
    const staticSize = bandSizes(range.usable, range.offset).static;
    const total = serviceTotal(used);
    const inStatic = minBig(used.static, staticSize);
    serviceIPs[cidr.family] = { static: inStatic, dynamic: total - inStatic };
  }
  // Every node needs a block of each pod family, so a family the change adds must also
  // cover the nodes that exist today.
  const nodeCount = Object.values(usage.nodes).reduce((a, b) => (b > a ? b : a), 0n);
  const nodes: Partial<Record<IPFamily, bigint>> = {};
  for (const cidr of after.podCIDRs) nodes[cidr.family] = usage.nodes[cidr.family] ?? nodeCount;
  return { serviceIPs, nodePorts: usage.nodePorts, nodes };
}
