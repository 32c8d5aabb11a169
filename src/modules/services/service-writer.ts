/**
 * Runs the core Service pipeline against the persistent allocator and stores the outcome:
 * the one place where a create, update or delete becomes rows. Every caller (the
 * Kubernetes-shaped endpoints, plan, apply, the cluster seeder) goes through here, so the
 * Service row and its reservations always change in the same transaction.
 *
 * Two modes: `dryRun` (no transaction needed; the allocator only reads and answers what a
 * real request would get now; nothing is written) and real (inside the caller's transaction;
 * a failure leaves the caller to roll back).
 */
import { Injectable } from '@nestjs/common';
import type { ServiceAllocator } from '../../core/allocation/allocator-port';
import { alreadyExistsStatus, conflictStatus, type Status } from '../../core/errors/status';
import { createService } from '../../core/services/create-service';
import type { PlanDecision } from '../../core/services/plan-decision';
import { defaultOnReadService } from '../../core/services/prepare';
import { renderService } from '../../core/services/render-service';
import type { Service } from '../../core/services/service-types';
import { updateService } from '../../core/services/update-service';
import type { Tx } from '../../platform/database/transactions';
import { newUuid } from '../../platform/http/uuid';
import { AuditRepository } from '../audit/audit.repository';
import type { ClusterContext } from '../clusters/cluster-context';
import { AllocatorFactory, type PeekedAddresses } from '../ipam/allocator-factory';
import { lastAppliedOf } from './manifest-input';
import { nextResourceVersion, type StoredService, ServicesRepository } from './services.repository';

export type WriteMode =
  | {
      readonly dryRun: true;
      readonly tx: Tx | null;
      readonly actor: string;
      /** Addresses already seen free by the caller's own read (PlanReadsRepository). */
      readonly peeked?: PeekedAddresses;
    }
  | { readonly dryRun: false; readonly tx: Tx; readonly actor: string };

export type Action = 'create' | 'update' | 'unchanged' | 'delete';

export type WriteOutcome =
  | {
      readonly ok: true;
      readonly action: Action;
      readonly service: Service;
      readonly explanation: PlanDecision[];
    }
  | {
      readonly ok: false;
      readonly action: Action;
      readonly status: Status;
      readonly explanation: PlanDecision[];
    };

const CONFLICT =
  'the object has been modified; please apply your changes to the latest version and try again';

/** The owner IPAM records on a Service's reservations. */
export const ownerOf = (key: string): string => `service:${key}`;

/** The stored form: the JSON kube-apiserver would return, so a read is a plain copy. */
const storedForm = (svc: Service): Service => renderService(svc) as unknown as Service;

/** The object as every read returns it (storage.go `defaultOnReadService`), rendered. */
export function viewOf(svc: Service, cluster: ClusterContext): Record<string, unknown> {
  return renderService(defaultOnReadService(svc, cluster.network));
}

@Injectable()
export class ServiceWriter {
  constructor(
    private readonly repo: ServicesRepository,
    private readonly allocators: AllocatorFactory,
    private readonly audit: AuditRepository,
  ) {}

  private allocator(
    mode: WriteMode,
    cluster: ClusterContext,
    owner: string,
    serviceUid: string,
  ): ServiceAllocator {
    return this.allocators.forService(mode.tx, cluster, {
      dryRun: mode.dryRun,
      actor: mode.actor,
      owner: ownerOf(owner),
      serviceUid,
      ...(mode.dryRun && mode.peeked ? { peeked: mode.peeked } : {}),
    });
  }

