/**
 * Small questions the Service rules keep asking, named after their upstream helpers
 * (storage.go `needsClusterIP`/`needsNodePort`/`needsHCNodePort`, pkg/api/service
 * `ExternallyAccessible`/`NeedsHealthCheck`, alloc.go `sameClusterIPs`/`familyOf`).
 */
import { type IPFamily, parseIPSloppy } from '../net';
import type { Service } from './service-types';

export const CLUSTER_IP_NONE = 'None';

/**
 * A deep copy, so that no rule ever mutates its caller's object. Services are plain JSON
 * data; a recursive copy is several times faster than `structuredClone`, which serializes.
 */
export const cloneService = (svc: Service): Service => clonePlain(svc);

function clonePlain<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(clonePlain) as T;
  if (Object.getPrototypeOf(v) !== Object.prototype) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = clonePlain((v as Record<string, unknown>)[k]);
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: x,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = x;
  }
  return out as T;
}

/** storage.go `needsClusterIP`: everything but ExternalName. */
export const needsClusterIP = (svc: Service): boolean => svc.spec.type !== 'ExternalName';

/** storage.go `needsNodePort`. */
export const needsNodePort = (svc: Service): boolean =>
  svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer';

/** storage.go `needsHCNodePort`, pkg/api/service `NeedsHealthCheck`: LoadBalancer + Local. */
export const needsHealthCheck = (svc: Service): boolean =>
  svc.spec.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local';

/** pkg/api/v1/service `ExternallyAccessible`. */
export const externallyAccessible = (svc: Service): boolean =>
  svc.spec.type === 'LoadBalancer' ||
  svc.spec.type === 'NodePort' ||
  (svc.spec.type === 'ClusterIP' && (svc.spec.externalIPs?.length ?? 0) > 0);

/** alloc.go `shouldAllocateNodePorts`; v1 defaulting guarantees the LoadBalancer flag is set. */
export const shouldAllocateNodePorts = (svc: Service): boolean =>
  svc.spec.type === 'NodePort' ||
  (svc.spec.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false);

/** `len(svc.Spec.Selector) == 0`: nil and `{}` are the same to Go. */
export const selectorIsEmpty = (svc: Service): boolean =>
  Object.keys(svc.spec.selector ?? {}).length === 0;

/** `clusterIP == "None"` with an empty selector: the special case of alloc.go and defaultOnRead. */
export const isHeadlessSelectorless = (svc: Service): boolean =>
  svc.spec.clusterIP === CLUSTER_IP_NONE && selectorIsEmpty(svc);

/** `len(clusterIPs) > 0 && clusterIPs[0] == "None"`. */
export const isHeadless = (svc: Service): boolean => svc.spec.clusterIPs?.[0] === CLUSTER_IP_NONE;

/** Go slice equality where nil and empty are the same length-0 slice. */
export function sameStrings(
  a: readonly string[] | undefined,
  b: readonly string[] | undefined,
): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** alloc.go `sameClusterIPs` (plural only). */
export const sameClusterIPs = (a: Service, b: Service): boolean =>
  sameStrings(a.spec.clusterIPs, b.spec.clusterIPs);

/** alloc.go `sameIPFamilies`. */
export const sameIPFamilies = (a: Service, b: Service): boolean =>
  sameStrings(a.spec.ipFamilies, b.spec.ipFamilies);

/** alloc.go `familyOf`: the family of a (validated) IP string, or undefined when it does not parse. */
export function familyOf(ip: string): IPFamily | undefined {
  return parseIPSloppy(ip)?.family;
}

/** alloc.go `collectServiceNodePorts`: the non-zero nodePorts, in port order. */
export const collectNodePorts = (svc: Service): number[] =>
  (svc.spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0);
