/**
 * v1 defaulting of a decoded Service: pkg/apis/core/v1/defaults.go `SetDefaults_Service`.
 * It never touches clusterIP(s), ipFamilies, ipFamilyPolicy or nodePort: those depend on the
 * cluster and on the stored object, and are resolved by the registry (ip-families.ts).
 */
import { atLeast } from '../cluster/kubernetes-version';
import type { KubernetesVersion } from '../cluster/service-network';
import { cloneService, externallyAccessible } from './service-predicates';
import type { Service } from './service-types';

/** `v1.DefaultClientIPServiceAffinitySeconds`: three hours. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/** `LoadBalancerIPMode` is beta and on by default from 1.30. */
const ipModeDefaulted = (v: KubernetesVersion | undefined): boolean =>
  v === undefined || atLeast(v, 30);

/**
 * SetDefaults_Service. Returns a new object; the input is left untouched. `version` selects
 * version-gated defaults (ingress `ipMode`); without it the latest behaviour applies.
 */
export function setDefaultsService(input: Service, version?: KubernetesVersion): Service {
  const svc = cloneService(input);
  svc.metadata ??= {};
  svc.spec ??= {};
  const spec = svc.spec;

  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (
    spec.sessionAffinity === 'ClientIP' &&
    spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null
  ) {
    spec.sessionAffinityConfig = {
      clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS },
    };
  }
  if (!spec.type) spec.type = 'ClusterIP';

  for (const port of spec.ports ?? []) {
    if (!port.protocol) port.protocol = 'TCP';
    // intstr zero value: the int 0 or the empty string both mean "same as port".
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') {
      port.targetPort = port.port ?? 0;
    }
  }

  if (externallyAccessible(svc) && !spec.externalTrafficPolicy)
    spec.externalTrafficPolicy = 'Cluster';

  if (
    spec.internalTrafficPolicy == null &&
    ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)
  ) {
    spec.internalTrafficPolicy = 'Cluster';
  }

  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true;
    if (ipModeDefaulted(version)) {
      for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
        if (ing.ip && ing.ipMode == null) ing.ipMode = 'VIP';
      }
    }
  }
  return svc;
}

/** The fields `setDefaultsService` filled in, for the plan explanation. */
export function describeDefaults(before: Service, after: Service): string[] {
  const out: string[] = [];
  const b = before.spec ?? {};
  const a = after.spec;
  const note = (field: string, was: unknown, now: unknown) => {
    if (was == null || was === '') {
      if (now != null && now !== '') out.push(`${field} defaulted to ${JSON.stringify(now)}`);
    }
  };
  note('spec.type', b.type, a.type);
  note('spec.sessionAffinity', b.sessionAffinity, a.sessionAffinity);
  note('spec.externalTrafficPolicy', b.externalTrafficPolicy, a.externalTrafficPolicy);
  note('spec.internalTrafficPolicy', b.internalTrafficPolicy, a.internalTrafficPolicy);
  note(
    'spec.allocateLoadBalancerNodePorts',
    b.allocateLoadBalancerNodePorts,
    a.allocateLoadBalancerNodePorts,
  );
  (a.ports ?? []).forEach((p, i) => {
    const was = b.ports?.[i];
    note(`spec.ports[${i}].protocol`, was?.protocol, p.protocol);
    if (was?.targetPort === undefined || was.targetPort === 0 || was.targetPort === '') {
      out.push(`spec.ports[${i}].targetPort defaulted to the port ${String(p.targetPort)}`);
    }
  });
  return out;
}
