/**
 * NodePort allocations: one row per (cluster, port). Same shape as the address repository:
 * each write is one statement with its counters and audit events.
 */
import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import type { Band } from '../../core/allocation/candidates';
import { Database } from '../../platform/database/database.service';
import { clientOf, type Tx } from '../../platform/database/transactions';
import { counterUpsert } from './allocation-counters.repository';
import type { ReleaseFilter } from './ip-allocations.repository';

export interface PortRow {
  port: number;
  band: Band;
  owner: string;
  serviceUid: string | null;
}

export interface PortPool {
  clusterId: string;
  tenantId: string;
  staticLast: number;
}

export interface PortWriter {
  owner: string;
  serviceUid: string | null;
  actor: string;
}

interface RawPortRow {
  port: number;
  band: Band;
  owner: string;
  service_uid: string | null;
}

const COLUMNS = Prisma.sql`port, band, owner, service_uid::text AS service_uid`;
const toRow = (r: RawPortRow): PortRow => ({
  port: r.port,
  band: r.band,
  owner: r.owner,
  serviceUid: r.service_uid,
});

const releaseCondition = (f: ReleaseFilter): Prisma.Sql =>
  f.kind === 'any'
    ? Prisma.empty
    : f.kind === 'unowned'
      ? Prisma.sql`AND service_uid IS NULL`
      : Prisma.sql`AND service_uid = ${f.uid}::uuid`;

@Injectable()
export class NodePortsRepository {
  constructor(private readonly db: Database) {}

  async take(
    tx: Tx | undefined,
    pool: PortPool,
    who: PortWriter,
    candidates: readonly bigint[],
    n: number,
  ): Promise<PortRow[]> {
    if (candidates.length === 0 || n <= 0) return [];
    const ports = candidates.map((c) => Number(c));
    const rows = await clientOf(this.db, tx).$queryRaw<RawPortRow[]>`
      WITH cand AS (
        SELECT c.port FROM unnest(${ports}::int[]) AS c(port)
        LEFT JOIN LATERAL (
          SELECT 1 AS hit FROM node_port_allocations a
          WHERE a.cluster_id = ${pool.clusterId}::uuid AND a.port = c.port LIMIT 1) t ON true
        WHERE t.hit IS NULL
        LIMIT ${n}
      ), ins AS (
        INSERT INTO node_port_allocations (cluster_id, tenant_id, port, band, owner, service_uid)
        SELECT ${pool.clusterId}::uuid, ${pool.tenantId}::uuid, port,
               CASE WHEN port <= ${pool.staticLast}::int THEN 'static' ELSE 'dynamic' END,
               ${who.owner}, ${who.serviceUid}::uuid
        FROM cand
        ON CONFLICT DO NOTHING
        RETURNING *
      ), source AS (
        SELECT 'nodeport/' || band AS scope FROM ins
      ), counted AS (${counterUpsert(pool.clusterId, 'nodeport', 1)}
      ), audited AS (
        INSERT INTO audit_events (tenant_id, cluster_id, actor, action, subject, details)
        SELECT tenant_id, cluster_id, ${who.actor}, 'nodeport.allocate', port::text,
               jsonb_build_object('port', port, 'band', band, 'owner', owner)
        FROM ins
      )
      SELECT ${COLUMNS} FROM ins`;
    return rows.map(toRow);
  }

  async peek(
    tx: Tx | undefined,
    clusterId: string,
    candidates: readonly bigint[],
  ): Promise<bigint | null> {
    if (candidates.length === 0) return null;
    const rows = await clientOf(this.db, tx).$queryRaw<Array<{ port: number }>>`
      SELECT c.port FROM unnest(${candidates.map(Number)}::int[]) AS c(port)
      LEFT JOIN LATERAL (
        SELECT 1 AS hit FROM node_port_allocations a WHERE a.cluster_id = ${clusterId}::uuid AND a.port = c.port LIMIT 1
      ) t ON true
      WHERE t.hit IS NULL
      LIMIT 1`;
    return rows[0] ? BigInt(rows[0].port) : null;
  }

  /** The lowest free port in [from, to] (see IpAllocationsRepository.firstFree). */
  async firstFree(
    tx: Tx | undefined,
    clusterId: string,
    from: bigint,
    to: bigint,
  ): Promise<bigint | null> {
    if (from > to) return null;
    const lo = Number(from);
    const hi = Number(to);
    const rows = await clientOf(this.db, tx).$queryRaw<Array<{ port: number }>>`
      SELECT x.port FROM (
        (SELECT ${lo}::int AS port WHERE NOT EXISTS (
           SELECT 1 FROM node_port_allocations WHERE cluster_id = ${clusterId}::uuid AND port = ${lo}::int))
        UNION ALL
        (SELECT a.port + 1 AS port FROM node_port_allocations a
         LEFT JOIN LATERAL (
           SELECT 1 AS hit FROM node_port_allocations b
           WHERE b.cluster_id = ${clusterId}::uuid AND b.port = a.port + 1 LIMIT 1) n ON true
         WHERE a.cluster_id = ${clusterId}::uuid AND a.port >= ${lo}::int AND a.port < ${hi}::int AND n.hit IS NULL
         ORDER BY a.port LIMIT 1)
      ) x LIMIT 1`;
    return rows[0] ? BigInt(rows[0].port) : null;
  }

  async isTaken(tx: Tx | undefined, clusterId: string, port: number): Promise<boolean> {
    const rows = await clientOf(this.db, tx).$queryRaw<unknown[]>`
      SELECT 1 FROM node_port_allocations WHERE cluster_id = ${clusterId}::uuid AND port = ${port}::int`;
    return rows.length > 0;
  }

  async release(
    tx: Tx | undefined,
    pool: Pick<PortPool, 'clusterId' | 'tenantId'>,
    port: number,
    actor: string,
    filter: ReleaseFilter,
  ): Promise<PortRow | null> {
    const rows = await clientOf(this.db, tx).$queryRaw<RawPortRow[]>`
      WITH del AS (
        DELETE FROM node_port_allocations
        WHERE cluster_id = ${pool.clusterId}::uuid AND tenant_id = ${pool.tenantId}::uuid
          AND port = ${port}::int ${releaseCondition(filter)}
        RETURNING *
      ), ${releaseTail(pool.clusterId, actor)}
      SELECT ${COLUMNS} FROM del`;
    return rows[0] ? toRow(rows[0]) : null;
  }

  async releaseService(
    tx: Tx | undefined,
    clusterId: string,
    tenantId: string,
    serviceUid: string,
    actor: string,
  ): Promise<PortRow[]> {
    const rows = await clientOf(this.db, tx).$queryRaw<RawPortRow[]>`
      WITH del AS (
        DELETE FROM node_port_allocations
        WHERE cluster_id = ${clusterId}::uuid AND tenant_id = ${tenantId}::uuid AND service_uid = ${serviceUid}::uuid
        RETURNING *
      ), ${releaseTail(clusterId, actor)}
      SELECT ${COLUMNS} FROM del`;
    return rows.map(toRow);
  }
}

function releaseTail(clusterId: string, actor: string): Prisma.Sql {
  return Prisma.sql`source AS (
        SELECT 'nodeport/' || band AS scope FROM del
      ), counted AS (${counterUpsert(clusterId, 'nodeport', -1)}
      ), audited AS (
        INSERT INTO audit_events (tenant_id, cluster_id, actor, action, subject, details)
        SELECT tenant_id, cluster_id, ${actor}, 'nodeport.release', port::text,
               jsonb_build_object('port', port, 'band', band, 'owner', owner)
        FROM del
      )`;
}
