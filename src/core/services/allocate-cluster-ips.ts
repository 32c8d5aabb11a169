/**
 * Cluster-IP allocation through the `ServiceAllocator` port: alloc.go `allocClusterIPs`,
 * `allocIPs`, `updateClusterIPs` and `releaseIPs`. Families are processed in `ipFamilies`
 * order (upstream iterates a Go map, so its choice between two failing IPs is random).
 */
import type { ServiceAllocator } from '../allocation/allocator-port';
import { cidrForFamily, type ServiceNetwork } from '../cluster/service-network';
import { fieldError, goValue } from '../errors/field-error';
import { formatIP, type IPFamily, parseIPSloppy } from '../net';
import { type AllocationFailure, type AllocationTxn, ipAllocatorError } from './allocation-txn';
import { isMatchingPreferDualStackClusterIPFields } from './ip-families';
import type { PlanDecision } from './plan-decision';
import { cloneService, isHeadless } from './service-predicates';
import type { Service } from './service-types';

export interface AllocContext {
  readonly network: ServiceNetwork;
  readonly allocator: ServiceAllocator;
  readonly txn: AllocationTxn;
  readonly owner: string;
  readonly explanation: PlanDecision[];
}

export type ClusterIPResult =
  | { readonly ok: true; readonly service: Service }
  | { readonly ok: false; readonly failure: AllocationFailure };

const STEP = 'cluster-ips';

/** alloc.go `allocIPs`: a requested IP is reserved as given, an empty one is picked. */
async function allocIPs(
  svc: Service,
  toAlloc: ReadonlyArray<readonly [IPFamily, string]>,
  ctx: AllocContext,
): Promise<
  { ok: true; allocated: Map<IPFamily, string> } | { ok: false; failure: AllocationFailure }
> {
  const allocated = new Map<IPFamily, string>();
  for (const [family, ip] of toAlloc) {
    const cidr = cidrForFamily(ctx.network, family);
    const cidrText = cidr?.text ?? '';
    if (ip === '') {
      const r = await ctx.allocator.allocateNextIP(family, ctx.owner);
      if (!r.ok) {
        const message = `failed to allocate a serviceIP: ${ipAllocatorError(r.reason, '', cidrText)}`;
        const failure: AllocationFailure =
          r.reason === 'full'
            ? { kind: 'full', message }
            : { kind: 'internal', message, prefixed: true };
        ctx.explanation.push({
          step: STEP,
          message: `no free ${family} address in ${cidrText}: ${message}`,
        });
        return { ok: false, failure };
      }
      ctx.txn.allocatedIPs.push(r.value);
      allocated.set(family, formatIP(r.value));
      ctx.explanation.push({
        step: STEP,
        message: `${family} ${formatIP(r.value)} picked from ${cidrText} (${r.band} band)`,
      });
      continue;
    }
    const parsed = parseIPSloppy(ip);
    if (!parsed) {
      return {
        ok: false,
        failure: {
          kind: 'internal',
          message: `failed to parse service IP "${ip}"`,
          prefixed: true,
        },
      };
    }
    const r = await ctx.allocator.allocateIP(family, parsed, ctx.owner);
    if (!r.ok) {
      const detail = `failed to allocate IP ${ip}: ${ipAllocatorError(r.reason, formatIP(parsed), cidrText)}`;
      ctx.explanation.push({
        step: STEP,
        message: `requested ${family} ${ip} rejected: ${detail}`,
      });
      const errors = [
        fieldError.invalid('spec.clusterIPs', goValue.strings(svc.spec.clusterIPs ?? []), detail),
      ];
      return { ok: false, failure: { kind: 'invalid', errors } };
    }
    ctx.txn.allocatedIPs.push(r.value);
    allocated.set(family, ip);
    ctx.explanation.push({
      step: STEP,
      message: `requested ${family} ${ip} reserved in ${cidrText} (${r.band} band)`,
    });
  }
  return { ok: true, allocated };
}

