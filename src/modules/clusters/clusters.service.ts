/**
 * Cluster definitions: create (with the control plane's own Services, in one transaction),
 * get, list, patch (add or remove the secondary family), delete. Meaning is validated in
 * core/cluster; this class orders the steps and owns the transaction.
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  type ClusterDefinition,
  clusterDefinitionToJSON,
  serviceNetworkOf,
  validateClusterDefinition,
  validateClusterPatch,
} from '../../core/cluster';
import { fieldError, goValue, type FieldError } from '../../core/errors/field-error';
import type { TenantPrincipal } from '../../platform/auth/principal';
import { Transactions } from '../../platform/database/transactions';
import { AppError, notFound } from '../../platform/errors/app-error';
import { rejectUnknownFields, requireObject, throwInvalid } from '../../platform/http/body-shape';
import { decodeContinue, pageOf, parseLimit, type Page } from '../../platform/http/pagination';
import { AuditRepository } from '../audit/audit.repository';
import { CLUSTER_SEEDER, type ClusterContext, type ClusterSeeder } from './cluster-context';
import { ClusterDefinitions, storedClusterInput } from './cluster-definitions';
import { type ClusterRow, ClustersRepository } from './clusters.repository';

export const CLUSTER_FIELDS = [
  'name',
  'kubernetesVersion',
  'serviceCIDRs',
  'podCIDRs',
  'nodeCIDRMaskSize',
  'serviceNodePortRange',
  'maxPodsPerNode',
  'dnsServiceIP',
] as const;

export type ClusterView = ReturnType<typeof clusterDefinitionToJSON> & {
  id: string;
  createdAt: string;
  updatedAt: string;
};

export interface WithWarnings<T> {
  value: T;
  warnings: string[];
}

@Injectable()
export class ClustersService {
  constructor(
    private readonly repo: ClustersRepository,
    private readonly tx: Transactions,
    private readonly audit: AuditRepository,
    private readonly definitions: ClusterDefinitions,
    @Optional() @Inject(CLUSTER_SEEDER) private readonly seeder?: ClusterSeeder,
  ) {}

  async create(p: TenantPrincipal, body: unknown): Promise<WithWarnings<ClusterView>> {
    const input = requireObject(body, 'Cluster');
    rejectUnknownFields(input, CLUSTER_FIELDS);
    const result = validateClusterDefinition(input);
    if (!result.ok) throwInvalid('Cluster', nameOf(input), result.errors);
    const ctx = await this.tx.run(async (tx) => {
      const row = await this.repo.insert(tx, p.tenantId, result.value);
      if (!row) {
        throw AppError.of(409, 'AlreadyExists', `clusters "${result.value.name}" already exists`, {
          name: result.value.name,
          kind: 'clusters',
        });
      }
      const c = this.contextOf(row);
      await this.seeder?.seed(tx, c, p.keyId);
      await this.audit.record(tx, {
        tenantId: p.tenantId,
        clusterId: row.id,
        actor: p.keyId,
        action: 'cluster.create',
        subject: row.name,
      });
      return c;
    });
    return { value: viewOf(ctx), warnings: result.warnings };
  }

  async list(
    p: TenantPrincipal,
    query: { limit?: unknown; continue?: unknown },
  ): Promise<Page<ClusterView>> {
    const limit = parseLimit(query.limit);
    const after = decodeContinue(query.continue, (v): v is string => typeof v === 'string');
    const rows = await this.repo.list(p.tenantId, limit, after);
    return pageOf(
      rows,
      limit,
      (r) => viewOf(this.contextOf(r)),
      (r) => r.name,
    );
  }

  async get(p: TenantPrincipal, name: string): Promise<ClusterView> {
    return viewOf(await this.lookup(p.tenantId, name));
  }

  /** The cluster as other modules use it; 404 when this tenant has no such cluster. */
  async lookup(tenantId: string, name: string): Promise<ClusterContext> {
    const row = name.length <= 253 ? await this.repo.find(tenantId, name) : null;
    if (!row) throw notFound('clusters', name.slice(0, 100));
    return this.contextOf(row);
  }

  /** JSON merge patch (RFC 7386) over the definition; `null` resets a field to its default. */
  async patch(p: TenantPrincipal, name: string, body: unknown): Promise<WithWarnings<ClusterView>> {
    const input = requireObject(body, 'Cluster');
    rejectUnknownFields(input, CLUSTER_FIELDS);
    const current = await this.lookup(p.tenantId, name);
    const merged: Record<string, unknown> = { ...rowInputOf(current) };
    for (const [k, v] of Object.entries(input)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    if (!('nodeCIDRMaskSize' in input))
      merged.nodeCIDRMaskSize = masksForPodFamilies(current, merged.podCIDRs);
    const result = validateClusterDefinition(merged);
    if (!result.ok) throwInvalid('Cluster', name, result.errors);
    const errors: FieldError[] = validateClusterPatch(current.definition, result.value);
    if (errors.length) throwInvalid('Cluster', name, errors);
    const ctx = await this.tx.run(async (tx) => {
      await this.checkRemovedFamilies(tx, p.tenantId, current, result.value);
      const row = await this.repo.update(
        tx,
        p.tenantId,
        current.id,
        current.generation,
        result.value,
      );
      if (!row) {
        throw AppError.of(
          409,
          'Conflict',
          `Operation cannot be fulfilled on clusters "${name}": the object has been modified; please apply your changes to the latest version and try again`,
          { name, kind: 'clusters' },
        );
      }
      await this.audit.record(tx, {
        tenantId: p.tenantId,
        clusterId: row.id,
        actor: p.keyId,
        action: 'cluster.update',
        subject: row.name,
        details: { patch: input },
      });
      return this.contextOf(row);
    });
    return { value: viewOf(ctx), warnings: result.warnings };
  }

  async delete(p: TenantPrincipal, name: string): Promise<ClusterView> {
    const c = await this.lookup(p.tenantId, name);
    if (!(await this.repo.delete(p.tenantId, c.id))) throw notFound('clusters', name);
    await this.audit.record(undefined, {
      tenantId: p.tenantId,
      clusterId: null,
      actor: p.keyId,
      action: 'cluster.delete',
      subject: name,
    });
    this.definitions.forget(c.id);
    return viewOf(c);
  }

  private async checkRemovedFamilies(
    tx: Parameters<ClustersRepository['familyInUse']>[0],
    tenantId: string,
    current: ClusterContext,
    next: ClusterDefinition,
  ): Promise<void> {
    const errors: FieldError[] = [];
    for (const [what, before, after] of [
      ['service', current.definition.serviceCIDRs, next.serviceCIDRs],
      ['pod', current.definition.podCIDRs, next.podCIDRs],
    ] as const) {
      for (const [i, cidr] of before.entries()) {
        if (after.some((c) => c.family === cidr.family)) continue;
        if (await this.repo.familyInUse(tx, tenantId, current.id, cidr.family, what)) {
          const field = what === 'service' ? 'serviceCIDRs' : 'podCIDRs';
          errors.push(
            fieldError.forbidden(
              `${field}[${i}]`,
              `${cidr.family} range ${goValue.str(cidr.text)} may not be removed while addresses are allocated from it`,
            ),
          );
        }
      }
    }
    if (errors.length) throwInvalid('Cluster', current.name, errors);
  }

  private contextOf(row: ClusterRow): ClusterContext {
    const definition = this.definitions.of(row.id, row.generation, storedClusterInput(row));
    return {
      id: row.id,
      tenantId: row.tenantId,
      name: row.name,
      generation: row.generation,
      definition,
      network: serviceNetworkOf(definition),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}

/** Node masks the stored definition carries, kept only for pod families the patch leaves in place. */
function masksForPodFamilies(c: ClusterContext, podCIDRs: unknown): Record<string, number> {
  const families = new Set<string>(
    Array.isArray(podCIDRs) ? podCIDRs.map((x) => (String(x).includes(':') ? 'IPv6' : 'IPv4')) : [],
  );
  const out: Record<string, number> = {};
  for (const [family, mask] of Object.entries(c.definition.nodeCIDRMaskSize)) {
    if (families.has(family) && mask !== undefined) out[family] = mask;
  }
  return out;
}

const nameOf = (input: Record<string, unknown>): string =>
  typeof input.name === 'string' ? input.name.slice(0, 100) : '';

const rowInputOf = (c: ClusterContext): Record<string, unknown> => ({
  ...clusterDefinitionToJSON(c.definition),
});

export function viewOf(c: ClusterContext): ClusterView {
  return {
    id: c.id,
    ...clusterDefinitionToJSON(c.definition),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
