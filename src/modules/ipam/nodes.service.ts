/**
 * Nodes and their pod CIDRs as kube-controller-manager's node IPAM hands them out
 * (range_allocator.go `AllocateOrOccupyCIDR`, cidrset `AllocateNext`; reference §9.5): one
 * block per pod-CIDR family, the blocks overlapping a service CIDR never handed out
 * (`filterOutServiceRange`). The block is the lowest free one, which is what cidrset gives
 * after a controller restart (its rotating cursor lives only in memory); several replicas
 * agree on it through the primary key, retrying on a lost race.
 */
import { Injectable } from '@nestjs/common';
import {
  nodeCidrBlock,
  nodeCidrCount,
  serviceOverlapBlocks,
} from '../../core/allocation/node-cidrs';
import type { Cidr } from '../../core/net';
import type { TenantPrincipal } from '../../platform/auth/principal';
import type { Tx } from '../../platform/database/transactions';
import { AppError, notFound } from '../../platform/errors/app-error';
import { decodeContinue, pageOf, parseLimit, type Page } from '../../platform/http/pagination';
import { AuditRepository } from '../audit/audit.repository';
import type { ClusterContext } from '../clusters/cluster-context';
import { ClustersService } from '../clusters/clusters.service';
import { type Answer, Idempotency } from './idempotency';
import { noCidrsRemaining } from './ipam-errors';
import { parseNode } from './ipam-input';
import { type NodeRow, NodesRepository } from './nodes.repository';

export interface NodeView {
  name: string;
  /** The first of podCIDRs (Node `spec.podCIDR`); null when the cluster has no pod CIDRs. */
  podCIDR: string | null;
  podCIDRs: string[];
  createdAt: string;
}

/** Retries of one block choice lost to concurrent node creations. */
const MAX_ATTEMPTS = 32;

@Injectable()
export class NodesService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly repo: NodesRepository,
    private readonly audit: AuditRepository,
    private readonly idempotency: Idempotency,
  ) {}

  async create(
    p: TenantPrincipal,
    clusterName: string,
    body: unknown,
    key?: string,
  ): Promise<Answer<NodeView>> {
    const { name } = parseNode(body);
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    return this.idempotency.run(
      p.tenantId,
      `ipam:${cluster.id}`,
      key,
      ['node.create', name],
      true,
      async (tx) => {
        const t = tx!;
        const createdAt = await this.repo.insertNode(t, cluster.id, cluster.tenantId, name);
        if (!createdAt)
          throw AppError.of(409, 'AlreadyExists', `nodes "${name}" already exists`, {
            name,
            kind: 'nodes',
          });
        const cidrs: NodeRow['cidrs'] = [];
        for (const pod of cluster.definition.podCIDRs) {
          const mask = cluster.definition.nodeCIDRMaskSize[pod.family]!;
          cidrs.push({
            family: pod.family,
            cidr: await this.takeLowestFree(t, cluster, pod, mask, name),
          });
        }
        await this.audit.record(t, {
          tenantId: cluster.tenantId,
          clusterId: cluster.id,
          actor: p.keyId,
          action: 'node.create',
          subject: name,
          details: { podCIDRs: cidrs.map((c) => c.cidr) },
        });
        return { status: 201, body: viewOf(cluster, { name, createdAt, cidrs }) };
      },
    );
  }

  async list(
    p: TenantPrincipal,
    clusterName: string,
    query: Record<string, unknown>,
  ): Promise<Page<NodeView>> {
    const limit = parseLimit(query.limit);
    const after = decodeContinue(query.continue, (v): v is string => typeof v === 'string');
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    const rows = await this.repo.list(cluster.id, cluster.tenantId, limit, after);
    return pageOf(
      rows,
      limit,
      (r) => viewOf(cluster, r),
      (r) => r.name,
    );
  }

  async delete(
    p: TenantPrincipal,
    clusterName: string,
    name: string,
    key?: string,
  ): Promise<Answer<NodeView>> {
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    return this.idempotency.run(
      p.tenantId,
      `ipam:${cluster.id}`,
      key,
      ['node.delete', name],
      true,
      async (tx) => {
        const row = await this.repo.deleteNode(
          tx!,
          cluster.id,
          cluster.tenantId,
          name.slice(0, 253),
        );
        if (!row) throw notFound('nodes', name.slice(0, 253));
        await this.audit.record(tx!, {
          tenantId: cluster.tenantId,
          clusterId: cluster.id,
          actor: p.keyId,
          action: 'node.delete',
          subject: name,
          details: { podCIDRs: row.cidrs.map((c) => c.cidr) },
        });
        return { status: 200, body: viewOf(cluster, row) };
      },
    );
  }

  /** cidrset `AllocateNext` from index 0, skipping the blocks reserved for service CIDRs. */
  private async takeLowestFree(
    tx: Tx,
    cluster: ClusterContext,
    pod: Cidr,
    mask: number,
    node: string,
  ): Promise<string> {
    const count = nodeCidrCount(pod, mask);
    const reserved = serviceOverlapBlocks(pod, mask, cluster.definition.serviceCIDRs);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let from = 0n;
      let index: bigint | null = null;
      while (index === null) {
        const free = await this.repo.firstFreeBlock(tx, cluster.id, pod.family, from, count - 1n);
        if (free === null) throw noCidrsRemaining(pod.family);
        const span = reserved.find((s) => free >= s.from && free <= s.to);
        if (span) from = span.to + 1n;
        else index = free;
      }
      const block = nodeCidrBlock(pod, mask, index);
      if (await this.repo.takeBlock(tx, cluster.id, pod.family, index, block.text, node))
        return block.text;
    }
    throw AppError.of(
      409,
      'Conflict',
      `Operation cannot be fulfilled on nodes "${node}": too many concurrent node creations; please retry`,
      {
        name: node,
        kind: 'nodes',
      },
    );
  }
}

function viewOf(cluster: ClusterContext, row: NodeRow): NodeView {
  const order = cluster.definition.podCIDRs.map((c) => c.family);
  const podCIDRs = [...row.cidrs]
    .sort((a, b) => order.indexOf(a.family) - order.indexOf(b.family))
    .map((c) => c.cidr);
  return {
    name: row.name,
    podCIDR: podCIDRs[0] ?? null,
    podCIDRs,
    createdAt: row.createdAt.toISOString(),
  };
}
