/**
 * The create pipeline of kube-apiserver for a Service, in upstream order: v1 defaulting,
 * `beginCreate` (storage.go: `normalizeClusterIPs`, then alloc.go `allocateCreate`:
 * `initIPFamilyFields` [stages A, B], `txnAllocClusterIPs` and `txnAllocNodePorts` [stage C]),
 * then `BeforeCreate` (`PrepareForCreate`, system metadata, `ValidateService` [stage D]).
 * Only the first failing stage is reported; whatever was reserved is released through the port.
 */
import { allocClusterIPs, type AllocContext } from './allocate-cluster-ips';
import { type AllocationTxn, newTxn, revertTxn } from './allocation-txn';
import { normalizeClusterIPs } from './cluster-ips';
import { describeDefaults, setDefaultsService } from './defaults';
import { initIPFamilyFields } from './ip-families';
import { allocNodePortsForCreate } from './node-ports';
import {
  allocationStatus,
  invalid,
  type PipelineContext,
  type PipelineResult,
} from './pipeline-result';
import type { PlanDecision } from './plan-decision';
import { prepareForCreate } from './prepare';
import { createMetadata, resourceVersionSetOnCreate } from './service-metadata';
import type { Service } from './service-types';
import { validateService } from './validation';

export const ownerOf = (svc: Service, ctx: PipelineContext): string =>
  ctx.owner ?? `${svc.metadata.namespace ?? ctx.namespace}/${svc.metadata.name ?? ''}`;

/** Shared by create and update: the allocation context over one transaction. */
export function allocContext(
  svc: Service,
  ctx: PipelineContext,
  txn: AllocationTxn,
  explanation: PlanDecision[],
): AllocContext {
  return {
    network: ctx.network,
    allocator: ctx.allocator,
    txn,
    owner: ownerOf(svc, ctx),
    explanation,
  };
}

/** POST /namespaces/{ns}/services. */
export async function createService(input: Service, ctx: PipelineContext): Promise<PipelineResult> {
  const explanation: PlanDecision[] = [];
  const meta = createMetadata(input, ctx);
  if (!meta.ok) {
    explanation.push({ step: 'metadata', message: meta.status.message });
    return { ok: false, status: meta.status, explanation };
  }
  let svc = setDefaultsService(meta.service, ctx.network.version);
  for (const message of describeDefaults(input, svc))
    explanation.push({ step: 'defaults', message });
  const name = svc.metadata.name ?? '';

  svc = normalizeClusterIPs(svc);
  const families = initIPFamilyFields(svc, undefined, ctx.network);
  explanation.push(...families.explanation);
  if (families.stage) return invalid(name, families.errors, 'ip-families', explanation);
  svc = families.service;

  const txn = newTxn();
  const actx = allocContext(svc, ctx, txn, explanation);
  const fail = async (r: {
    failure: Parameters<typeof allocationStatus>[1];
  }): Promise<PipelineResult> => {
    await revertTxn(txn, ctx.allocator);
    return { ok: false, status: allocationStatus(name, r.failure), explanation };
  };
  const ips = await allocClusterIPs(svc, actx);
  if (!ips.ok) return fail(ips);
  const ports = await allocNodePortsForCreate(ips.service, actx);
  if (!ports.ok) return fail(ports);

  svc = prepareForCreate(ports.service, ctx.network.version);
  const errors = validateService(svc);
  if (errors.length > 0) {
    await revertTxn(txn, ctx.allocator);
    return invalid(name, errors, 'validation', explanation);
  }
  const rvSet = resourceVersionSetOnCreate(input);
  if (rvSet) {
    await revertTxn(txn, ctx.allocator);
    explanation.push({ step: 'storage', message: rvSet.message });
    return { ok: false, status: rvSet, explanation };
  }
  explanation.push({ step: 'validation', message: 'valid' });
  return { ok: true, service: svc, released: { ips: [], ports: [] }, explanation };
}
