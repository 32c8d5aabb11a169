import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setDefaultsService } from './defaults';
import type { Service } from './service-types';

const svc = (spec: Service['spec'], status?: Service['status']): Service => ({
  metadata: { name: 'x' },
  spec,
  ...(status ? { status } : {}),
});

describe('SetDefaults_Service (pkg/apis/core/v1 TestSetDefaultService*)', () => {
  const table: Array<{
    name: string;
    in: Service;
    want: Partial<Service['spec']>;
    version?: number;
  }> = [
    {
      name: 'empty ClusterIP service',
      in: svc({}),
      want: {
        type: 'ClusterIP',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
        externalTrafficPolicy: undefined,
      },
    },
    {
      name: 'ClusterIP with externalIPs is externally accessible',
      in: svc({ externalIPs: ['1.2.3.4'] }),
      want: { externalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'NodePort',
      in: svc({ type: 'NodePort' }),
      want: { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'LoadBalancer',
      in: svc({ type: 'LoadBalancer' }),
      want: {
        externalTrafficPolicy: 'Cluster',
        allocateLoadBalancerNodePorts: true,
        internalTrafficPolicy: 'Cluster',
      },
    },
    {
      name: 'LoadBalancer keeps false',
      in: svc({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false }),
      want: { allocateLoadBalancerNodePorts: false },
    },
    {
      name: 'LoadBalancer keeps Local',
      in: svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' }),
      want: { externalTrafficPolicy: 'Local' },
    },
    {
      name: 'ExternalName gets no traffic policies',
      in: svc({ type: 'ExternalName', externalName: 'a.b' }),
      want: {
        internalTrafficPolicy: undefined,
        externalTrafficPolicy: undefined,
        allocateLoadBalancerNodePorts: undefined,
      },
    },
    {
      name: 'internalTrafficPolicy kept',
      in: svc({ internalTrafficPolicy: 'Local' }),
      want: { internalTrafficPolicy: 'Local' },
    },
    {
      name: 'None drops the affinity config',
      in: svc({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } }),
      want: { sessionAffinityConfig: undefined },
    },
    {
      name: 'ClientIP gets 10800',
      in: svc({ sessionAffinity: 'ClientIP' }),
      want: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } },
    },
    {
      name: 'ClientIP without timeout gets 10800',
      in: svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: {} } }),
      want: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } },
    },
    {
      name: 'ClientIP keeps its timeout',
      in: svc({
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
      }),
      want: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } },
    },
    {
      name: 'ports: protocol and targetPort',
      in: svc({
        ports: [
          { port: 80 },
          { port: 53, protocol: 'UDP', targetPort: '' },
          { port: 81, targetPort: 'http' },
          { port: 82, targetPort: 0 },
        ],
      }),
      want: {
        ports: [
          { port: 80, protocol: 'TCP', targetPort: 80 },
          { port: 53, protocol: 'UDP', targetPort: 53 },
          { port: 81, protocol: 'TCP', targetPort: 'http' },
          { port: 82, protocol: 'TCP', targetPort: 82 },
        ],
      },
    },
    {
      name: 'IP fields untouched',
      in: svc({ clusterIP: '10.0.0.1' }),
      want: {
        clusterIP: '10.0.0.1',
        clusterIPs: undefined,
        ipFamilies: undefined,
        ipFamilyPolicy: undefined,
      },
    },
  ];
  for (const t of table) {
    it(t.name, () => {
      const frozen = structuredClone(t.in);
      const out = setDefaultsService(t.in);
      assert.deepEqual(t.in, frozen, 'input must not be mutated');
      for (const [k, v] of Object.entries(t.want))
        assert.deepEqual(out.spec[k as keyof Service['spec']], v, k);
    });
  }

  it('LoadBalancer ingress ipMode defaults to VIP from 1.30 only', () => {
    const lb = svc(
      { type: 'LoadBalancer' },
      { loadBalancer: { ingress: [{ ip: '1.1.1.1' }, { hostname: 'h' }] } },
    );
    const v30 = setDefaultsService(lb, { major: 1, minor: 30 });
    assert.deepEqual(v30.status?.loadBalancer?.ingress, [
      { ip: '1.1.1.1', ipMode: 'VIP' },
      { hostname: 'h' },
    ]);
    const v29 = setDefaultsService(lb, { major: 1, minor: 29 });
    assert.deepEqual(v29.status?.loadBalancer?.ingress, [{ ip: '1.1.1.1' }, { hostname: 'h' }]);
  });
});
