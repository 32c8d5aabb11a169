import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeClusterIPs, patchAllocatedValues } from './cluster-ips';
import type { Service, ServicePort } from './service-types';

const svc = (spec: Service['spec']): Service => ({ metadata: { name: 'x' }, spec });
const ips = (clusterIP?: string, clusterIPs?: string[]) => {
  const s: Service['spec'] = { type: 'ClusterIP' };
  if (clusterIP !== undefined) s.clusterIP = clusterIP;
  if (clusterIPs !== undefined) s.clusterIPs = clusterIPs;
  return svc(s);
};

describe('TestNormalizeClusterIPs', () => {
  const table: Array<{
    name: string;
    old?: Service;
    in: Service;
    want: { clusterIP?: string; clusterIPs?: string[] };
  }> = [
    { name: 'create: nothing set', in: ips(), want: {} },
    {
      name: 'create: singular only',
      in: ips('10.0.0.1'),
      want: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'] },
    },
    {
      name: 'create: None only',
      in: ips('None'),
      want: { clusterIP: 'None', clusterIPs: ['None'] },
    },
    {
      name: 'create: plural only is left for validation',
      in: ips(undefined, ['10.0.0.1']),
      want: { clusterIPs: ['10.0.0.1'] },
    },
    {
      name: 'create: both set',
      in: ips('10.0.0.1', ['10.0.0.1', '2000::1']),
      want: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '2000::1'] },
    },
    {
      name: 'update: old client omits plural, same singular',
      old: ips('10.0.0.1', ['10.0.0.1', '2000::1']),
      in: ips('10.0.0.1'),
      want: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '2000::1'] },
    },
    {
      name: 'update: both cleared',
      old: ips('10.0.0.1', ['10.0.0.1']),
      in: ips(),
      want: {},
    },
    {
      name: 'update: singular cleared, plural as stored -> plural cleared',
      old: ips('10.0.0.1', ['10.0.0.1']),
      in: ips('', ['10.0.0.1']),
      want: { clusterIP: '' },
    },
    {
      name: 'update: singular changed, plural as stored -> plural follows',
      old: ips('10.0.0.93', ['10.0.0.93']),
      in: ips('10.0.0.76', ['10.0.0.93']),
      want: { clusterIP: '10.0.0.76', clusterIPs: ['10.0.0.76'] },
    },
    {
      // The pipeline runs patchAllocatedValues first, which copies the plural field in.
      name: 'update: singular changed, plural omitted -> left for validation',
      old: ips('10.0.0.93', ['10.0.0.93']),
      in: ips('10.0.0.76'),
      want: { clusterIP: '10.0.0.76' },
    },
    {
      name: 'update: both changed -> kept for validation',
      old: ips('10.0.0.93', ['10.0.0.93']),
      in: ips('10.0.0.76', ['10.0.0.76', '2000::1']),
      want: { clusterIP: '10.0.0.76', clusterIPs: ['10.0.0.76', '2000::1'] },
    },
    {
      name: 'update: singular cleared, plural changed -> kept',
      old: ips('10.0.0.1', ['10.0.0.1']),
      in: ips('', ['10.0.0.2']),
      want: { clusterIP: '', clusterIPs: ['10.0.0.2'] },
    },
  ];
  for (const t of table) {
    it(t.name, () => {
      const frozen = structuredClone(t.in);
      const out = normalizeClusterIPs(t.in, t.old);
      assert.deepEqual(t.in, frozen, 'input must not be mutated');
      assert.equal(out.spec.clusterIP, t.want.clusterIP);
      assert.deepEqual(out.spec.clusterIPs, t.want.clusterIPs);
    });
  }
});

const np = (name: string, nodePort = 0, port = 80): ServicePort => ({
  name,
  port,
  protocol: 'TCP',
  nodePort,
});

describe('TestPatchAllocatedValues', () => {
  const table: Array<{
    name: string;
    old: Service['spec'];
    in: Service['spec'];
    want: Partial<Service['spec']>;
  }> = [
    {
      name: 'clusterIP and clusterIPs copied',
      old: { type: 'ClusterIP', clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '2000::1'] },
      in: { type: 'ClusterIP' },
      want: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '2000::1'] },
    },
    {
      name: 'not to ExternalName',
      old: { type: 'ClusterIP', clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'] },
      in: { type: 'ExternalName' },
      want: { clusterIP: undefined, clusterIPs: undefined },
    },
    {
      name: 'not from ExternalName',
      old: { type: 'ExternalName' },
      in: { type: 'ClusterIP' },
      want: { clusterIP: undefined, clusterIPs: undefined },
    },
    {
      name: 'given values win',
      old: { type: 'ClusterIP', clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'] },
      in: { type: 'ClusterIP', clusterIP: '10.0.0.2', clusterIPs: ['10.0.0.2'] },
      want: { clusterIP: '10.0.0.2', clusterIPs: ['10.0.0.2'] },
    },
    {
      name: 'nodePorts by name',
      old: { type: 'NodePort', ports: [np('a', 30001), np('b', 30002, 81)] },
      in: { type: 'NodePort', ports: [np('a'), np('b', 0, 81)] },
      want: { ports: [np('a', 30001), np('b', 30002, 81)] },
    },
    {
      name: 'swap-ports: values follow the names',
      old: { type: 'NodePort', ports: [np('a', 30001), np('b', 30002, 81)] },
      in: { type: 'NodePort', ports: [np('b', 0, 81), np('a')] },
      want: { ports: [np('b', 30002, 81), np('a', 30001)] },
    },
    {
      name: 'a stored value in use by a kept port is not patched',
      old: { type: 'NodePort', ports: [np('a', 30001), np('b', 30002, 81)] },
      in: { type: 'NodePort', ports: [np('a'), np('b', 30001, 81)] },
      want: { ports: [np('a', 0), np('b', 30001, 81)] },
    },
    {
      name: 'unknown name stays zero',
      old: { type: 'NodePort', ports: [np('a', 30001)] },
      in: { type: 'NodePort', ports: [np('c')] },
      want: { ports: [np('c', 0)] },
    },
    {
      name: 'not NodePort -> ClusterIP',
      old: { type: 'NodePort', ports: [np('a', 30001)] },
      in: { type: 'ClusterIP', ports: [np('a')] },
      want: { ports: [np('a', 0)] },
    },
    {
      name: 'healthCheckNodePort copied for LoadBalancer+Local',
      old: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 31000 },
      in: { type: 'LoadBalancer', externalTrafficPolicy: 'Local' },
      want: { healthCheckNodePort: 31000 },
    },
    {
      name: 'healthCheckNodePort not copied to Cluster',
      old: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 31000 },
      in: { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster' },
      want: { healthCheckNodePort: undefined },
    },
  ];
  for (const t of table) {
    it(t.name, () => {
      const input = svc(t.in);
      const frozen = structuredClone(input);
      const out = patchAllocatedValues(input, svc(t.old));
      assert.deepEqual(input, frozen, 'input must not be mutated');
      for (const [k, v] of Object.entries(t.want)) {
        const got = out.spec[k as keyof Service['spec']];
        if (k === 'ports') {
          assert.deepEqual(
            (got as ServicePort[]).map((p) => ({ ...p, nodePort: p.nodePort ?? 0 })),
            v,
          );
        } else assert.deepEqual(got, v, k);
      }
    });
  }
});
