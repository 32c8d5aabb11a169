import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNetwork } from './services.spec-kit';
import {
  defaultOnReadService,
  dropTypeDependentFields,
  prepareForCreate,
  prepareForUpdate,
} from './prepare';
import type { Service } from './service-types';

const svc = (spec: Service['spec'], status?: Service['status']): Service => ({
  metadata: { name: 'x' },
  spec,
  status: status ?? {},
});
const cip = {
  clusterIP: '10.0.0.1',
  clusterIPs: ['10.0.0.1'],
  ipFamilies: ['IPv4'],
  ipFamilyPolicy: 'SingleStack',
};
const np = (...nodePorts: number[]) =>
  nodePorts.map((n, i) => ({ name: `p${i}`, port: 80 + i, protocol: 'TCP', nodePort: n }));
const lbStatus = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } };

describe('TestDropTypeDependentFields (strategy.go)', () => {
  const table: Array<{
    name: string;
    old: Service;
    in: Service;
    want: Partial<Service['spec']>;
    status?: unknown;
  }> = [
    {
      name: 'ClusterIP -> ExternalName wipes unchanged IP fields',
      old: svc({ type: 'ClusterIP', ...cip }),
      in: svc({ type: 'ExternalName', ...cip }),
      want: {
        clusterIP: undefined,
        clusterIPs: undefined,
        ipFamilies: undefined,
        ipFamilyPolicy: undefined,
      },
    },
    {
      name: 'ClusterIP -> ExternalName keeps a changed clusterIP',
      old: svc({ type: 'ClusterIP', ...cip }),
      in: svc({ type: 'ExternalName', ...cip, clusterIP: '10.0.0.2', clusterIPs: ['10.0.0.2'] }),
      want: { clusterIP: '10.0.0.2', clusterIPs: ['10.0.0.2'], ipFamilies: undefined },
    },
    {
      name: 'ClusterIP -> ExternalName keeps a changed policy',
      old: svc({ type: 'ClusterIP', ...cip }),
      in: svc({ type: 'ExternalName', ...cip, ipFamilyPolicy: 'PreferDualStack' }),
      want: { ipFamilyPolicy: 'PreferDualStack', clusterIPs: undefined },
    },
    {
      name: 'ClusterIP -> NodePort keeps everything',
      old: svc({ type: 'ClusterIP', ...cip }),
      in: svc({ type: 'NodePort', ...cip }),
      want: { clusterIPs: ['10.0.0.1'] },
    },
    {
      name: 'NodePort -> ClusterIP wipes unchanged nodePorts',
      old: svc({ type: 'NodePort', ports: np(30001, 30002) }),
      in: svc({ type: 'ClusterIP', ports: np(30001, 30002) }),
      want: {
        ports: [
          { name: 'p0', port: 80, protocol: 'TCP' },
          { name: 'p1', port: 81, protocol: 'TCP' },
        ],
      },
    },
    {
      name: 'NodePort -> ClusterIP wipes when ports were removed',
      old: svc({ type: 'NodePort', ports: np(30001, 30002) }),
      in: svc({ type: 'ClusterIP', ports: np(30002) }),
      want: { ports: [{ name: 'p0', port: 80, protocol: 'TCP' }] },
    },
    {
      name: 'NodePort -> ClusterIP keeps a new nodePort',
      old: svc({ type: 'NodePort', ports: np(30001) }),
      in: svc({ type: 'ClusterIP', ports: np(30009) }),
      want: { ports: np(30009) },
    },
    {
      name: 'LB+Local -> Cluster wipes unchanged HCNP',
      old: svc({
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 31000,
      }),
      in: svc({
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Cluster',
        healthCheckNodePort: 31000,
      }),
      want: { healthCheckNodePort: undefined },
    },
    {
      name: 'LB+Local -> Cluster keeps a changed HCNP',
      old: svc({
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 31000,
      }),
      in: svc({
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Cluster',
        healthCheckNodePort: 31001,
      }),
      want: { healthCheckNodePort: 31001 },
    },
    {
      name: 'LB -> NodePort wipes unchanged allocateLoadBalancerNodePorts',
      old: svc({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: true }),
      in: svc({ type: 'NodePort', allocateLoadBalancerNodePorts: true }),
      want: { allocateLoadBalancerNodePorts: undefined },
    },
    {
      name: 'LB -> NodePort keeps a changed allocateLoadBalancerNodePorts',
      old: svc({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: true }),
      in: svc({ type: 'NodePort', allocateLoadBalancerNodePorts: false }),
      want: { allocateLoadBalancerNodePorts: false },
    },
    {
      name: 'LB -> ClusterIP wipes unchanged loadBalancerClass',
      old: svc({ type: 'LoadBalancer', loadBalancerClass: 'x/y' }),
      in: svc({ type: 'ClusterIP', loadBalancerClass: 'x/y' }),
      want: { loadBalancerClass: undefined },
    },
    {
      name: 'LB -> ClusterIP keeps changed loadBalancerClass',
      old: svc({ type: 'LoadBalancer', loadBalancerClass: 'x/y' }),
      in: svc({ type: 'ClusterIP', loadBalancerClass: 'x/z' }),
      want: { loadBalancerClass: 'x/z' },
    },
    {
      name: 'NodePort -> ClusterIP wipes unchanged externalTrafficPolicy',
      old: svc({ type: 'NodePort', externalTrafficPolicy: 'Local' }),
      in: svc({ type: 'ClusterIP', externalTrafficPolicy: 'Local' }),
      want: { externalTrafficPolicy: undefined },
    },
    {
      name: 'NodePort -> ClusterIP with externalIPs keeps it (still accessible)',
      old: svc({ type: 'NodePort', externalTrafficPolicy: 'Local' }),
      in: svc({ type: 'ClusterIP', externalIPs: ['1.1.1.1'], externalTrafficPolicy: 'Local' }),
      want: { externalTrafficPolicy: 'Local' },
    },
    {
      name: 'LB -> ClusterIP clears status.loadBalancer',
      old: svc({ type: 'LoadBalancer' }, lbStatus),
      in: svc({ type: 'ClusterIP' }, lbStatus),
      want: {},
      status: { loadBalancer: {} },
    },
    {
      name: 'LB -> LB keeps status',
      old: svc({ type: 'LoadBalancer' }, lbStatus),
      in: svc({ type: 'LoadBalancer' }, lbStatus),
      want: {},
      status: lbStatus,
    },
    {
      name: 'selector is never wiped',
      old: svc({ type: 'ClusterIP', selector: { a: 'b' } }),
      in: svc({ type: 'ExternalName', selector: { a: 'b' } }),
      want: { selector: { a: 'b' } },
    },
  ];
  for (const t of table) {
    it(t.name, () => {
      const frozen = structuredClone(t.in);
      const out = dropTypeDependentFields(t.in, t.old);
      assert.deepEqual(t.in, frozen);
      for (const [k, v] of Object.entries(t.want))
        assert.deepEqual(out.spec[k as keyof Service['spec']], v, k);
      if (t.status) assert.deepEqual(out.status, t.status);
    });
  }
});

