/**
 * Nodes and their pod CIDR blocks: one `node_cidr_allocations` row per (node, family), keyed
 * by the block index inside the family's cluster CIDR, so two nodes can never hold one block.
 */
import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import type { IPFamily } from '../../core/net';
import { Database } from '../../platform/database/database.service';
import { clientOf, type Tx } from '../../platform/database/transactions';
import { counterUpsert } from './allocation-counters.repository';

export interface NodeRow {
  name: string;
  createdAt: Date;
  cidrs: Array<{ family: IPFamily; cidr: string }>;
}

interface RawNodeRow {
  name: string;
  created_at: Date;
  cidrs: Array<{ family: IPFamily; cidr: string }> | string;
}

const toRow = (r: RawNodeRow): NodeRow => ({
  name: r.name,
  createdAt: r.created_at,
  cidrs: typeof r.cidrs === 'string' ? (JSON.parse(r.cidrs) as NodeRow['cidrs']) : r.cidrs,
});

@Injectable()
export class NodesRepository {
  constructor(private readonly db: Database) {}

  /** The node's creation time, or null when the cluster already has a node of that name. */
  async insertNode(
    tx: Tx,
    clusterId: string,
    tenantId: string,
    name: string,
  ): Promise<Date | null> {
    const rows = await clientOf(this.db, tx).$queryRaw<Array<{ created_at: Date }>>`
      INSERT INTO nodes (cluster_id, tenant_id, name) VALUES (${clusterId}::uuid, ${tenantId}::uuid, ${name})
      ON CONFLICT DO NOTHING RETURNING created_at`;
    return rows[0]?.created_at ?? null;
  }

  /** The lowest free block index in [from, to] (the walk of IpAllocationsRepository.firstFree). */
  async firstFreeBlock(
    tx: Tx,
    clusterId: string,
    family: IPFamily,
    from: bigint,
    to: bigint,
  ): Promise<bigint | null> {
    if (from > to) return null;
    const lo = from.toString();
    const hi = to.toString();
    const rows = await clientOf(this.db, tx).$queryRaw<Array<{ i: string }>>`
      SELECT x.i::text AS i FROM (
        (SELECT ${lo}::numeric AS i WHERE NOT EXISTS (
           SELECT 1 FROM node_cidr_allocations WHERE cluster_id = ${clusterId}::uuid AND family = ${family} AND index = ${lo}::numeric))
        UNION ALL
        (SELECT a.index + 1 AS i FROM node_cidr_allocations a
         LEFT JOIN LATERAL (
           SELECT 1 AS hit FROM node_cidr_allocations b
           WHERE b.cluster_id = ${clusterId}::uuid AND b.family = ${family} AND b.index = a.index + 1 LIMIT 1) n ON true
         WHERE a.cluster_id = ${clusterId}::uuid AND a.family = ${family}
           AND a.index >= ${lo}::numeric AND a.index < ${hi}::numeric AND n.hit IS NULL
         ORDER BY a.index LIMIT 1)
      ) x LIMIT 1`;
    return rows[0] ? BigInt(rows[0].i) : null;
  }

  /** Takes one block for a node, counting it; false when another node took it first. */
  async takeBlock(
    tx: Tx,
    clusterId: string,
    family: IPFamily,
    index: bigint,
    cidr: string,
    nodeName: string,
  ): Promise<boolean> {
    const rows = await clientOf(this.db, tx).$queryRaw<unknown[]>`
      WITH ins AS (
        INSERT INTO node_cidr_allocations (cluster_id, family, index, cidr, node_name)
        VALUES (${clusterId}::uuid, ${family}, ${index.toString()}::numeric, ${cidr}, ${nodeName})
        ON CONFLICT DO NOTHING RETURNING family
      ), source AS (SELECT family AS scope FROM ins
      ), counted AS (${counterUpsert(clusterId, 'nodecidr', 1)})
      SELECT 1 FROM ins`;
    return rows.length > 0;
  }

  /** Deletes a node and its blocks (counters down); null when there is no such node. */
  async deleteNode(
    tx: Tx,
    clusterId: string,
    tenantId: string,
    name: string,
  ): Promise<NodeRow | null> {
    const rows = await clientOf(this.db, tx).$queryRaw<RawNodeRow[]>`
      WITH n AS (
        DELETE FROM nodes WHERE cluster_id = ${clusterId}::uuid AND tenant_id = ${tenantId}::uuid AND name = ${name}
        RETURNING name, created_at
      ), c AS (
        DELETE FROM node_cidr_allocations
        WHERE cluster_id = ${clusterId}::uuid AND node_name = ${name} AND EXISTS (SELECT 1 FROM n)
        RETURNING family, cidr
      ), source AS (SELECT family AS scope FROM c
      ), counted AS (${counterUpsert(clusterId, 'nodecidr', -1)})
      SELECT n.name, n.created_at,
             (SELECT coalesce(json_agg(json_build_object('family', family, 'cidr', cidr)), '[]'::json) FROM c) AS cidrs
      FROM n`;
    return rows[0] ? toRow(rows[0]) : null;
  }

  async list(
    clusterId: string,
    tenantId: string,
    limit: number,
    after?: string,
  ): Promise<NodeRow[]> {
    const rows = await this.db.prisma.$queryRaw<RawNodeRow[]>`
      SELECT n.name, n.created_at,
             coalesce(json_agg(json_build_object('family', c.family, 'cidr', c.cidr)) FILTER (WHERE c.cidr IS NOT NULL), '[]'::json) AS cidrs
      FROM nodes n
      LEFT JOIN node_cidr_allocations c ON c.cluster_id = n.cluster_id AND c.node_name = n.name
      WHERE n.cluster_id = ${clusterId}::uuid AND n.tenant_id = ${tenantId}::uuid
        ${after === undefined ? Prisma.empty : Prisma.sql`AND n.name > ${after}`}
      GROUP BY n.name, n.created_at
      ORDER BY n.name
      LIMIT ${limit + 1}`;
    return rows.map(toRow);
  }
}
