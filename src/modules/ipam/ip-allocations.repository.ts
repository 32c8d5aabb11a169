/**
 * Service address allocations: one row per address, keyed by (cluster, family, ordinal) with
 * a unique (cluster, address). Every write is one statement that also moves the sharded
 * counters and writes the audit events, so a reservation is whole or absent even if the
 * process dies, and several replicas need nothing but the unique constraints.
 */
import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import type { Band } from '../../core/allocation/candidates';
import type { IPFamily } from '../../core/net';
import { Database } from '../../platform/database/database.service';
import { clientOf, type Tx } from '../../platform/database/transactions';
import { counterUpsert } from './allocation-counters.repository';
import { DirectSql } from './direct-sql';
import { IpTakeBatcher, type TakenRow, takeOneParameters } from './ip-take-batcher';
import { TAKE_ONE_SQL } from './ip-take.sql';

export interface IpRow {
  family: IPFamily;
  ordinal: bigint;
  address: string;
  cidr: string;
  band: Band;
  owner: string;
  description: string;
  serviceUid: string | null;
  createdAt: Date;
}

/** Who takes addresses from which range, and how they are recorded. */
export interface IpPool {
  clusterId: string;
  tenantId: string;
  family: IPFamily;
  /** Canonical CIDR text stored on each row. */
  cidr: string;
  /** Addresses up to here are in the static band. */
  staticLast: bigint;
  /**
   * When set, writes happen only while the cluster row still has this generation (the
   * caller's definition may come from a cache); otherwise they throw StaleClusterError.
   */
  generation?: number;
}

/** The cluster changed or vanished since the caller read it; re-read it and try again. */
export class StaleClusterError extends Error {
  constructor() {
    super('cluster definition changed');
  }
}

export interface IpWriter {
  owner: string;
  description: string;
  serviceUid: string | null;
  actor: string;
}

/** Which rows a release may remove: any, only IPAM reservations, or one Service's. */
export type ReleaseFilter =
  { kind: 'any' } | { kind: 'unowned' } | { kind: 'service'; uid: string };

/** An ip_allocations row as the raw SQL here selects it. */
export interface RawIpRow {
  family: IPFamily;
  ordinal: string;
  address: string;
  cidr: string;
  band: Band;
  owner: string;
  description: string;
  service_uid: string | null;
  created_at: Date;
}

const COLUMNS = Prisma.sql`family, ordinal::text AS ordinal, address, cidr, band, owner, description, service_uid::text AS service_uid, created_at`;

const toRow = (r: RawIpRow): IpRow => ({
  family: r.family,
  ordinal: BigInt(r.ordinal),
  address: r.address,
  cidr: r.cidr,
  band: r.band,
  owner: r.owner,
  description: r.description,
  serviceUid: r.service_uid,
  createdAt: r.created_at,
});

const releaseCondition = (f: ReleaseFilter): Prisma.Sql =>
  f.kind === 'any'
    ? Prisma.empty
    : f.kind === 'unowned'
      ? Prisma.sql`AND service_uid IS NULL`
      : Prisma.sql`AND service_uid = ${f.uid}::uuid`;

@Injectable()
export class IpAllocationsRepository {
  constructor(
    private readonly db: Database,
    private readonly direct: DirectSql,
    private readonly batcher: IpTakeBatcher,
  ) {}

  /**
   * Inserts up to `n` of the candidates that are free, with their counters and audit
   * events, in one statement. A candidate taken meanwhile by another transaction is skipped
   * by ON CONFLICT, so the result may be shorter than `n` (the caller probes again). Outside a
   * transaction on PostgreSQL it runs as a prepared statement on DirectSql, sharing the
   * statement with concurrent reservations of the same pool (IpTakeBatcher).
   */
  async take(
    tx: Tx | undefined,
    pool: IpPool,
    who: IpWriter,
    candidates: ReadonlyArray<{ ordinal: bigint; address: string }>,
    n: number,
  ): Promise<IpRow[]> {
    if (candidates.length === 0 || n <= 0) return [];
    if (tx === undefined && this.direct.available) {
      const taken = await this.batcher.take(pool, who, candidates, n);
      if (!taken.live) throw new StaleClusterError();
      return taken.rows.map(toRow);
    }
    const rows = await clientOf(this.db, tx).$queryRawUnsafe<TakenRow[]>(
      TAKE_ONE_SQL,
      ...takeOneParameters({ pool, who, candidates, n }),
    );
    if (rows[0]?.live === 0) throw new StaleClusterError();
    return rows.filter((r) => r.address !== null).map(toRow);
  }

  /** Read-only: the first free candidate, or null (dry runs). */
  async peek(
    tx: Tx | undefined,
    pool: IpPool,
    candidates: readonly bigint[],
  ): Promise<bigint | null> {
    if (candidates.length === 0) return null;
    const rows = await clientOf(this.db, tx).$queryRaw<Array<{ o: string }>>`
      SELECT c.ord::text AS o FROM unnest(${candidates.map(String)}::numeric[]) AS c(ord)
      LEFT JOIN LATERAL (
        SELECT 1 AS hit FROM ip_allocations a
        WHERE a.cluster_id = ${pool.clusterId}::uuid AND a.family = ${pool.family} AND a.ordinal = c.ord
        LIMIT 1) t ON true
      WHERE t.hit IS NULL
      LIMIT 1`;
    return rows[0] ? BigInt(rows[0].o) : null;
  }

