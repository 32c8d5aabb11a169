/**
 * Recently read cluster definitions, so that a single reservation costs one statement. Safe
 * because the reservation statement re-checks the cluster row's id, tenant and generation
 * (IpPool.generation) and writes nothing when they moved; the caller then re-reads the
 * cluster here with `fresh` and tries again. A single-object plan uses it the same way: its
 * one statement confirms the generation (services/plan-reads.repository.ts). Other reads
 * never use this cache.
 */
import { Injectable } from '@nestjs/common';
import type { ClusterContext } from '../clusters/cluster-context';
import { ClustersService } from '../clusters/clusters.service';

const TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

@Injectable()
export class ClusterCache {
  private readonly entries = new Map<string, { ctx: ClusterContext; expires: number }>();

  constructor(private readonly clusters: ClustersService) {}

  async get(tenantId: string, name: string, fresh = false): Promise<ClusterContext> {
    const key = `${tenantId}/${name}`;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (!fresh && hit && hit.expires > now) return hit.ctx;
    this.entries.delete(key);
    const ctx = await this.clusters.lookup(tenantId, name);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { ctx, expires: now + TTL_MS });
    return ctx;
  }
}
