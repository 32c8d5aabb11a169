/**
 * `POST /import`: the live Services of a real cluster (`kubectl get svc -A -o json`, or
 * YAML). They already exist, so each is stored exactly as given — no defaulting, no
 * create-time validation — and its cluster IPs, node ports and health-check node port are
 * reserved. What does not fit this cluster's definition (an address outside every service
 * CIDR, a port outside the range, a clash) is a warning, not a rejection. Re-importing an
 * object replaces it (its old reservations are given back first). One transaction.
 */
import { Injectable } from '@nestjs/common';
import type { ServiceAllocator } from '../../core/allocation/allocator-port';
import { formatTimestamp } from '../../core/services/service-metadata';
import { renderService } from '../../core/services/render-service';
import type { Service } from '../../core/services/service-types';
import { formatIP, parseIPSloppy } from '../../core/net';
import { formatPortRange } from '../../core/cluster/service-network';
import type { TenantPrincipal } from '../../platform/auth/principal';
import { Transactions, type Tx } from '../../platform/database/transactions';
import { isUuid, newUuid } from '../../platform/http/uuid';
import { AuditRepository } from '../audit/audit.repository';
import type { ClusterContext } from '../clusters/cluster-context';
import { ClustersService } from '../clusters/clusters.service';
import { AllocatorFactory } from '../ipam/allocator-factory';
import { decodeAll, lastAppliedOf, type ManifestBody } from './manifest-input';
import { requireWriter } from './request-options';
import { ownerOf } from './service-writer';
import { nextResourceVersion, ServicesRepository } from './services.repository';

export interface ImportResult {
  imported: number;
  warnings: string[];
}

/** A live cluster holds more Services than a manifest does; the body size limit still applies. */
const MAX_IMPORTED_OBJECTS = 20_000;

const REASONS: Record<string, string> = {
  allocated: 'is already allocated to another Service',
  'not-in-range': 'is outside the valid range',
  'family-not-configured': 'is of a family this cluster has no service CIDR for',
  full: 'could not be reserved: the range is full',
};

@Injectable()
export class ImportService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly repo: ServicesRepository,
    private readonly allocators: AllocatorFactory,
    private readonly audit: AuditRepository,
    private readonly tx: Transactions,
  ) {}

  async import(p: TenantPrincipal, clusterName: string, body: ManifestBody): Promise<ImportResult> {
    requireWriter(p, false);
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    const decoded = decodeAll(body, { requireTypeMeta: false, maxBytes: undefined });
    if (decoded.length > MAX_IMPORTED_OBJECTS) {
      return {
        imported: 0,
        warnings: [
          `the body carries ${decoded.length} objects; at most ${MAX_IMPORTED_OBJECTS} are imported at once`,
        ],
      };
    }
    return this.tx.run(async (tx) => {
      const warnings: string[] = [];
      let imported = 0;
      for (const item of decoded) {
        if (!item.ok) {
          warnings.push(`object ${item.index}: not imported: ${item.status.message}`);
          continue;
        }
        const svc = item.object;
        const name = svc.metadata.name ?? '';
        const namespace = svc.metadata.namespace || 'default';
        if (!name) {
          warnings.push(`object ${item.index}: not imported: metadata.name is empty`);
          continue;
        }
        const label = `${namespace}/${name}`;
        warnings.push(...item.warnings.map((w) => `${label}: ${w}`));
        await this.importOne(tx, p, cluster, svc, namespace, name, warnings);
        imported++;
      }
      await this.audit.record(tx, {
        tenantId: cluster.tenantId,
        clusterId: cluster.id,
        actor: p.keyId,
        action: 'service.import',
        subject: cluster.name,
        details: { imported, warnings: warnings.length },
      });
      return { imported, warnings };
    });
  }

  private async importOne(
    tx: Tx,
    p: TenantPrincipal,
    cluster: ClusterContext,
    svc: Service,
    namespace: string,
    name: string,
    warnings: string[],
  ): Promise<void> {
    const label = `${namespace}/${name}`;
    const previous = await this.repo.find(cluster.tenantId, cluster.id, { namespace, name }, tx);
    if (previous) {
      await this.allocators.releaseService(tx, cluster, previous.uid, p.keyId);
      await this.repo.delete(tx, cluster.tenantId, previous.uid, previous.resourceVersion);
    }
    const uid = newUuid();
    const resourceVersion = nextResourceVersion(previous?.resourceVersion);
    const meta = svc.metadata;
    meta.namespace = namespace;
    meta.uid = meta.uid && isUuid(meta.uid) ? meta.uid : uid;
    meta.resourceVersion = resourceVersion;
    meta.creationTimestamp ??= formatTimestamp(new Date());
    const allocator = this.allocators.forService(tx, cluster, {
      dryRun: false,
      actor: p.keyId,
      owner: ownerOf(label),
      serviceUid: uid,
    });
    await this.reserve(allocator, cluster, svc, label, warnings);
    const object = renderService(svc) as unknown as Service;
    await this.repo.insert(tx, cluster.tenantId, cluster.id, {
      uid,
      namespace,
      name,
      object,
      lastApplied: lastAppliedOf(object),
      resourceVersion,
    });
  }

  /** The Service's addresses and ports as the live cluster holds them; misfits are warnings. */
  private async reserve(
    allocator: ServiceAllocator,
    cluster: ClusterContext,
    svc: Service,
    label: string,
    warnings: string[],
  ): Promise<void> {
    const spec = svc.spec;
    if (spec.type !== 'ExternalName') {
      const ips = spec.clusterIPs?.length
        ? spec.clusterIPs
        : spec.clusterIP
          ? [spec.clusterIP]
          : [];
      for (const text of ips) {
        if (text === 'None' || text === '') continue;
        const ip = parseIPSloppy(text);
        if (!ip) {
          warnings.push(
            `${label}: clusterIP ${JSON.stringify(text)} is not a valid IP address; not reserved`,
          );
          continue;
        }
        if (!cluster.definition.serviceCIDRs.some((c) => c.family === ip.family)) {
          warnings.push(
            `${label}: clusterIP ${formatIP(ip)} is outside every service CIDR of cluster "${cluster.name}"; not reserved`,
          );
          continue;
        }
        const r = await allocator.allocateIP(ip.family, ip, ownerOf(label));
        if (!r.ok)
          warnings.push(
            `${label}: clusterIP ${formatIP(ip)} ${REASONS[r.reason] ?? r.reason}; not reserved`,
          );
      }
    }
    const ports = new Set<number>();
    for (const port of spec.ports ?? []) if (port.nodePort) ports.add(port.nodePort);
    if (spec.healthCheckNodePort) ports.add(spec.healthCheckNodePort);
    const range = formatPortRange(cluster.network.nodePortRange);
    for (const port of ports) {
      const r = await allocator.allocatePort(port, ownerOf(label));
      if (!r.ok) {
        const why =
          r.reason === 'not-in-range'
            ? `is outside the node port range ${range}`
            : (REASONS[r.reason] ?? r.reason);
        warnings.push(`${label}: nodePort ${port} ${why}; not reserved`);
      }
    }
  }
}
