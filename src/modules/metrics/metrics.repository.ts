/** Allocation totals for the `*_allocation_total` counters, counted from the audit log. */
import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database.service';

export interface AllocationTotal {
  readonly clusterId: string;
  /** `ip` or `nodeport`. */
  readonly resource: string;
  readonly family: string;
  readonly band: string;
  readonly count: bigint;
}

@Injectable()
export class MetricsRepository {
  constructor(private readonly db: Database) {}

  /** Every allocation ever recorded, per cluster, resource, family and band: one statement. */
  async allocationTotals(): Promise<AllocationTotal[]> {
    const rows = await this.db.prisma.$queryRaw<
      { cluster_id: string; resource: string; family: string; band: string; n: string }[]
    >`
      SELECT e.cluster_id::text AS cluster_id, split_part(e.action, '.', 1) AS resource,
             coalesce(e.details->>'family', '') AS family, coalesce(e.details->>'band', '') AS band,
             count(*)::text AS n
      FROM audit_events e
      WHERE e.action IN ('ip.allocate', 'nodeport.allocate') AND e.cluster_id IS NOT NULL
      GROUP BY 1, 2, 3, 4`;
    return rows.map((r) => ({
      clusterId: r.cluster_id,
      resource: r.resource,
      family: r.family,
      band: r.band,
      count: BigInt(r.n),
    }));
  }
}
