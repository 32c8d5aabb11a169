/**
 * The Service as kube-apiserver returns it: fields in Go struct order (k8s.io/api/core/v1
 * types.go `Service`, `ObjectMeta`, `ServiceSpec`, `ServicePort`, `ServiceStatus`), `omitempty`
 * fields left out when empty, unknown fields dropped. Structs are never omitted by Go, hence
 * `status: {loadBalancer: {}}` and an always-present `port` and `targetPort`.
 */
import type {
  LoadBalancerIngress,
  ObjectMeta,
  Service,
  ServicePort,
  ServiceSpec,
} from './service-types';

type Json = Record<string, unknown>;

/** Go's `omitempty`: false, 0, "", nil, and empty slices and maps. */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

/** Copies `keys` in order, leaving out `omitempty` members that are empty. */
function pick(src: object, keys: readonly string[], always: readonly string[] = []): Json {
  const from = src as Json;
  const out: Json = {};
  for (const k of keys) {
    const v = from[k];
    if (always.includes(k) ? v !== undefined : !isEmpty(v)) out[k] = v;
  }
  return out;
}

const META_KEYS = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
] as const;

const SPEC_KEYS = [
  'ports',
  'selector',
  'clusterIP',
  'clusterIPs',
  'type',
  'externalIPs',
  'sessionAffinity',
  'loadBalancerIP',
  'loadBalancerSourceRanges',
  'externalName',
  'externalTrafficPolicy',
  'healthCheckNodePort',
  'publishNotReadyAddresses',
  'sessionAffinityConfig',
  'ipFamilies',
  'ipFamilyPolicy',
  'allocateLoadBalancerNodePorts',
  'loadBalancerClass',
  'internalTrafficPolicy',
  'trafficDistribution',
] as const;

const PORT_KEYS = ['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort'] as const;
const INGRESS_KEYS = ['ip', 'hostname', 'ipMode', 'ports'] as const;

export function renderMetadata(meta: ObjectMeta): Json {
  // metav1.Time has no omitempty effect: a zero time prints as null.
  return pick(meta, META_KEYS, ['creationTimestamp']);
}

function renderPort(p: ServicePort): Json {
  const out = pick(p, PORT_KEYS, ['port', 'targetPort']);
  out.port ??= 0;
  out.targetPort ??= 0;
  return pick(out, PORT_KEYS, ['port', 'targetPort']);
}

function renderSpec(spec: ServiceSpec): Json {
  const out = pick(spec, SPEC_KEYS, ['allocateLoadBalancerNodePorts']);
  if (out.ports) out.ports = (spec.ports ?? []).map(renderPort);
  if (spec.sessionAffinityConfig) {
    const t = spec.sessionAffinityConfig.clientIP?.timeoutSeconds;
    out.sessionAffinityConfig = spec.sessionAffinityConfig.clientIP
      ? { clientIP: t === undefined ? {} : { timeoutSeconds: t } }
      : {};
  }
  if (spec.allocateLoadBalancerNodePorts == null) delete out.allocateLoadBalancerNodePorts;
  return out;
}

/** The JSON object of a stored Service, as `kubectl get -o json` shows it. */
export function renderService(svc: Service): Json {
  const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i: LoadBalancerIngress) =>
    pick(i, INGRESS_KEYS),
  );
  const status: Json = { loadBalancer: ingress.length > 0 ? { ingress } : {} };
  if (!isEmpty(svc.status?.conditions)) status.conditions = svc.status?.conditions;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: renderMetadata(svc.metadata ?? {}),
    spec: renderSpec(svc.spec ?? {}),
    status,
  };
}