/** alloc.go `allocClusterIPs`: every family of `ipFamilies`, requested or picked. */
export async function allocClusterIPs(input: Service, ctx: AllocContext): Promise<ClusterIPResult> {
  const svc = cloneService(input);
  const spec = svc.spec;
  if (spec.type === 'ExternalName') return { ok: true, service: svc };
  if (isHeadless(svc)) {
    ctx.explanation.push({
      step: STEP,
      message: 'headless (clusterIP None): no cluster IP allocated',
    });
    return { ok: true, service: svc };
  }
  const ips = (spec.clusterIPs = [...(spec.clusterIPs ?? [])]);
  const families = (spec.ipFamilies ?? []) as IPFamily[];
  const toAlloc = families.map((family, i): readonly [IPFamily, string] => {
    if (i >= ips.length) ips.push('');
    return [family, ips[i]!];
  });
  const r = await allocIPs(svc, toAlloc, ctx);
  if (!r.ok) return r;
  families.forEach((family, i) => {
    const ip = r.allocated.get(family);
    if (ip !== undefined) ips[i] = ip;
  });
  if (ips.length > 0) spec.clusterIP = ips[0]!;
  return { ok: true, service: svc };
}

/** Defers the release of stored IPs until the update succeeds (alloc.go `releaseIPs`). */
function deferRelease(ips: readonly string[], ctx: AllocContext): void {
  for (const text of ips) {
    const ip = parseIPSloppy(text);
    if (!ip) continue;
    if (!cidrForFamily(ctx.network, ip.family)) {
      // The cluster dropped that family since; there is no range to give the address back to.
      ctx.explanation.push({
        step: STEP,
        message: `${text} not released: ${ip.family} is no longer configured`,
      });
      continue;
    }
    ctx.txn.releaseIPs.push(ip);
    ctx.explanation.push({ step: STEP, message: `${text} will be released` });
  }
}

/** alloc.go `updateClusterIPs`, cases 1–7 in upstream order. */
export async function updateClusterIPs(
  input: Service,
  before: Service,
  ctx: AllocContext,
): Promise<ClusterIPResult> {
  const svc = cloneService(input);
  const spec = svc.spec;
  // 1. PreferDualStack freeze.
  if (isMatchingPreferDualStackClusterIPFields(svc, before)) return { ok: true, service: svc };
  // 2. ExternalName -> a type with IPs: a full allocation, as on create.
  if (before.spec.type === 'ExternalName' && spec.type !== 'ExternalName')
    return allocClusterIPs(svc, ctx);
  // 3. Stored headless: never allocated (validation rejects None -> IP).
  if (isHeadless(before)) return { ok: true, service: svc };
  // 4. -> ExternalName: everything stored goes.
  if (spec.type === 'ExternalName') {
    const old = before.spec.clusterIPs ?? [];
    deferRelease(
      (before.spec.ipFamilies ?? []).map((_f, i) => old[i] ?? '').filter((ip) => ip !== ''),
      ctx,
    );
    return { ok: true, service: svc };
  }
  const oldCount = before.spec.ipFamilies?.length ?? 0;
  const newCount = spec.ipFamilies?.length ?? 0;
  // 5. Upgrade: the secondary family, requested or picked.
  if (oldCount === 1 && newCount === 2) {
    const ips = (spec.clusterIPs = [...(spec.clusterIPs ?? [])]);
    if (ips.length < 2) ips.push('');
    const family = spec.ipFamilies![1] as IPFamily;
    ctx.explanation.push({
      step: STEP,
      message: `upgrade to dual-stack: allocating the secondary ${family} address`,
    });
    const r = await allocIPs(svc, [[family, ips[1]!]], ctx);
    if (!r.ok) return r;
    ips[1] = r.allocated.get(family) ?? ips[1]!;
    return { ok: true, service: svc };
  }
  // 6. Downgrade: the stored secondary goes once the update succeeds.
  if (oldCount === 2 && newCount === 1) {
    const secondary = before.spec.clusterIPs?.[1];
    ctx.explanation.push({
      step: STEP,
      message: 'downgrade to single-stack: the secondary address is released',
    });
    if (secondary) deferRelease([secondary], ctx);
  }
  // 7. Changed IPs are never re-allocated: validation rejects the change.
  return { ok: true, service: svc };
}
