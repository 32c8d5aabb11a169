/** Cluster definitions in the database; the only Prisma user of the clusters module. */
import { Injectable } from '@nestjs/common';
import type { ClusterDefinition } from '../../core/cluster';
import { clusterDefinitionToJSON } from '../../core/cluster';
import type { IPFamily } from '../../core/net';
import { Database } from '../../platform/database/database.service';
import { clientOf, type Tx } from '../../platform/database/transactions';
import { newUuid } from '../../platform/http/uuid';
import type { StoredClusterColumns } from './cluster-definitions';

export interface ClusterRow extends StoredClusterColumns {
  id: string;
  tenantId: string;
  generation: number;
  createdAt: Date;
  updatedAt: Date;
}

const isUniqueViolation = (e: unknown): boolean => (e as { code?: string })?.code === 'P2002';

function columns(def: ClusterDefinition) {
  const j = clusterDefinitionToJSON(def);
  return {
    kubernetesVersion: j.kubernetesVersion,
    serviceCidrs: j.serviceCIDRs,
    podCidrs: j.podCIDRs,
    nodeMaskIpv4: j.nodeCIDRMaskSize.IPv4 ?? null,
    nodeMaskIpv6: j.nodeCIDRMaskSize.IPv6 ?? null,
    nodePortRange: j.serviceNodePortRange,
    maxPodsPerNode: j.maxPodsPerNode,
    dnsServiceIp: j.dnsServiceIP,
  };
}

@Injectable()
export class ClustersRepository {
  constructor(private readonly db: Database) {}

  /** Null when the tenant already has a cluster of that name. */
  async insert(tx: Tx, tenantId: string, def: ClusterDefinition): Promise<ClusterRow | null> {
    try {
      return await clientOf(this.db, tx).cluster.create({
        data: { id: newUuid(), tenantId, name: def.name, ...columns(def) },
      });
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  find(tenantId: string, name: string, tx?: Tx): Promise<ClusterRow | null> {
    return clientOf(this.db, tx).cluster.findUnique({
      where: { tenantId_name: { tenantId, name } },
    });
  }

  list(tenantId: string, limit: number, after?: string): Promise<ClusterRow[]> {
    return this.db.prisma.cluster.findMany({
      where: { tenantId, ...(after === undefined ? {} : { name: { gt: after } }) },
      orderBy: { name: 'asc' },
      take: limit + 1,
    });
  }

  /** Optimistic update: null when the row changed since `generation` was read. */
  async update(
    tx: Tx,
    tenantId: string,
    id: string,
    generation: number,
    def: ClusterDefinition,
  ): Promise<ClusterRow | null> {
    const n = await clientOf(this.db, tx).cluster.updateMany({
      where: { tenantId, id, generation },
      data: { ...columns(def), generation: generation + 1, updatedAt: new Date() },
    });
    if (n.count === 0) return null;
    return clientOf(this.db, tx).cluster.findUnique({ where: { tenantId_id: { tenantId, id } } });
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return (await this.db.prisma.cluster.deleteMany({ where: { tenantId, id } })).count > 0;
  }

  /** Whether anything is allocated from a family: service IPs, or node pod CIDRs. */
  async familyInUse(
    tx: Tx,
    tenantId: string,
    clusterId: string,
    family: IPFamily,
    what: 'service' | 'pod',
  ): Promise<boolean> {
    const c = clientOf(this.db, tx);
    if (what === 'service')
      return (await c.ipAllocation.count({ where: { clusterId, tenantId, family }, take: 1 })) > 0;
    return (
      (await c.nodeCidrAllocation.count({
        where: { clusterId, family, node: { tenantId } },
        take: 1,
      })) > 0
    );
  }
}
