/**
 * `POST /plan` and `POST /apply`: every Service of a manifest judged with `kubectl apply`
 * semantics against the cluster's current state — create when absent; when present, the
 * three-way merge of the stored last-applied configuration, the live object and the new
 * manifest, then the update pipeline.
 *
 * Items see each other's effects. A single-object plan reads only (the dry-run allocator
 * answers what a real create would get now). A plan of several objects runs exactly as an
 * apply would, inside a transaction that is always rolled back, so the second of two
 * Services asking for one IP fails as it would on apply. Apply is all or nothing: one
 * transaction, rolled back when any item fails, and the answer is then 422 with every
 * item's outcome.
 */
import { Injectable } from '@nestjs/common';
import type { DecodedItem } from '../../core/manifests/decode';
import type { JsonObject } from '../../core/manifests/json-node';
import {
  lastAppliedConfiguration,
  missingLastAppliedWarning,
  readLastApplied,
  threeWayMergeChecked,
  withLastAppliedAnnotation,
} from '../../core/manifests/apply-merge';
import { decodeServiceValue } from '../../core/manifests/object-kind';
import { deepEqual } from '../../core/manifests/strategic-merge';
import { badRequestStatus, type Status } from '../../core/errors/status';
import type { PlanDecision } from '../../core/services/plan-decision';
import type { TenantPrincipal } from '../../platform/auth/principal';
import { Transactions } from '../../platform/database/transactions';
import type { ClusterContext } from '../clusters/cluster-context';
import { ClustersService } from '../clusters/clusters.service';
import { decodeAll, type ManifestBody, nameOf, namespaceOf, withNamespace } from './manifest-input';
import { requireWriter } from './request-options';
import { viewOf, type WriteMode, type WriteOutcome, ServiceWriter } from './service-writer';
import { type StoredService, ServicesRepository } from './services.repository';
import { PlanReadsRepository } from './plan-reads.repository';
import type { PeekedAddresses } from '../ipam/allocator-factory';
import { ClusterCache } from '../ipam/cluster-cache';
import { IpAllocator } from '../ipam/ip-allocator';

export type PlanAction = 'create' | 'update' | 'unchanged';

export interface PlanItem {
  /** Position of the object in the body (documents, then List items). */
  index: number;
  /** The Service as it would be stored (plan) or was stored (apply); null on error. */
  service: Record<string, unknown> | null;
  /** null when the object is not a Service that could be judged. */
  action: PlanAction | null;
  warnings: string[];
  explanation: PlanDecision[];
  error: Status | null;
}

export interface PlanResult {
  items: PlanItem[];
}

/** Carries a result out of a transaction that must not commit. */
class Rollback {
  constructor(readonly items: PlanItem[]) {}
}

const DEFAULT_NAMESPACE = 'default';

