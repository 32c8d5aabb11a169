/**
 * The strategy hooks that run between allocation and validation (strategy.go
 * `PrepareForCreate`, `PrepareForUpdate`, `dropServiceDisabledFields`,
 * `dropTypeDependentFields`) and the read-time defaulting of stored objects (storage.go
 * `defaultOnReadService`). All return new objects.
 */
import { atLeast } from '../cluster/kubernetes-version';
import {
  type KubernetesVersion,
  primaryFamily,
  type ServiceNetwork,
} from '../cluster/service-network';
import { otherFamily } from '../net';
import { normalizeClusterIPs } from './cluster-ips';
import {
  cloneService,
  externallyAccessible,
  familyOf,
  needsClusterIP,
  needsHealthCheck,
  needsNodePort,
  sameIPFamilies,
  sameStrings,
  selectorIsEmpty,
} from './service-predicates';
import type { Service } from './service-types';

/** `ServiceTrafficDistribution` is beta and on by default from 1.31. */
const trafficDistributionEnabled = (v: KubernetesVersion | undefined): boolean =>
  v === undefined || atLeast(v, 31);

/** strategy.go `dropServiceDisabledFields`: fields of gates that are off, unless already in use. */
function dropServiceDisabledFields(
  svc: Service,
  before: Service | undefined,
  version?: KubernetesVersion,
): void {
  if (!trafficDistributionEnabled(version) && before?.spec.trafficDistribution == null) {
    delete svc.spec.trafficDistribution;
  }
}

/** strategy.go `PrepareForCreate`: a client cannot set status. */
export function prepareForCreate(input: Service, version?: KubernetesVersion): Service {
  const svc = cloneService(input);
  svc.status = {};
  dropServiceDisabledFields(svc, undefined, version);
  return svc;
}

/**
 * strategy.go `dropTypeDependentFields`: wipe what the old type needed and the new one does
 * not, but only where the user left the stored value unchanged, so that a deliberate change
 * still reaches validation and is rejected there.
 */
export function dropTypeDependentFields(input: Service, before: Service): Service {
  const svc = cloneService(input);
  const spec = svc.spec;
  const old = before.spec;

  if (needsClusterIP(before) && !needsClusterIP(svc)) {
    if (
      (old.clusterIP ?? '') === (spec.clusterIP ?? '') &&
      sameStrings(old.clusterIPs, spec.clusterIPs)
    ) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameIPFamilies(before, svc)) delete spec.ipFamilies;
    if ((old.ipFamilyPolicy ?? '') === (spec.ipFamilyPolicy ?? '')) delete spec.ipFamilyPolicy;
  }

  if (needsNodePort(before) && !needsNodePort(svc)) {
    const oldPorts = new Set((old.ports ?? []).map((p) => p.nodePort ?? 0));
    const noneNew = (spec.ports ?? []).every((p) => !p.nodePort || oldPorts.has(p.nodePort));
    if (noneNew) for (const p of spec.ports ?? []) delete p.nodePort;
  }

  if (needsHealthCheck(before) && !needsHealthCheck(svc)) {
    if ((old.healthCheckNodePort ?? 0) === (spec.healthCheckNodePort ?? 0))
      delete spec.healthCheckNodePort;
  }

  if (old.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (
      spec.allocateLoadBalancerNodePorts != null &&
      old.allocateLoadBalancerNodePorts != null &&
      spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts
    ) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if ((old.loadBalancerClass ?? null) === (spec.loadBalancerClass ?? null))
      delete spec.loadBalancerClass;
  }

  if (externallyAccessible(before) && !externallyAccessible(svc)) {
    if ((old.externalTrafficPolicy ?? '') === (spec.externalTrafficPolicy ?? ''))
      delete spec.externalTrafficPolicy;
  }

  // LB de-provisioning is asynchronous, but the user need not see that.
  if (spec.type !== 'LoadBalancer' && svc.status) svc.status = { ...svc.status, loadBalancer: {} };
  return svc;
}

/** strategy.go `PrepareForUpdate`: status is kept from the stored object. */
export function prepareForUpdate(
  input: Service,
  before: Service,
  version?: KubernetesVersion,
): Service {
  const svc = cloneService(input);
  svc.status = structuredClone(before.status ?? {});
  dropServiceDisabledFields(svc, before, version);
  return dropTypeDependentFields(svc, before);
}

/**
 * storage.go `defaultOnReadService`: a consistent view of objects written before the plural
 * and family fields existed. Applied to every object returned and to the stored object at the
 * start of every update.
 */
export function defaultOnReadService(input: Service, network: ServiceNetwork): Service {
  const svc = normalizeClusterIPs(input);
  const spec = svc.spec;
  if (needsClusterIP(svc) && (spec.ipFamilies ?? []).length === 0) {
    const primary = primaryFamily(network);
    if (spec.clusterIP === 'None') {
      if (selectorIsEmpty(svc)) {
        spec.ipFamilyPolicy = 'RequireDualStack';
        spec.ipFamilies = [primary, otherFamily(primary)];
      } else {
        spec.ipFamilyPolicy = 'SingleStack';
        spec.ipFamilies = [primary];
      }
    } else {
      const ips = spec.clusterIPs ?? [];
      if (ips.length > 0)
        spec.ipFamilies = ips.map((ip) => (familyOf(ip) === 'IPv6' ? 'IPv6' : 'IPv4'));
      if (ips.length === 1) spec.ipFamilyPolicy = 'SingleStack';
      else if (ips.length === 2) spec.ipFamilyPolicy = 'RequireDualStack';
    }
  }
  // Older servers stored internalTrafficPolicy on ExternalName Services by mistake.
  if (spec.type === 'ExternalName') delete spec.internalTrafficPolicy;
  return svc;
}