describe('PrepareForCreate / PrepareForUpdate', () => {
  it('create clears status', () => {
    assert.deepEqual(prepareForCreate(svc({ type: 'LoadBalancer' }, lbStatus)).status, {});
  });
  it('update keeps the stored status, not the request one', () => {
    const out = prepareForUpdate(
      svc({ type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '9.9.9.9' }] } }),
      svc({ type: 'LoadBalancer' }, lbStatus),
    );
    assert.deepEqual(out.status, lbStatus);
  });
  it('trafficDistribution is dropped before 1.31 unless in use', () => {
    const s = svc({ trafficDistribution: 'PreferClose' });
    assert.equal(prepareForCreate(s, { major: 1, minor: 30 }).spec.trafficDistribution, undefined);
    assert.equal(
      prepareForCreate(s, { major: 1, minor: 31 }).spec.trafficDistribution,
      'PreferClose',
    );
    assert.equal(
      prepareForUpdate(s, s, { major: 1, minor: 30 }).spec.trafficDistribution,
      'PreferClose',
    );
  });
});

describe('defaultOnReadService (storage.go)', () => {
  const table: Array<{
    name: string;
    shape: 'v4' | 'v6/v4';
    in: Service['spec'];
    want: Partial<Service['spec']>;
  }> = [
    {
      name: 'headful single',
      shape: 'v4',
      in: { type: 'ClusterIP', clusterIP: '10.0.0.1' },
      want: { clusterIPs: ['10.0.0.1'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' },
    },
    {
      name: 'headful two IPs',
      shape: 'v6/v4',
      in: { type: 'ClusterIP', clusterIP: '2000::1', clusterIPs: ['2000::1', '10.0.0.1'] },
      want: { ipFamilies: ['IPv6', 'IPv4'], ipFamilyPolicy: 'RequireDualStack' },
    },
    {
      name: 'headless selectorless on single-stack',
      shape: 'v4',
      in: { type: 'ClusterIP', clusterIP: 'None' },
      want: { ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' },
    },
    {
      name: 'headless with selector',
      shape: 'v6/v4',
      in: { type: 'ClusterIP', clusterIP: 'None', selector: { a: 'b' } },
      want: { ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' },
    },
    {
      name: 'families set: untouched',
      shape: 'v4',
      in: {
        type: 'ClusterIP',
        clusterIP: '10.0.0.1',
        clusterIPs: ['10.0.0.1'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'PreferDualStack',
      },
      want: { ipFamilyPolicy: 'PreferDualStack' },
    },
    {
      name: 'ExternalName drops internalTrafficPolicy',
      shape: 'v4',
      in: { type: 'ExternalName', internalTrafficPolicy: 'Cluster' },
      want: { internalTrafficPolicy: undefined, ipFamilies: undefined },
    },
  ];
  for (const t of table) {
    it(t.name, () => {
      const out = defaultOnReadService(svc(t.in), makeNetwork(t.shape));
      for (const [k, v] of Object.entries(t.want))
        assert.deepEqual(out.spec[k as keyof Service['spec']], v, k);
    });
  }
});