  /**
   * The lowest free ordinal in [from, to]: `from` itself, or the successor of the first
   * allocated ordinal whose successor is free. Walks the primary key from `from` and stops
   * at the first gap, so its cost is the length of the run of allocated addresses there.
   * (Membership tests are LATERAL … LIMIT 1 lookups so that, whatever the statistics, each
   * is one primary-key probe rather than a join the planner might turn into a scan.)
   */
  async firstFree(
    tx: Tx | undefined,
    pool: IpPool,
    from: bigint,
    to: bigint,
  ): Promise<bigint | null> {
    if (from > to) return null;
    const c = pool.clusterId;
    const f = pool.family;
    const lo = from.toString();
    const hi = to.toString();
    const rows = await clientOf(this.db, tx).$queryRaw<Array<{ o: string }>>`
      SELECT x.o::text AS o FROM (
        (SELECT ${lo}::numeric AS o WHERE NOT EXISTS (
           SELECT 1 FROM ip_allocations WHERE cluster_id = ${c}::uuid AND family = ${f} AND ordinal = ${lo}::numeric))
        UNION ALL
        (SELECT a.ordinal + 1 AS o FROM ip_allocations a
         LEFT JOIN LATERAL (
           SELECT 1 AS hit FROM ip_allocations b
           WHERE b.cluster_id = ${c}::uuid AND b.family = ${f} AND b.ordinal = a.ordinal + 1
           LIMIT 1) n ON true
         WHERE a.cluster_id = ${c}::uuid AND a.family = ${f}
           AND a.ordinal >= ${lo}::numeric AND a.ordinal < ${hi}::numeric AND n.hit IS NULL
         ORDER BY a.ordinal LIMIT 1)
      ) x LIMIT 1`;
    return rows[0] ? BigInt(rows[0].o) : null;
  }

  async find(
    tx: Tx | undefined,
    clusterId: string,
    family: IPFamily,
    ordinal: bigint,
  ): Promise<IpRow | null> {
    const rows = await clientOf(this.db, tx).$queryRaw<RawIpRow[]>`
      SELECT ${COLUMNS} FROM ip_allocations
      WHERE cluster_id = ${clusterId}::uuid AND family = ${family} AND ordinal = ${ordinal.toString()}::numeric`;
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Deletes one address (if `filter` allows), with its counter and audit event. */
  async release(
    tx: Tx | undefined,
    pool: Pick<IpPool, 'clusterId' | 'tenantId'>,
    family: IPFamily,
    ordinal: bigint,
    actor: string,
    filter: ReleaseFilter,
  ): Promise<IpRow | null> {
    const rows = await clientOf(this.db, tx).$queryRaw<RawIpRow[]>`
      WITH del AS (
        DELETE FROM ip_allocations
        WHERE cluster_id = ${pool.clusterId}::uuid AND tenant_id = ${pool.tenantId}::uuid
          AND family = ${family} AND ordinal = ${ordinal.toString()}::numeric ${releaseCondition(filter)}
        RETURNING *
      ), ${releaseTail(pool.clusterId, actor)}
      SELECT ${COLUMNS} FROM del`;
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Deletes every address a Service holds, with counters and audit events. */
  async releaseService(
    tx: Tx | undefined,
    clusterId: string,
    tenantId: string,
    serviceUid: string,
    actor: string,
  ): Promise<IpRow[]> {
    const rows = await clientOf(this.db, tx).$queryRaw<RawIpRow[]>`
      WITH del AS (
        DELETE FROM ip_allocations
        WHERE cluster_id = ${clusterId}::uuid AND tenant_id = ${tenantId}::uuid AND service_uid = ${serviceUid}::uuid
        RETURNING *
      ), ${releaseTail(clusterId, actor)}
      SELECT ${COLUMNS} FROM del`;
    return rows.map(toRow);
  }

  /** A page in (family, ordinal) order, after the given key; `limit + 1` rows. */
  async list(
    clusterId: string,
    tenantId: string,
    filter: { family?: IPFamily; owner?: string },
    limit: number,
    after?: { family: string; ordinal: bigint },
  ): Promise<IpRow[]> {
    const rows = await this.db.prisma.$queryRaw<RawIpRow[]>`
      SELECT ${COLUMNS} FROM ip_allocations
      WHERE cluster_id = ${clusterId}::uuid AND tenant_id = ${tenantId}::uuid
        ${filter.family ? Prisma.sql`AND family = ${filter.family}` : Prisma.empty}
        ${filter.owner !== undefined ? Prisma.sql`AND owner = ${filter.owner}` : Prisma.empty}
        ${after ? Prisma.sql`AND (family, ordinal) > (${after.family}, ${after.ordinal.toString()}::numeric)` : Prisma.empty}
      ORDER BY family, ordinal
      LIMIT ${limit + 1}`;
    return rows.map(toRow);
  }
}

/** The CTEs after a `del` CTE of ip_allocations rows: counters down, one audit event each. */
function releaseTail(clusterId: string, actor: string): Prisma.Sql {
  return Prisma.sql`source AS (
        SELECT family || '/' || band AS scope FROM del
      ), counted AS (${counterUpsert(clusterId, 'ip', -1)}
      ), audited AS (
        INSERT INTO audit_events (tenant_id, cluster_id, actor, action, subject, details)
        SELECT tenant_id, cluster_id, ${actor}, 'ip.release', address,
               jsonb_build_object('family', family, 'address', address, 'band', band, 'owner', owner)
        FROM del
      )`;
}
