/**
 * Allocation counts kept in sharded counter rows (`allocation_counters`): every allocation
 * and release adds ±1 to a random one of SHARDS rows of its (cluster, kind, scope) in the
 * statement that changes the allocation, so concurrent reservations do not queue on one hot
 * row, and a reader sums a fixed, small number of rows (O(1) in the number of allocations).
 *
 * Kinds and scopes:
 * - `ip`: `IPv4/static`, `IPv4/dynamic`, `IPv6/static`, `IPv6/dynamic` (band of the address);
 * - `nodeport`: `nodeport/static`, `nodeport/dynamic`;
 * - `nodecidr`: `IPv4`, `IPv6` (node pod CIDR blocks handed out).
 */
import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import type { Band } from '../../core/allocation/candidates';
import { Database } from '../../platform/database/database.service';
import { clientOf, type Tx } from '../../platform/database/transactions';

export const SHARDS = 16;
export type CounterKind = 'ip' | 'nodeport' | 'nodecidr';

/** One summed counter: the number of allocations of a kind and scope in a cluster. */
export interface AllocationCount {
  clusterId: string;
  kind: CounterKind;
  scope: string;
  count: bigint;
}

export const randomShard = (): number => Math.floor(Math.random() * SHARDS);

/**
 * The SQL of a counter upsert over the rows of a data-modifying CTE named `source`, which
 * must expose a `scope` column; `sign` is +1 (allocations) or -1 (releases).
 */
export function counterUpsert(clusterId: string, kind: CounterKind, sign: 1 | -1): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO allocation_counters AS k (cluster_id, kind, scope, shard, count)
    SELECT ${clusterId}::uuid, ${kind}, scope, ${randomShard()}, ${sign}::bigint * count(*) FROM source GROUP BY scope
    ON CONFLICT (cluster_id, kind, scope, shard) DO UPDATE SET count = k.count + EXCLUDED.count`;
}

@Injectable()
export class AllocationCountersRepository {
  constructor(private readonly db: Database) {}

  /**
   * Totals per cluster, kind and scope for the given clusters, in one statement (for
   * capacity reports). Scopes with no allocation ever made are absent (read them as 0).
   */
  async counts(clusterIds: readonly string[], tx?: Tx): Promise<AllocationCount[]> {
    if (clusterIds.length === 0) return [];
    const rows = await clientOf(this.db, tx).$queryRaw<
      Array<{ cluster_id: string; kind: CounterKind; scope: string; n: string }>
    >`SELECT cluster_id::text AS cluster_id, kind, scope, sum(count)::text AS n
      FROM allocation_counters WHERE cluster_id = ANY(${[...clusterIds]}::uuid[])
      GROUP BY cluster_id, kind, scope`;
    return rows.map((r) => ({
      clusterId: r.cluster_id,
      kind: r.kind,
      scope: r.scope,
      count: BigInt(r.n),
    }));
  }

  /** Rows per band of one pool: scopes `<prefix>/static` and `<prefix>/dynamic`. */
  async bandCounts(
    tx: Tx | undefined,
    clusterId: string,
    kind: CounterKind,
    prefix: string,
  ): Promise<Record<Band, bigint>> {
    const rows = await clientOf(this.db, tx).$queryRaw<Array<{ scope: string; n: string }>>`
      SELECT scope, sum(count)::text AS n FROM allocation_counters
      WHERE cluster_id = ${clusterId}::uuid AND kind = ${kind}
        AND scope IN (${`${prefix}/static`}, ${`${prefix}/dynamic`})
      GROUP BY scope`;
    const out: Record<Band, bigint> = { static: 0n, dynamic: 0n };
    for (const r of rows) out[r.scope.endsWith('/static') ? 'static' : 'dynamic'] = BigInt(r.n);
    return out;
  }
}
