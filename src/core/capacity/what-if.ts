/**
 * What-if planning: would this many more nodes and Services, or these changed ranges, still
 * fit the cluster? The answer carries both reports, the ranges that run out (the one that runs
 * out first, first) and a sentence for every reason it does not fit. Only the capacity rules
 * are judged here; the flag rules of a changed definition are cluster/'s
 * `validateClusterDefinition`, which the caller runs over `applyChange`'s result.
 */
import type { IPFamily } from '../net';
import type { BandCounts, CapacityInput, CapacityUsage, RangeMaths } from './capacity-inputs';
import type { ClusterCapacity } from './capacity-outputs';
import { maxBig, minBig } from './band-usage';
import { capacityReport } from './report';
import { NO_USAGE } from './service-capacity';
import { applyChange, carryUsage, configReasons, type ConfigChange } from './what-if-change';

export type ServicePolicy = 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';

export interface AddServices {
  readonly count: bigint | number;
  readonly policy: ServicePolicy;
  /** The Service's first IP family; defaults to the cluster's primary family. */
  readonly family?: IPFamily;
  /** Node ports each Service takes (a NodePort Service takes one per port); default 0. */
  readonly nodePortsPerService?: number;
}

export interface CapacityChange extends ConfigChange {
  readonly addNodes?: bigint | number;
  readonly addServices?: AddServices;
}

export interface WhatIfResult {
  readonly fits: boolean;
  readonly before: ClusterCapacity;
  readonly after: ClusterCapacity;
  /** Names of the ranges that run out ("serviceCIDR 10.1.0.0/16"), the first to run out first. */
  readonly exhausted: string[];
  readonly reasons: string[];
}

/** One range's demand: what it holds today in the new layout, what the change adds, its room. */
interface Demand {
  readonly name: string;
  readonly capacity: bigint;
  readonly carried: bigint;
  readonly added: bigint;
}

export function whatIf(
  current: CapacityInput,
  change: CapacityChange,
  maths: RangeMaths,
): WhatIfResult {
  const before = capacityReport(current, maths);
  const cluster = applyChange(current.cluster, change);
  const reasons = configReasons(current.cluster, cluster, current.usage);

  const services = toCount(change.addServices?.count, 'addServices.count', reasons);
  const nodes = toCount(change.addNodes, 'addNodes', reasons);
  const portsEach = toCount(
    change.addServices?.nodePortsPerService,
    'addServices.nodePortsPerService',
    reasons,
  );
  const families =
    change.addServices && services > 0n
      ? serviceFamilies(
          cluster.serviceCIDRs.map((c) => c.family),
          change.addServices,
          reasons,
        )
      : [];

  const carried = carryUsage(current.cluster, cluster, current.usage, maths);
  const base = capacityReport({ cluster, usage: carried }, maths);
  const demands: Demand[] = [
    ...base.serviceCIDRs.map((s) => ({
      name: `serviceCIDR ${s.cidr}`,
      capacity: s.usable,
      carried: s.allocated,
      added: families.includes(s.family) ? services : 0n,
    })),
    {
      name: `nodePorts ${base.nodePorts.range}`,
      capacity: base.nodePorts.size,
      carried: base.nodePorts.allocated,
      added: services * portsEach,
    },
    ...base.podCIDRs.map((p) => ({
      name: `podCIDR ${p.cidr}`,
      capacity: p.maxNodes,
      carried: p.allocatedNodes,
      added: nodes,
    })),
  ];

  const short = demands.filter((d) => d.carried + d.added > d.capacity).sort(runsOutFirst);
  for (const d of short) reasons.push(shortfall(d));

  const usage: CapacityUsage = {
    serviceIPs: Object.fromEntries(
      base.serviceCIDRs.map((s) => [
        s.family,
        take(
          carried.serviceIPs[s.family] ?? NO_USAGE,
          families.includes(s.family) ? services : 0n,
          s.dynamic.free,
          s.static.free,
        ),
      ]),
    ),
    nodePorts: take(
      carried.nodePorts,
      services * portsEach,
      base.nodePorts.dynamic.free,
      base.nodePorts.static.free,
    ),
    nodes: Object.fromEntries(
      base.podCIDRs.map((p) => [
        p.family,
        maxBig(p.allocatedNodes, minBig(p.allocatedNodes + nodes, p.maxNodes)),
      ]),
    ),
  };
  const after = capacityReport({ cluster, usage }, maths);
  return {
    fits: reasons.length === 0,
    before,
    after,
    exhausted: short.map((d) => d.name),
    reasons,
  };
}

/**
 * The families a new Service takes one IP from (`initIPFamilyFields`): SingleStack one;
 * PreferDualStack both on a dual-stack cluster, else the primary; RequireDualStack both, or
 * the kube-apiserver error on a single-stack cluster.
 */
export function serviceFamilies(
  configured: readonly IPFamily[],
  add: AddServices,
  reasons: string[],
): IPFamily[] {
  const first = add.family ?? configured[0];
  if (!first) return [];
  if (!configured.includes(first)) {
    reasons.push(`spec.ipFamilies[0]: Invalid value: "${first}": not configured on this cluster`);
    return [];
  }
  if (add.policy === 'SingleStack') return [first];
  if (configured.length === 2) return [...configured];
  if (add.policy === 'RequireDualStack') {
    reasons.push(
      'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    );
    return [];
  }
  return [first];
}

/** New allocations land in the dynamic band first, then the static band (`randomScanStrategyWithOffset`). */
function take(
  used: BandCounts,
  count: bigint,
  dynamicFree: bigint,
  staticFree: bigint,
): BandCounts {
  const dynamic = minBig(count, dynamicFree);
  const fallback = minBig(count - dynamic, staticFree);
  return { static: used.static + fallback, dynamic: used.dynamic + dynamic };
}

/**
 * A range runs out after the fraction (capacity - carried) / added of the change; one already
 * over capacity before anything is added runs out first. Exact rational comparison in bigint.
 */
function runsOutFirst(a: Demand, b: Demand): number {
  const ra = a.capacity - a.carried;
  const rb = b.capacity - b.carried;
  const zeroA = a.added === 0n;
  const zeroB = b.added === 0n;
  let diff: bigint;
  if (zeroA !== zeroB) return zeroA ? -1 : 1;
  else if (zeroA) diff = ra - rb;
  else diff = ra * b.added - rb * a.added;
  if (diff !== 0n) return diff < 0n ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function shortfall(d: Demand): string {
  const free = maxBig(0n, d.capacity - d.carried);
  if (d.added === 0n) return `${d.name}: ${d.carried} allocated, only ${d.capacity} fit`;
  return `${d.name}: ${d.added} needed, ${free} free`;
}

function toCount(value: bigint | number | undefined, field: string, reasons: string[]): bigint {
  if (value === undefined) return 0n;
  if ((typeof value === 'number' && !Number.isSafeInteger(value)) || value < 0) {
    reasons.push(`${field} must be a non-negative integer, got ${value}`);
    return 0n;
  }
  return BigInt(value);
}
