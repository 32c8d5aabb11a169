/**
 * The Go types a v1 Service decodes into (k8s.io/api core/v1 types.go, apimachinery
 * meta/v1 types.go), reduced to what the JSON decoder needs: the JSON names, the kind of
 * each field, and the Go type names that appear in `json: cannot unmarshal … of type X`.
 */

export type GoType =
  | { readonly k: 'string'; readonly go: string }
  | { readonly k: 'int'; readonly go: 'int32' | 'int64' }
  | { readonly k: 'bool' }
  /** intstr.IntOrString: its UnmarshalJSON decodes a non-string into an int32. */
  | { readonly k: 'intOrString' }
  /** metav1.Time: its UnmarshalJSON wants a string in RFC 3339. */
  | { readonly k: 'time' }
  /** FieldsV1 and other raw JSON holders: any value is kept as given. */
  | { readonly k: 'raw' }
  | { readonly k: 'slice'; readonly go: string; readonly elem: GoType }
  | { readonly k: 'map'; readonly go: string; readonly elem: GoType }
  | {
      readonly k: 'struct';
      /** reflect.Type.String(), e.g. `v1.ServiceSpec`. */
      readonly go: string;
      /** reflect.Type.Name(), e.g. `ServiceSpec`, the `Go struct field <Name>.…` prefix. */
      readonly name: string;
      readonly fields: Readonly<Record<string, GoType>>;
    };

const str = (go = 'string'): GoType => ({ k: 'string', go });
const int32: GoType = { k: 'int', go: 'int32' };
const int64: GoType = { k: 'int', go: 'int64' };
const bool: GoType = { k: 'bool' };
const time: GoType = { k: 'time' };
const stringMap: GoType = { k: 'map', go: 'map[string]string', elem: str() };
const stringSlice = (elem = 'string'): GoType => ({ k: 'slice', go: `[]${elem}`, elem: str(elem) });

function struct(pkg: string, name: string, fields: Record<string, GoType>): GoType {
  return { k: 'struct', go: `${pkg}.${name}`, name, fields };
}

function sliceOf(elem: GoType): GoType {
  return { k: 'slice', go: `[]${elem.k === 'struct' ? elem.go : 'interface {}'}`, elem };
}

const ownerReference = struct('v1', 'OwnerReference', {
  apiVersion: str(),
  kind: str(),
  name: str(),
  uid: str('types.UID'),
  controller: bool,
  blockOwnerDeletion: bool,
});

const managedFieldsEntry = struct('v1', 'ManagedFieldsEntry', {
  manager: str(),
  operation: str('v1.ManagedFieldsOperationType'),
  apiVersion: str(),
  time,
  fieldsType: str(),
  fieldsV1: { k: 'raw' },
  subresource: str(),
});

export const OBJECT_META = struct('v1', 'ObjectMeta', {
  name: str(),
  generateName: str(),
  namespace: str(),
  selfLink: str(),
  uid: str('types.UID'),
  resourceVersion: str(),
  generation: int64,
  creationTimestamp: time,
  deletionTimestamp: time,
  deletionGracePeriodSeconds: int64,
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: sliceOf(ownerReference),
  finalizers: stringSlice(),
  managedFields: sliceOf(managedFieldsEntry),
});

const servicePort = struct('v1', 'ServicePort', {
  name: str(),
  protocol: str('v1.Protocol'),
  appProtocol: str(),
  port: int32,
  targetPort: { k: 'intOrString' },
  nodePort: int32,
});

const sessionAffinityConfig = struct('v1', 'SessionAffinityConfig', {
  clientIP: struct('v1', 'ClientIPConfig', { timeoutSeconds: int32 }),
});

const serviceSpec = struct('v1', 'ServiceSpec', {
  ports: sliceOf(servicePort),
  selector: stringMap,
  clusterIP: str(),
  clusterIPs: stringSlice(),
  type: str('v1.ServiceType'),
  externalIPs: stringSlice(),
  sessionAffinity: str('v1.ServiceAffinity'),
  loadBalancerIP: str(),
  loadBalancerSourceRanges: stringSlice(),
  externalName: str(),
  externalTrafficPolicy: str('v1.ServiceExternalTrafficPolicy'),
  healthCheckNodePort: int32,
  publishNotReadyAddresses: bool,
  sessionAffinityConfig,
  ipFamilies: stringSlice('v1.IPFamily'),
  ipFamilyPolicy: str('v1.IPFamilyPolicy'),
  allocateLoadBalancerNodePorts: bool,
  loadBalancerClass: str(),
  internalTrafficPolicy: str('v1.ServiceInternalTrafficPolicy'),
  trafficDistribution: str(),
});

const portStatus = struct('v1', 'PortStatus', {
  port: int32,
  protocol: str('v1.Protocol'),
  error: str(),
});

const loadBalancerIngress = struct('v1', 'LoadBalancerIngress', {
  ip: str(),
  hostname: str(),
  ipMode: str('v1.LoadBalancerIPMode'),
  ports: sliceOf(portStatus),
});

const condition = struct('v1', 'Condition', {
  type: str(),
  status: str('v1.ConditionStatus'),
  observedGeneration: int64,
  lastTransitionTime: time,
  reason: str(),
  message: str(),
});

const serviceStatus = struct('v1', 'ServiceStatus', {
  loadBalancer: struct('v1', 'LoadBalancerStatus', { ingress: sliceOf(loadBalancerIngress) }),
  conditions: sliceOf(condition),
});

/** v1.Service; `kind` and `apiVersion` come from the inlined TypeMeta. */
export const SERVICE = struct('v1', 'Service', {
  kind: str(),
  apiVersion: str(),
  metadata: OBJECT_META,
  spec: serviceSpec,
  status: serviceStatus,
});
