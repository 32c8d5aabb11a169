/**
 * Everything a single-object plan reads, in one statement: whether the (possibly cached)
 * cluster definition is still current, the stored Service of that name, and which of a dry
 * run's first random probes are free in each family. A plan is a read-only judgement on the
 * hot path of planning tools, so it costs one round trip in the common case, and on
 * PostgreSQL concurrent plans share that statement (group commit, Coalescer);
 * anything the probes did not settle (a dense band) falls back to the allocator's own reads.
 */
import { Injectable } from '@nestjs/common';
import type { IPFamily } from '../../core/net';
import { Coalescer } from '../../platform/database/coalescer';
import { Database } from '../../platform/database/database.service';
import { plainArray } from '../../platform/database/plain-array';
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
  r: number;
  generation: number | null;
  uid: string | null;
  namespace: string | null;
  name: string | null;
  object: unknown;
  last_applied: unknown;
  resource_version: string | null;
  free_ipv4: string | null;
  free_ipv6: string | null;
}

interface SnapshotRequest {
  cluster: ClusterContext;
  key: ServiceKey | null;
  probes: readonly PeekProbe[];
}

/**
 * The first free probe of a request and family. A LATERAL probe with LIMIT 1 per candidate:
 * an index lookup each, whatever the plan (prepared statements run with generic plans).
 */
const freeProbe = (family: IPFamily) => `(
    SELECT p.ord::text FROM probe p
    LEFT JOIN LATERAL (
      SELECT 1 AS hit FROM ip_allocations a
      WHERE a.cluster_id = q.cluster_id AND a.family = p.family AND a.ordinal = p.ord LIMIT 1) t ON true
    WHERE p.r = q.r AND p.family = '${family}' AND t.hit IS NULL
    ORDER BY p.pos LIMIT 1)`;

/**
 * One row per request: $1 index, $2 cluster, $3 tenant, $4 namespace, $5 name; per probe:
 * $6 request index, $7 family, $8 position, $9 ordinal. `generation` is null when the
 * cluster row is gone. Each lookup is a LATERAL … LIMIT 1 so it stays an index probe per
 * request whatever the table sizes.
 */
export const SNAPSHOT_SQL = `
WITH req AS (
  SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::text[], $5::text[])
    AS q(r, cluster_id, tenant_id, namespace, name)
), probe AS (
  SELECT * FROM unnest($6::int[], $7::text[], $8::int[], $9::numeric[]) AS p(r, family, pos, ord)
)
SELECT q.r, c.generation,
       s.uid::text AS uid, s.namespace, s.name, s.object, s.last_applied,
       s.resource_version::text AS resource_version,
       ${freeProbe('IPv4')} AS free_ipv4,
       ${freeProbe('IPv6')} AS free_ipv6
FROM req q
LEFT JOIN LATERAL (
  SELECT generation FROM clusters
  WHERE id = q.cluster_id AND tenant_id = q.tenant_id LIMIT 1) c ON true
LEFT JOIN LATERAL (
  SELECT * FROM services
  WHERE cluster_id = q.cluster_id AND tenant_id = q.tenant_id
    AND namespace = q.namespace AND name = q.name LIMIT 1) s ON true`;

function parameters(requests: readonly SnapshotRequest[]): unknown[] {
  const probeR: number[] = [];
  const probeFamily: string[] = [];
  const probePos: number[] = [];
  const probeOrd: bigint[] = [];
  requests.forEach((q, r) => {
    for (const p of q.probes)
      p.candidates.forEach((ord, pos) => {
        probeR.push(r);
        probeFamily.push(p.family);
        probePos.push(pos);
        probeOrd.push(ord);
      });
  });
  return [
    plainArray(requests.map((_, r) => r)),
    plainArray(requests.map((q) => q.cluster.id)),
    plainArray(requests.map((q) => q.cluster.tenantId)),
    requests.map((q) => q.key?.namespace ?? ''),
    requests.map((q) => q.key?.name ?? ''),
    plainArray(probeR),
    plainArray(probeFamily),
    plainArray(probePos),
    plainArray(probeOrd),
  ];
}

function snapshotOf(q: SnapshotRequest, row: SnapshotRow | undefined): PlanSnapshot {
  if (!row || row.generation !== q.cluster.generation) return { current: false };
  const peeked: PeekedAddresses = new Map();
  for (const [family, free] of [
    ['IPv4', row.free_ipv4],
    ['IPv6', row.free_ipv6],
  ] as const) {
    const band = q.probes.find((p) => p.family === family)?.band;
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

@Injectable()
export class PlanReadsRepository {
  private readonly batches = new Coalescer<SnapshotRequest, PlanSnapshot>((_key, batch) =>
    this.run(batch),
  );

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
    const request = { cluster, key, probes };
    if (this.direct.available) return this.batches.submit('', request);
    const rows = await this.db.prisma.$queryRawUnsafe<SnapshotRow[]>(
      SNAPSHOT_SQL,
      ...parameters([request]),
    );
    return snapshotOf(request, rows[0]);
  }

  /** One statement for a batch of concurrent plans (PostgreSQL). */
  private async run(batch: SnapshotRequest[]): Promise<PlanSnapshot[]> {
    const rows = await this.direct.query<SnapshotRow>(
      'plan_snapshot',
      SNAPSHOT_SQL,
      parameters(batch),
    );
    const byIndex = new Map(rows.map((row) => [row.r, row]));
    return batch.map((q, r) => snapshotOf(q, byIndex.get(r)));
  }
}