@Injectable()
export class PlanService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly repo: ServicesRepository,
    private readonly writer: ServiceWriter,
    private readonly tx: Transactions,
    private readonly cache: ClusterCache,
    private readonly reads: PlanReadsRepository,
    private readonly ips: IpAllocator,
  ) {}

  async plan(p: TenantPrincipal, clusterName: string, body: ManifestBody): Promise<PlanResult> {
    const cached = await this.cache.get(p.tenantId, clusterName);
    const decoded = decodeAll(body, { requireTypeMeta: true });
    if (decoded.filter((d) => d.ok).length <= 1) {
      const items: PlanItem[] = [];
      for (const d of decoded) items.push(await this.planOne(p, clusterName, cached, d));
      return { items };
    }
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    return { items: await this.inRolledBackTransaction(p, cluster, decoded) };
  }

  /**
   * A single object: one statement reads the stored Service, confirms the cached cluster
   * definition is current and checks the dry run's first address probes; a stale definition
   * is re-read once.
   */
  private async planOne(
    p: TenantPrincipal,
    clusterName: string,
    cached: ClusterContext,
    d: DecodedItem,
  ): Promise<PlanItem> {
    const mode = (peeked?: PeekedAddresses): WriteMode => ({
      dryRun: true,
      tx: null,
      actor: p.keyId,
      ...(peeked ? { peeked } : {}),
    });
    if (!d.ok) return this.judge(mode(), cached, d);
    const name = nameOf(d.raw);
    const key = name ? { namespace: namespaceOf(d.raw, DEFAULT_NAMESPACE), name } : null;
    let cluster = cached;
    for (let attempt = 0; attempt < 2; attempt++) {
      const snap = await this.reads.snapshot(cluster, key, this.ips.peekProbes(cluster));
      if (snap.current) return this.judge(mode(snap.peeked), cluster, d, { stored: snap.stored });
      cluster = await this.cache.get(p.tenantId, clusterName, true);
    }
    return this.judge(mode(), cluster, d);
  }

  /** `ok: false` when any item failed and nothing was stored. */
  async apply(
    p: TenantPrincipal,
    clusterName: string,
    body: ManifestBody,
  ): Promise<PlanResult & { ok: boolean }> {
    requireWriter(p, false);
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    const decoded = decodeAll(body, { requireTypeMeta: true });
    try {
      const items = await this.tx.run(async (tx) => {
        const out = await this.judgeAll({ dryRun: false, tx, actor: p.keyId }, cluster, decoded);
        if (out.some((i) => i.error !== null)) throw new Rollback(out);
        return out;
      });
      return { ok: true, items };
    } catch (e) {
      if (e instanceof Rollback) return { ok: false, items: e.items };
      throw e;
    }
  }

  /** Runs the items as an apply would, then always rolls back: nothing stays stored or reserved. */
  private async inRolledBackTransaction(
    p: TenantPrincipal,
    cluster: ClusterContext,
    decoded: DecodedItem[],
  ): Promise<PlanItem[]> {
    try {
      await this.tx.run(async (tx) => {
        throw new Rollback(
          await this.judgeAll({ dryRun: false, tx, actor: p.keyId }, cluster, decoded),
        );
      });
    } catch (e) {
      if (e instanceof Rollback) return e.items;
      throw e;
    }
    throw new Error('a plan transaction committed');
  }

  private async judgeAll(
    mode: WriteMode,
    cluster: ClusterContext,
    decoded: DecodedItem[],
  ): Promise<PlanItem[]> {
    const items: PlanItem[] = [];
    for (const d of decoded) items.push(await this.judge(mode, cluster, d));
    return items;
  }

  /**
   * One object: kubectl apply's create-or-patch decision, then the pipeline. `read` carries
   * the stored object when the caller has read it already.
   */
  private async judge(
    mode: WriteMode,
    cluster: ClusterContext,
    d: DecodedItem,
    read?: { stored: StoredService | null },
  ): Promise<PlanItem> {
    if (!d.ok)
      return {
        index: d.index,
        service: null,
        action: null,
        warnings: [],
        explanation: [],
        error: d.status,
      };
    const namespace = namespaceOf(d.raw, DEFAULT_NAMESPACE);
    const name = nameOf(d.raw);
    const manifest = withNamespace(d.raw, namespace);
    const stored = read
      ? read.stored
      : name
        ? await this.repo.find(
            cluster.tenantId,
            cluster.id,
            { namespace, name },
            mode.tx ?? undefined,
          )
        : null;
    const warnings = [...d.warnings];
    const item = (
      action: PlanAction,
      explanation: PlanDecision[],
      out: WriteOutcome | { status: Status },
    ): PlanItem => {
      const ok = 'ok' in out && out.ok;
      return {
        index: d.index,
        service: ok ? viewOf(out.service, cluster) : null,
        action: ok && out.action === 'unchanged' ? 'unchanged' : action,
        warnings,
        explanation: 'explanation' in out ? [...explanation, ...out.explanation] : explanation,
        error: ok ? null : (out as { status: Status }).status,
      };
    };
    const rejected = (
      action: PlanAction,
      explanation: PlanDecision[],
      message: string,
    ): PlanItem => {
      const status = badRequestStatus(message);
      return item(action, [...explanation, { step: 'decode', message: `rejected: ${message}` }], {
        status,
      });
    };

    if (!stored) {
      const first = [
        {
          step: 'apply',
          message: `services "${name}" not found in namespace "${namespace}": create it`,
        },
      ];
      // What kubectl sends: the decoded manifest with its namespace and last-applied annotation.
      const object = withLastAppliedAnnotation(
        { ...d.object, metadata: { ...d.object.metadata, namespace } },
        lastAppliedConfiguration(manifest),
      );
      return item(
        'create',
        first,
        await this.writer.create(mode, cluster, namespace, object, name !== ''),
      );
    }

    const live = viewOf(stored.object, cluster) as JsonObject;
    const lastApplied = readLastApplied(live);
    if (!lastApplied) warnings.push(missingLastAppliedWarning(name));
    const first: PlanDecision[] = [
      {
        step: 'apply',
        message: `services "${name}" exists in namespace "${namespace}": three-way merge of ${lastApplied ? 'its last-applied configuration' : 'no last-applied configuration'}, the live object and the manifest`,
      },
    ];
    const merged = threeWayMergeChecked(lastApplied, live, manifest);
    if (!merged.ok) return rejected('update', first, merged.message);
    if (deepEqual(merged.object, live)) {
      first.push({
        step: 'apply',
        message: 'the patch is empty: the live object is kept as it is',
      });
      return {
        index: d.index,
        service: live,
        action: 'unchanged',
        warnings,
        explanation: first,
        error: null,
      };
    }
    const input = decodeServiceValue(merged.object);
    if (input.typeError !== undefined) return rejected('update', first, input.typeError);
    return item('update', first, await this.writer.update(mode, cluster, stored, input.object));
  }
}
