/**
 * Keeping `clusterIP` and `clusterIPs` in step, and making a re-submitted manifest
 * idempotent: storage.go `normalizeClusterIPs` and `patchAllocatedValues`. Both return a new
 * object and leave their inputs untouched.
 */
import {
  cloneService,
  needsClusterIP,
  needsHealthCheck,
  needsNodePort,
  sameClusterIPs,
} from './service-predicates';
import type { Service } from './service-types';

/**
 * storage.go `normalizeClusterIPs(after, before)`. On create only the singular field is
 * expanded (a plural-only request is left for validation to reject). On update an old client
 * that omits the plural field inherits it, and a singular-only change becomes a plural change
 * that validation then judges.
 */
export function normalizeClusterIPs(after: Service, before?: Service): Service {
  const svc = cloneService(after);
  const spec = svc.spec;
  const clusterIP = spec.clusterIP ?? '';

  if (!before) {
    if (clusterIP !== '' && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [clusterIP];
    return svc;
  }

  const oldIP = before.spec.clusterIP ?? '';
  const oldIPs = before.spec.clusterIPs ?? [];
  if (oldIPs.length > 0 && (spec.clusterIPs ?? []).length === 0 && oldIP === clusterIP) {
    spec.clusterIPs = [...oldIPs];
  }
  if (oldIP !== clusterIP) {
    if (oldIP !== '' && clusterIP === '') {
      // Cleared on purpose: clear the plural field too when it was left as stored.
      if (sameClusterIPs(before, svc)) delete spec.clusterIPs;
    } else if (sameClusterIPs(before, svc)) {
      spec.clusterIPs = [clusterIP];
    }
  }
  return svc;
}

/**
 * storage.go `patchAllocatedValues(after, before)`: values the server allocated and the
 * client left empty are copied from the stored object. NodePorts follow the port **name**,
 * and are not patched in when the stored value is already used by a port present in both.
 */
export function patchAllocatedValues(after: Service, before: Service): Service {
  const svc = cloneService(after);
  const spec = svc.spec;

  if (needsClusterIP(before) && needsClusterIP(svc)) {
    if (!spec.clusterIP) spec.clusterIP = before.spec.clusterIP ?? '';
    if ((spec.clusterIPs ?? []).length === 0 && (before.spec.clusterIPs ?? []).length > 0) {
      spec.clusterIPs = [...(before.spec.clusterIPs ?? [])];
    }
    if (spec.clusterIP === '') delete spec.clusterIP;
  }

  if (needsNodePort(before) && needsNodePort(svc)) {
    const usedBy = (s: Service): Set<number> =>
      new Set((s.spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
    const oldUsed = usedBy(before);
    const used = new Set([...usedBy(svc)].filter((n) => oldUsed.has(n)));
    const byName = new Map<string, number>();
    for (const p of before.spec.ports ?? []) byName.set(p.name ?? '', p.nodePort ?? 0);
    for (const p of spec.ports ?? []) {
      if (!p.nodePort) {
        const oldVal = byName.get(p.name ?? '') ?? 0;
        if (oldVal !== 0 && !used.has(oldVal)) p.nodePort = oldVal;
      }
    }
  }

  if (needsHealthCheck(before) && needsHealthCheck(svc) && !spec.healthCheckNodePort) {
    if (before.spec.healthCheckNodePort) spec.healthCheckNodePort = before.spec.healthCheckNodePort;
  }
  return svc;
}
