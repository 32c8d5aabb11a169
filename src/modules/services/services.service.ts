/**
 * The Kubernetes-shaped Service endpoints: create, replace, get, list, delete, each with
 * `?dryRun=All` where kube-apiserver has it. A real write runs in one transaction (the row
 * and its reservations); a dry run reads only. Answers are the Service as kube-apiserver
 * returns it, failures its Status.
 */
import { Injectable } from '@nestjs/common';
import type { TenantPrincipal } from '../../platform/auth/principal';
import { Transactions } from '../../platform/database/transactions';
import { AppError, notFound } from '../../platform/errors/app-error';
import { decodeContinue, encodeContinue, parseLimit } from '../../platform/http/pagination';
import type { ClusterContext } from '../clusters/cluster-context';
import { ClustersService } from '../clusters/clusters.service';
import { decodeOne, type ManifestBody } from './manifest-input';
import { parseDryRun, requireWriter } from './request-options';
import { viewOf, type WriteMode, type WriteOutcome, ServiceWriter } from './service-writer';
import { type ServiceKey, type StoredService, ServicesRepository } from './services.repository';

export type ServiceJson = Record<string, unknown>;

export interface WithWarnings<T> {
  value: T;
  warnings: string[];
}

export interface ServiceList {
  kind: 'ServiceList';
  apiVersion: 'v1';
  metadata: { continue?: string };
  items: ServiceJson[];
}

/** Longest namespace or name any stored Service can have (DNS-1123 subdomain). */
const MAX_SEGMENT = 253;

const isKey = (v: unknown): v is [string, string] =>
  Array.isArray(v) &&
  v.length === 2 &&
  v.every((s) => typeof s === 'string' && s.length <= MAX_SEGMENT);

/** A list item: kube-apiserver's typed lists carry no per-item kind and apiVersion. */
function listItem(view: ServiceJson): ServiceJson {
  const { kind, apiVersion, ...rest } = view;
  void kind;
  void apiVersion;
  return rest;
}

@Injectable()
export class ServicesService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly repo: ServicesRepository,
    private readonly writer: ServiceWriter,
    private readonly tx: Transactions,
  ) {}

  async create(
    p: TenantPrincipal,
    clusterName: string,
    namespace: string,
    body: ManifestBody,
    query: { dryRun?: unknown },
  ): Promise<WithWarnings<ServiceJson>> {
    const dryRun = parseDryRun(query.dryRun, 'CreateOptions');
    requireWriter(p, dryRun);
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    const { service, warnings } = decodeOne(body);
    const out = await this.write(p, dryRun, (mode) =>
      this.writer.create(mode, cluster, namespace, service),
    );
    return { value: viewOf(out.service, cluster), warnings };
  }

  async replace(
    p: TenantPrincipal,
    clusterName: string,
    namespace: string,
    name: string,
    body: ManifestBody,
    query: { dryRun?: unknown },
  ): Promise<WithWarnings<ServiceJson>> {
    const dryRun = parseDryRun(query.dryRun, 'UpdateOptions');
    requireWriter(p, dryRun);
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    const { service, warnings } = decodeOne(body);
    const out = await this.write(p, dryRun, async (mode) => {
      const stored = await this.stored(cluster, { namespace, name }, mode);
      return this.writer.update(mode, cluster, stored, service);
    });
    return { value: viewOf(out.service, cluster), warnings };
  }

  async delete(
    p: TenantPrincipal,
    clusterName: string,
    namespace: string,
    name: string,
    query: { dryRun?: unknown },
  ): Promise<ServiceJson> {
    const dryRun = parseDryRun(query.dryRun, 'DeleteOptions');
    requireWriter(p, dryRun);
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    const out = await this.write(p, dryRun, async (mode) => {
      const stored = await this.stored(cluster, { namespace, name }, mode);
      return this.writer.delete(mode, cluster, stored);
    });
    return viewOf(out.service, cluster);
  }

  async get(
    p: TenantPrincipal,
    clusterName: string,
    namespace: string,
    name: string,
  ): Promise<ServiceJson> {
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    const stored = await this.stored(cluster, { namespace, name }, null);
    return viewOf(stored.object, cluster);
  }

  /** All namespaces when `namespace` is undefined; paged by (namespace, name). */
  async list(
    p: TenantPrincipal,
    clusterName: string,
    namespace: string | undefined,
    query: { limit?: unknown; continue?: unknown },
  ): Promise<ServiceList> {
    const limit = parseLimit(query.limit);
    const after = decodeContinue(query.continue, isKey);
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    if (namespace !== undefined && namespace.length > MAX_SEGMENT)
      return { kind: 'ServiceList', apiVersion: 'v1', metadata: {}, items: [] };
    const rows = await this.repo.list(
      cluster.tenantId,
      cluster.id,
      namespace,
      limit,
      after && { namespace: after[0], name: after[1] },
    );
    const more = rows.length > limit;
    const kept = more ? rows.slice(0, limit) : rows;
    const last = kept[kept.length - 1];
    return {
      kind: 'ServiceList',
      apiVersion: 'v1',
      metadata: more && last ? { continue: encodeContinue([last.namespace, last.name]) } : {},
      items: kept.map((r) => listItem(viewOf(r.object, cluster))),
    };
  }

  /** 404 `services "x" not found`, as kube-apiserver answers for a missing name. */
  private async stored(
    cluster: ClusterContext,
    key: ServiceKey,
    mode: WriteMode | null,
  ): Promise<StoredService> {
    const found =
      key.namespace.length <= MAX_SEGMENT && key.name.length <= MAX_SEGMENT
        ? await this.repo.find(cluster.tenantId, cluster.id, key, mode?.tx ?? undefined)
        : null;
    if (!found) throw notFound('services', key.name.slice(0, MAX_SEGMENT));
    return found;
  }

  /** Dry run: read-only, no transaction. Real: one transaction, rolled back on failure. */
  private async write(
    p: TenantPrincipal,
    dryRun: boolean,
    run: (mode: WriteMode) => Promise<WriteOutcome>,
  ): Promise<Extract<WriteOutcome, { ok: true }>> {
    const out = dryRun
      ? await run({ dryRun: true, tx: null, actor: p.keyId })
      : await this.tx.run(async (tx) => {
          const o = await run({ dryRun: false, tx, actor: p.keyId });
          if (!o.ok) throw new AppError(o.status);
          return o;
        });
    if (!out.ok) throw new AppError(out.status);
    return out;
  }
}
