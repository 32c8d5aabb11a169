/**
 * What capacity reads from the database: cluster definitions with their summed allocation
 * counters, and the allocation history for forecasts. Each read is ONE statement whatever
 * the number of clusters (a LATERAL sum over the sharded counter rows of each cluster), so a
 * tenant summary costs the same number of round trips for 10 clusters as for 500.
 *
 * Counters are written by the IPAM allocator (`allocation_counters`): kind `ip` with scope
 * `<family>/<band>`, kind `nodeport` with `nodeport/<band>`, kind `nodecidr` with `<family>`.
 */
import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import type { ClusterDefinitionInput } from '../../core/cluster/cluster-definition';
import { Database } from '../../platform/database/database.service';
import { storedClusterInput } from '../clusters/cluster-definitions';

export interface CounterSum {
  readonly kind: string;
  readonly scope: string;
  readonly count: bigint;
}

export interface ClusterUsageRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly name: string;
  readonly generation: number;
  readonly definition: ClusterDefinitionInput;
  readonly counters: CounterSum[];
}

/** Allocations and releases of one resource in a window (a forecast's input, aggregated). */
export interface HistoryAggregate {
  readonly cluster: string;
  /** `ip`, `nodeport` or `node`. */
  readonly resource: string;
  /** The family named in the event details ('' when the event has none). */
  readonly family: string;
  readonly observations: number;
  readonly added: bigint;
  readonly removed: bigint;
}

/** Which clusters to read: by id or name within a tenant, or every cluster (metrics). */
export type ClusterSelection =
  | { readonly tenantId: string; readonly ids: readonly string[] }
  | { readonly tenantId: string; readonly name: string }
  | { readonly tenantId: string }
  | 'all';

/** Audit actions that add (+1) or remove (-1) one item, by the resource they count. */
export const ADD_ACTIONS = ['ip.allocate', 'nodeport.allocate', 'node.create'];
export const REMOVE_ACTIONS = ['ip.release', 'nodeport.release', 'node.delete'];

interface UsageRow {
  id: string;
  tenant_id: string;
  tenant_name: string;
  name: string;
  generation: number;
  kubernetes_version: string;
  service_cidrs: string[];
  pod_cidrs: string[];
  node_mask_ipv4: number | null;
  node_mask_ipv6: number | null;
  node_port_range: string;
  max_pods_per_node: number;
  dns_service_ip: string;
  kind: string | null;
  scope: string | null;
  n: string | null;
}

function whereOf(sel: ClusterSelection): Prisma.Sql {
  if (sel === 'all') return Prisma.sql`TRUE`;
  if ('ids' in sel) {
    return Prisma.sql`c.tenant_id = ${sel.tenantId}::uuid AND c.id = ANY(${[...sel.ids]}::uuid[])`;
  }
  if ('name' in sel)
    return Prisma.sql`c.tenant_id = ${sel.tenantId}::uuid AND c.name = ${sel.name}`;
  return Prisma.sql`c.tenant_id = ${sel.tenantId}::uuid`;
}

@Injectable()
export class CapacityRepository {
  constructor(private readonly db: Database) {}

  /** The selected clusters, ordered by tenant and name, each with its summed counters. */
  async clusters(sel: ClusterSelection): Promise<ClusterUsageRecord[]> {
    if (sel !== 'all' && 'ids' in sel && sel.ids.length === 0) return [];
    const rows = await this.db.prisma.$queryRaw<UsageRow[]>`
      SELECT c.id::text AS id, c.tenant_id::text AS tenant_id, t.name AS tenant_name, c.name,
             c.generation, c.kubernetes_version, c.service_cidrs, c.pod_cidrs, c.node_mask_ipv4,
             c.node_mask_ipv6, c.node_port_range, c.max_pods_per_node, c.dns_service_ip,
             u.kind, u.scope, u.n
      FROM clusters c
      JOIN tenants t ON t.id = c.tenant_id
      LEFT JOIN LATERAL (
        SELECT k.kind, k.scope, sum(k.count)::text AS n
        FROM allocation_counters k WHERE k.cluster_id = c.id
        GROUP BY k.kind, k.scope
      ) u ON TRUE
      WHERE ${whereOf(sel)}
      ORDER BY t.name, c.name`;
    const out: ClusterUsageRecord[] = [];
    let last: ClusterUsageRecord | undefined;
    for (const r of rows) {
      if (!last || last.id !== r.id) {
        last = {
          id: r.id,
          tenantId: r.tenant_id,
          tenantName: r.tenant_name,
          name: r.name,
          generation: r.generation,
          definition: definitionInput(r),
          counters: [],
        };
        out.push(last);
      }
      if (r.kind !== null && r.scope !== null && r.n !== null) {
        last.counters.push({ kind: r.kind, scope: r.scope, count: BigInt(r.n) });
      }
    }
    return out;
  }

  /**
   * Allocations and releases per cluster, resource and family in (since, until], counted in
   * the database: a forecast needs totals, not a million event rows.
   */
  async history(
    tenantId: string,
    clusterNames: readonly string[],
    since: Date,
    until: Date,
  ): Promise<HistoryAggregate[]> {
    if (clusterNames.length === 0) return [];
    const rows = await this.db.prisma.$queryRaw<
      {
        cluster: string;
        resource: string;
        family: string;
        observations: number;
        added: string;
        removed: string;
      }[]
    >`
      SELECT c.name AS cluster, split_part(e.action, '.', 1) AS resource,
             coalesce(e.details->>'family', '') AS family, count(*)::int AS observations,
             count(*) FILTER (WHERE e.action = ANY(${ADD_ACTIONS}::text[]))::text AS added,
             count(*) FILTER (WHERE e.action = ANY(${REMOVE_ACTIONS}::text[]))::text AS removed
      FROM clusters c
      JOIN audit_events e ON e.tenant_id = c.tenant_id AND e.cluster_id = c.id
      WHERE c.tenant_id = ${tenantId}::uuid AND c.name = ANY(${[...clusterNames]}::text[])
        AND e.created_at > ${since} AND e.created_at <= ${until}
        AND e.action = ANY(${[...ADD_ACTIONS, ...REMOVE_ACTIONS]}::text[])
      GROUP BY 1, 2, 3`;
    return rows.map((r) => ({
      cluster: r.cluster,
      resource: r.resource,
      family: r.family,
      observations: Number(r.observations),
      added: BigInt(r.added),
      removed: BigInt(r.removed),
    }));
  }
}

function definitionInput(r: UsageRow): ClusterDefinitionInput {
  return storedClusterInput({
    name: r.name,
    kubernetesVersion: r.kubernetes_version,
    serviceCidrs: r.service_cidrs,
    podCidrs: r.pod_cidrs,
    nodeMaskIpv4: r.node_mask_ipv4,
    nodeMaskIpv6: r.node_mask_ipv6,
    nodePortRange: r.node_port_range,
    maxPodsPerNode: r.max_pods_per_node,
    dnsServiceIp: r.dns_service_ip,
  });
}
