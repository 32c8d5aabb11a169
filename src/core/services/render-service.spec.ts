import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from './create-service';
import { deleteService, releaseServiceResources } from './delete-service';
import { initIPFamilyFields } from './ip-families';
import { renderService } from './render-service';
import { makeContext, makeNetwork, makeService, type ServiceOptions } from './services.spec-kit';

describe('renderService: the stored object as kube-apiserver returns it', () => {
  it('field order, omitempty, status {loadBalancer: {}}', async () => {
    const ctx = makeContext(makeNetwork(['10.1.0.0/16']));
    const r = await createService(makeService({ clusterIP: '10.1.0.20' }), ctx);
    assert.ok(r.ok);
    const json = renderService(r.service);
    assert.equal(
      JSON.stringify(json),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'nginx',
          namespace: 'default',
          uid: ctx.uid,
          resourceVersion: ctx.resourceVersion,
          creationTimestamp: '2024-05-01T12:00:00Z',
        },
        spec: {
          ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }],
          selector: { app: 'web' },
          clusterIP: '10.1.0.20',
          clusterIPs: ['10.1.0.20'],
          type: 'ClusterIP',
          sessionAffinity: 'None',
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          internalTrafficPolicy: 'Cluster',
        },
        status: { loadBalancer: {} },
      }),
    );
  });
  it('LoadBalancer keeps allocateLoadBalancerNodePorts false, nodePorts and ingress order', () => {
    const json = renderService({
      metadata: { name: 'lb', labels: {}, extra: 'dropped' },
      spec: {
        type: 'LoadBalancer',
        allocateLoadBalancerNodePorts: false,
        ports: [{ port: 80, nodePort: 30080, protocol: 'TCP', name: '' }],
        publishNotReadyAddresses: false,
        healthCheckNodePort: 0,
      },
      status: { loadBalancer: { ingress: [{ ipMode: 'VIP', ip: '1.2.3.4' }] } },
    });
    assert.equal(
      JSON.stringify(json),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'lb' },
        spec: {
          ports: [{ protocol: 'TCP', port: 80, targetPort: 0, nodePort: 30080 }],
          type: 'LoadBalancer',
          allocateLoadBalancerNodePorts: false,
        },
        status: { loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'VIP' }] } },
      }),
    );
  });
});

describe('deleteService (releaseAllocatedResources)', () => {
  it('gives back IPs, shared nodePorts once, and the health-check port', async () => {
    const ctx = makeContext(makeNetwork('v4/v6'));
    const r = await createService(
      makeService({
        type: 'LoadBalancer',
        etp: 'Local',
        policy: 'RequireDualStack',
        ports: [
          { name: 'tcp', port: 53 },
          { name: 'udp', port: 53, protocol: 'UDP' },
        ],
      }),
      ctx,
    );
    assert.ok(r.ok);
    const held = deleteService(r.service);
    assert.equal(held.ips.length, 2);
    assert.equal(held.ports.length, 2);
    await releaseServiceResources(r.service, ctx.allocator);
    assert.deepEqual(ctx.allocator.allocatedPorts(), []);
    assert.deepEqual(ctx.allocator.allocatedIPs('IPv6'), []);
  });
  it('headless and ExternalName hold no IPs', () => {
    assert.deepEqual(deleteService(makeService({ clusterIP: 'None' })).ips, []);
    assert.deepEqual(
      deleteService(makeService({ type: 'ExternalName', clusterIP: '10.0.0.1' })).ips,
      [],
    );
  });
});

describe('initIPFamilyFields: stages are told apart', () => {
  const net = makeNetwork('v4');
  const table: Array<{ name: string; o: ServiceOptions; stage: 'A' | 'B' | undefined }> = [
    {
      name: 'stage A: loose pre-validation',
      o: { families: ['IPv6'], clusterIP: '10.0.0.1' },
      stage: 'A',
    },
    { name: 'stage A: unsupported policy', o: { policy: 'Bogus' }, stage: 'A' },
    { name: 'stage B: step 6', o: { families: ['IPv4', 'IPv6'] }, stage: 'B' },
    { name: 'stage B: step 10', o: { policy: 'RequireDualStack' }, stage: 'B' },
    { name: 'success', o: {}, stage: undefined },
  ];
  for (const t of table) {
    it(t.name, () => {
      const input = makeService(t.o);
      const frozen = structuredClone(input);
      const r = initIPFamilyFields(input, undefined, net);
      assert.equal(r.stage, t.stage);
      assert.equal(r.errors.length > 0, t.stage !== undefined);
      assert.deepEqual(input, frozen);
    });
  }
});
