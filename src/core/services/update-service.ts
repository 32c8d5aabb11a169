/**
 * The update (PUT) pipeline of kube-apiserver for a Service, in upstream order: v1
 * defaulting, `beginUpdate` (storage.go: `defaultOnReadService(old)`, `patchAllocatedValues`,
 * `normalizeClusterIPs`, then alloc.go `allocateUpdate`: `initIPFamilyFields` [stages A, B],
 * `txnUpdateClusterIPs`, `txnUpdateNodePorts` [stage C]), then `BeforeUpdate`
 * (`PrepareForUpdate`, `ValidateServiceUpdate` [stage D]). New reservations are released on
 * failure; stored ones that the update gives up are released only on success.
 */
import { updateClusterIPs } from './allocate-cluster-ips';
import { commitTxn, newTxn, revertTxn } from './allocation-txn';
import { normalizeClusterIPs, patchAllocatedValues } from './cluster-ips';
import { allocContext } from './create-service';
import { describeDefaults, setDefaultsService } from './defaults';
import { initIPFamilyFields } from './ip-families';
import { updateNodePortsForUpdate } from './node-ports-update';
import {
  allocationStatus,
  invalid,
  type PipelineContext,
  type PipelineResult,
} from './pipeline-result';
import type { PlanDecision } from './plan-decision';
import { defaultOnReadService, prepareForUpdate } from './prepare';
import { updateMetadata } from './service-metadata';
import type { Service } from './service-types';
import { validateServiceUpdate } from './validation';

/**
 * JSON with sorted keys, leaving out members that are null, undefined or empty, so that two
 * objects Go would decode to the same struct compare equal (`status: {}` and
 * `status: {loadBalancer: {}}` are both the zero ServiceStatus).
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]): [string, string] => [k, v == null ? '' : canonical(v)])
      .filter(([, v]) => v !== '' && v !== '{}' && v !== '[]')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Same object apart from the resourceVersion: the store would not write it. */
function sameObject(a: Service, b: Service): boolean {
  const strip = (s: Service) =>
    canonical({ ...s, metadata: { ...s.metadata, resourceVersion: undefined } });
  return strip(a) === strip(b);
}

/** PUT /namespaces/{ns}/services/{name} against the stored object. */
export async function updateService(
  input: Service,
  stored: Service,
  ctx: PipelineContext,
): Promise<PipelineResult> {
  const explanation: PlanDecision[] = [];
  const meta = updateMetadata(input, stored, ctx);
  if (!meta.ok) {
    explanation.push({ step: 'metadata', message: meta.status.message });
    return { ok: false, status: meta.status, explanation };
  }
  let svc = setDefaultsService(meta.service, ctx.network.version);
  for (const message of describeDefaults(input, svc))
    explanation.push({ step: 'defaults', message });
  const name = svc.metadata.name ?? '';

  const old = defaultOnReadService(stored, ctx.network);
  svc = patchAllocatedValues(svc, old);
  svc = normalizeClusterIPs(svc, old);
  const families = initIPFamilyFields(svc, old, ctx.network);
  explanation.push(...families.explanation);
  if (families.stage) return invalid(name, families.errors, 'ip-families', explanation);
  svc = families.service;

  const txn = newTxn();
  const actx = allocContext(svc, ctx, txn, explanation);
  const ips = await updateClusterIPs(svc, old, actx);
  const ports = ips.ok ? await updateNodePortsForUpdate(ips.service, old, actx) : ips;
  if (!ports.ok) {
    await revertTxn(txn, ctx.allocator);
    return { ok: false, status: allocationStatus(name, ports.failure), explanation };
  }

  svc = prepareForUpdate(ports.service, old, ctx.network.version);
  const errors = validateServiceUpdate(svc, old);
  if (errors.length > 0) {
    await revertTxn(txn, ctx.allocator);
    return invalid(name, errors, 'validation', explanation);
  }
  explanation.push({ step: 'validation', message: 'valid' });
  const released = await commitTxn(txn, ctx.allocator);
  if (sameObject(svc, old)) {
    explanation.push({
      step: 'storage',
      message: 'no change: the stored object and its resourceVersion are kept',
    });
    return { ok: true, service: old, released, unchanged: true, explanation };
  }
  return { ok: true, service: svc, released, explanation };
}
