/**
 * Everything a single-object plan reads, in one statement: whether the (possibly cached)
 * cluster definition is still current, the stored Service of that name, and which of a dry
 * run's first random probes are free in each family. A plan is a read-only judgement on the
 * hot path of planning tools, so it costs one round trip in the common case; anything the
 * probes did not settle (a dense band) falls back to the allocator's own reads.
 */
import { Injectable } from '@nestjs/common';
import type { IPFamily } from '../../core/net';
import { Database } from '../../platform/database/database.service';
import type { PeekedAddresses } from '../ipam/allocator-factory';
import { DirectSql } from '../ipam/direct-sql';
import type { PeekProbe } from '../ipam/ip-allocator';
import type { ClusterContext } from '../clusters/cluster-context';
import { type ServiceKey, type StoredService, storedOf } from './services.repository';

export type PlanSnapshot =
  | { readonly current: false }
  | {
      readonly current: true;
      readonly stored: StoredService | null;
      /** Per family, the first free probe (what a real create would take now). */
      readonly peeked: PeekedAddresses;
    };

interface SnapshotRow {
  generation: number;
  uid: string | null;
  namespace: string | null;
  name: string | null;
  object: unknown;
  last_applied: unknown;
  resource_version: string | null;
  free_ipv4: string | null;
  free_ipv6: string | null;
}

/** A LATERAL probe with LIMIT 1 per candidate: an index lookup each, whatever the plan. */
const freeProbe = (param: string, family: IPFamily) => `(
    SELECT x.ord::text FROM unnest(${param}::numeric[]) WITH ORDINALITY AS x(ord, i)
    LEFT JOIN LATERAL (
      SELECT 1 AS hit FROM ip_allocations a
      WHERE a.cluster_id = c.id AND a.family = '${family}' AND a.ordinal = x.ord LIMIT 1) t ON true
    WHERE t.hit IS NULL
    ORDER BY x.i LIMIT 1)`;

const SNAPSHOT_SQL = `
SELECT c.generation,
       s.uid::text AS uid, s.namespace, s.name, s.object, s.last_applied,
       s.resource_version::text AS resource_version,
       ${freeProbe('$5', 'IPv4')} AS free_ipv4,
       ${freeProbe('$6', 'IPv6')} AS free_ipv6
FROM clusters c
LEFT JOIN services s
  ON s.cluster_id = c.id AND s.tenant_id = c.tenant_id AND s.namespace = $3 AND s.name = $4
WHERE c.id = $1::uuid AND c.tenant_id = $2::uuid`;

@Injectable()
export class PlanReadsRepository {
  constructor(
    private readonly db: Database,
    private readonly direct: DirectSql,
  ) {}

  /**
   * `current: false` when the cluster row no longer has `cluster.generation` (changed or
   * deleted since the context was read). `key` null: a Service without a name (generateName).
   */
  async snapshot(
    cluster: ClusterContext,
    key: ServiceKey | null,
    probes: readonly PeekProbe[],
  ): Promise<PlanSnapshot> {
    const probe = (f: IPFamily) => probes.find((p) => p.family === f);
    const ordinals = (f: IPFamily) => (probe(f)?.candidates ?? []).map(String);
    const values = [
      cluster.id,
      cluster.tenantId,
      key?.namespace ?? '',
      key?.name ?? '',
      ordinals('IPv4'),
      ordinals('IPv6'),
    ];
    const rows = this.direct.available
      ? await this.direct.query<SnapshotRow>('plan_snapshot', SNAPSHOT_SQL, values)
      : await this.db.prisma.$queryRawUnsafe<SnapshotRow[]>(SNAPSHOT_SQL, ...values);
    const row = rows[0];
    if (!row || row.generation !== cluster.generation) return { current: false };
    const peeked: PeekedAddresses = new Map();
    for (const [family, free] of [
      ['IPv4', row.free_ipv4],
      ['IPv6', row.free_ipv6],
    ] as const) {
      const band = probe(family)?.band;
      if (free !== null && band) peeked.set(family, { value: BigInt(free), band });
    }
    const stored =
      row.uid === null
        ? null
        : storedOf({
            uid: row.uid,
            namespace: row.namespace ?? '',
            name: row.name ?? '',
            object: row.object,
            lastApplied: row.last_applied,
            resourceVersion: row.resource_version ?? '0',
          });
    return { current: true, stored, peeked };
  }
}
