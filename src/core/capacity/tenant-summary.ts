/**
 * A tenant's clusters ranked by how close each is to running out: by its tightest range,
 * highest utilization first, ties by cluster name, so the list reads as a to-do list.
 */
import type { ClusterCapacity, RangeRef } from './capacity-outputs';

export interface RankedCluster {
  readonly cluster: string;
  readonly tightest: RangeRef;
}

export interface TenantCapacitySummary {
  readonly clusters: readonly RankedCluster[];
  /** The first of `clusters`, or null for a tenant without clusters. */
  readonly tightest: RankedCluster | null;
}

export function tenantSummary(reports: readonly ClusterCapacity[]): TenantCapacitySummary {
  const clusters = reports
    .map((r) => ({ cluster: r.cluster, tightest: r.tightest }))
    .sort((a, b) => {
      if (a.tightest.utilization !== b.tightest.utilization) {
        return b.tightest.utilization - a.tightest.utilization;
      }
      return a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0;
    });
  return { clusters, tightest: clusters[0] ?? null };
}
