/**
 * Builders shared by the validation specs: defaulted v1 Services on the four cluster shapes
 * whose families matter (the specs' counterpart of upstream's makeValidService).
 */
import { renderFieldError, type FieldError } from '../../errors/field-error';
import type { Service } from '../service-types';

export type Shape = 'v4' | 'v6' | 'v4/v6' | 'v6/v4';

export const SHAPES: Record<Shape, { ips: string[]; families: string[]; policy: string }> = {
  v4: { ips: ['10.0.0.1'], families: ['IPv4'], policy: 'SingleStack' },
  v6: { ips: ['2000::1'], families: ['IPv6'], policy: 'SingleStack' },
  'v4/v6': { ips: ['10.0.0.1', '2000::1'], families: ['IPv4', 'IPv6'], policy: 'RequireDualStack' },
  'v6/v4': { ips: ['2000::1', '10.0.0.1'], families: ['IPv6', 'IPv4'], policy: 'RequireDualStack' },
};

/** A valid, defaulted ClusterIP Service with the IP fields of the given shape. */
export function makeService(shape: Shape = 'v4'): Service {
  const s = SHAPES[shape];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'valid', namespace: 'default', resourceVersion: '1', uid: 'u-1' },
    spec: {
      selector: { key: 'val' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
      ports: [{ name: 'p', protocol: 'TCP', port: 8675, targetPort: 8675 }],
      clusterIP: s.ips[0],
      clusterIPs: [...s.ips],
      ipFamilies: [...s.families],
      ipFamilyPolicy: s.policy,
      internalTrafficPolicy: 'Cluster',
    },
  };
}

/** Applies a mutation to a fresh copy. */
export function tweak(svc: Service, fn: (s: Service) => void): Service {
  const copy = structuredClone(svc);
  fn(copy);
  return copy;
}

/** A valid NodePort or LoadBalancer Service (externally accessible, ports allocated). */
export function makeExternal(type: 'NodePort' | 'LoadBalancer', shape: Shape = 'v4'): Service {
  return tweak(makeService(shape), (s) => {
    s.spec.type = type;
    s.spec.externalTrafficPolicy = 'Cluster';
    s.spec.ports = [{ name: 'p', protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30080 }];
    if (type === 'LoadBalancer') s.spec.allocateLoadBalancerNodePorts = true;
  });
}

export const render = (errs: readonly FieldError[]): string[] => errs.map(renderFieldError);

/** Upstream messages the specs compare against, verbatim. */
export const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const QNAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
export const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
export const CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
export const PORT_RANGE = 'must be between 1 and 65535, inclusive';
export const ONLY_LB = "may only be used when `type` is 'LoadBalancer'";