  /**
   * POST: the create pipeline, then the insert (a taken name is 409 AlreadyExists). A caller
   * that has just looked the name up and found nothing passes `knownAbsent`, which spares a
   * dry run the second read.
   */
  async create(
    mode: WriteMode,
    cluster: ClusterContext,
    namespace: string,
    input: Service,
    knownAbsent = false,
  ): Promise<WriteOutcome> {
    const uid = newUuid();
    const resourceVersion = nextResourceVersion();
    const name = input.metadata?.name || input.metadata?.generateName || '';
    const allocator = this.allocator(mode, cluster, `${namespace}/${name}`, uid);
    const owner = input.metadata?.name
      ? ownerOf(`${input.metadata.namespace || namespace}/${input.metadata.name}`)
      : undefined;
    const result = await createService(input, {
      network: cluster.network,
      allocator,
      namespace,
      now: new Date(),
      uid,
      resourceVersion,
      ...(owner ? { owner } : {}),
    });
    if (!result.ok)
      return {
        ok: false,
        action: 'create',
        status: result.status,
        explanation: result.explanation,
      };
    const svc = result.service;
    const key = { namespace: svc.metadata.namespace ?? namespace, name: svc.metadata.name ?? '' };
    const exists = (): WriteOutcome => {
      result.explanation.push({
        step: 'storage',
        message: `rejected: services "${key.name}" already exists`,
      });
      return {
        ok: false,
        action: 'create',
        status: alreadyExistsStatus('services', key.name),
        explanation: result.explanation,
      };
    };
    if (mode.dryRun) {
      if (
        !knownAbsent &&
        (await this.repo.find(cluster.tenantId, cluster.id, key, mode.tx ?? undefined))
      )
        return exists();
      return { ok: true, action: 'create', service: svc, explanation: result.explanation };
    }
    const stored = storedForm(svc);
    const inserted = await this.repo.insert(mode.tx, cluster.tenantId, cluster.id, {
      uid,
      ...key,
      object: stored,
      lastApplied: lastAppliedOf(stored),
      resourceVersion,
    });
    if (!inserted) return exists();
    await this.record(mode.tx, cluster, mode.actor, 'service.create', key);
    return { ok: true, action: 'create', service: svc, explanation: result.explanation };
  }

  /** PUT (and the update half of apply): the update pipeline, then a compare-and-swap write. */
  async update(
    mode: WriteMode,
    cluster: ClusterContext,
    stored: StoredService,
    input: Service,
  ): Promise<WriteOutcome> {
    const resourceVersion = nextResourceVersion(stored.resourceVersion);
    const allocator = this.allocator(
      mode,
      cluster,
      `${stored.namespace}/${stored.name}`,
      stored.uid,
    );
    const result = await updateService(input, stored.object, {
      network: cluster.network,
      allocator,
      namespace: stored.namespace,
      now: new Date(),
      uid: stored.uid,
      resourceVersion,
      owner: ownerOf(`${stored.namespace}/${stored.name}`),
    });
    if (!result.ok)
      return {
        ok: false,
        action: 'update',
        status: result.status,
        explanation: result.explanation,
      };
    if (result.unchanged)
      return {
        ok: true,
        action: 'unchanged',
        service: result.service,
        explanation: result.explanation,
      };
    if (!mode.dryRun) {
      const object = storedForm(result.service);
      const written = await this.repo.update(
        mode.tx,
        cluster.tenantId,
        stored.uid,
        stored.resourceVersion,
        {
          object,
          lastApplied: lastAppliedOf(object),
          resourceVersion,
        },
      );
      if (!written) {
        result.explanation.push({ step: 'storage', message: `rejected: ${CONFLICT}` });
        return {
          ok: false,
          action: 'update',
          status: conflictStatus('services', stored.name, CONFLICT),
          explanation: result.explanation,
        };
      }
      await this.record(mode.tx, cluster, mode.actor, 'service.update', stored);
    }
    return { ok: true, action: 'update', service: result.service, explanation: result.explanation };
  }

  /** DELETE: releases the Service's cluster IPs, node ports and health-check port with the row. */
  async delete(
    mode: WriteMode,
    cluster: ClusterContext,
    stored: StoredService,
  ): Promise<WriteOutcome> {
    const explanation: PlanDecision[] = [];
    const view = defaultOnReadService(stored.object, cluster.network);
    if (!mode.dryRun) {
      const released = await this.allocators.releaseService(
        mode.tx,
        cluster,
        stored.uid,
        mode.actor,
      );
      if (
        !(await this.repo.delete(mode.tx, cluster.tenantId, stored.uid, stored.resourceVersion))
      ) {
        return {
          ok: false,
          action: 'delete',
          status: conflictStatus('services', stored.name, CONFLICT),
          explanation,
        };
      }
      explanation.push({
        step: 'release',
        message: `released ${released.ips} cluster IP(s) and ${released.ports} node port(s)`,
      });
      await this.record(mode.tx, cluster, mode.actor, 'service.delete', stored);
    }
    return { ok: true, action: 'delete', service: view, explanation };
  }

  private record(
    tx: Tx,
    cluster: ClusterContext,
    actor: string,
    action: string,
    key: { namespace: string; name: string },
  ): Promise<void> {
    return this.audit.record(tx, {
      tenantId: cluster.tenantId,
      clusterId: cluster.id,
      actor,
      action,
      subject: `${key.namespace}/${key.name}`,
    });
  }
}
