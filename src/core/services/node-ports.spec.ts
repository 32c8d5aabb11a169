import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from './create-service';
import type { Service, ServicePort } from './service-types';
import {
  makeContext,
  makeNetwork,
  makeService,
  type ServiceOptions,
  type TestContext,
} from './services.spec-kit';
import { updateService } from './update-service';

const p = (name: string, port: number, nodePort?: number, protocol = 'TCP'): ServicePort => ({
  name,
  port,
  protocol,
  ...(nodePort ? { nodePort } : {}),
});
const nodePorts = (s: Service) => (s.spec.ports ?? []).map((x) => x.nodePort ?? 0);
const held = (ctx: TestContext) => ctx.allocator.allocatedPorts().map((x) => x.port);
const inDynamicBand = (n: number) => n >= 30086 && n <= 32767;

async function create(ctx: TestContext, o: ServiceOptions) {
  const r = await createService(makeService(o), ctx);
  assert.ok(r.ok, r.ok ? '' : r.status.message);
  return r.service;
}

describe('TestCreateNodePort / TestServiceRegistryNodePort* (initNodePorts)', () => {
  it('one dynamic nodePort from the upper band', async () => {
    const ctx = makeContext(makeNetwork('v4'));
    const s = await create(ctx, { type: 'NodePort' });
    assert.ok(inDynamicBand(nodePorts(s)[0]!));
    assert.deepEqual(held(ctx), nodePorts(s));
  });
  it('a requested nodePort is kept', async () => {
    const ctx = makeContext(makeNetwork('v4'));
    const s = await create(ctx, { type: 'NodePort', ports: [p('http', 80, 30080)] });
    assert.deepEqual(nodePorts(s), [30080]);
  });
  it('TCP and UDP 53 share one nodePort', async () => {
    const ctx = makeContext(makeNetwork('v4'));
    const s = await create(ctx, {
      type: 'NodePort',
      ports: [p('dns-tcp', 53), p('dns-udp', 53, 0, 'UDP')],
    });
    const [a, b] = nodePorts(s);
    assert.equal(a, b);
    assert.deepEqual(held(ctx), [a]);
  });
  it('a later explicit value is shared forward (findRequestedNodePort)', async () => {
    const ctx = makeContext(makeNetwork('v4'));
    const s = await create(ctx, {
      type: 'NodePort',
      ports: [p('dns-tcp', 53), p('dns-udp', 53, 30053, 'UDP')],
    });
    assert.deepEqual(nodePorts(s), [30053, 30053]);
  });
  it('same port number, different explicit values: both allocated', async () => {
    const ctx = makeContext(makeNetwork('v4'));
    const s = await create(ctx, {
      type: 'NodePort',
      ports: [p('a', 53, 30053), p('b', 53, 30054, 'UDP')],
    });
    assert.deepEqual(nodePorts(s), [30053, 30054]);
    assert.deepEqual(held(ctx), [30053, 30054]);
  });
  it('LoadBalancer with allocateLoadBalancerNodePorts=false gets only requested ones', async () => {
    const ctx = makeContext(makeNetwork('v4'));
    const s = await create(ctx, {
      type: 'LoadBalancer',
      allocateLB: false,
      ports: [p('a', 80), p('b', 81, 30081)],
    });
    assert.deepEqual(nodePorts(s), [0, 30081]);
  });
  it('LoadBalancer + Local gets a health-check port; the requested one is kept', async () => {
    const ctx = makeContext(makeNetwork('v4'));
    const s = await create(ctx, { type: 'LoadBalancer', etp: 'Local' });
    assert.ok(inDynamicBand(s.spec.healthCheckNodePort ?? 0));
    const t = await create(ctx, { name: 'b', type: 'LoadBalancer', etp: 'Local', hcnp: 31000 });
    assert.equal(t.spec.healthCheckNodePort, 31000);
  });
  it('NodePort + Local gets no health-check port', async () => {
    const ctx = makeContext(makeNetwork('v4'));
    const s = await create(ctx, { type: 'NodePort', etp: 'Local' });
    assert.equal(s.spec.healthCheckNodePort, undefined);
  });

  const failures: Array<{
    name: string;
    o: ServiceOptions;
    taken?: number;
    range?: string;
    code: number;
    message: string;
  }> = [
    {
      name: 'same explicit nodePort on two port numbers, even across protocols',
      o: { type: 'NodePort', ports: [p('a', 80, 30080), p('b', 81, 30080, 'UDP')] },
      code: 422,
      message:
        'Service "nginx" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated',
    },
    {
      name: 'already allocated by another Service',
      o: { type: 'NodePort', ports: [p('a', 80, 30080)] },
      taken: 30080,
      code: 422,
      message:
        'Service "nginx" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    },
    {
      name: 'out of range',
      o: { type: 'NodePort', ports: [p('a', 80, 40000)] },
      code: 422,
      message:
        'Service "nginx" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767',
    },
    {
      name: 'range exhausted (409 Conflict, kube text)',
      o: { type: 'NodePort', ports: [p('a', 80), p('b', 81), p('c', 82)] },
      range: '30000-30001',
      code: 409,
      message: 'Internal error occurred: failed to allocate a nodePort: range is full',
    },
    {
      name: 'requested health-check port taken',
      o: { type: 'LoadBalancer', etp: 'Local', hcnp: 31000 },
      taken: 31000,
      code: 500,
      message:
        'Internal error occurred: failed to allocate requested HealthCheck NodePort 31000: provided port is already allocated',
    },
    {
      name: 'ClusterIP with a nodePort is rejected by validation (stage D)',
      o: { ports: [p('a', 80, 30080)] },
      code: 422,
      message:
        'Service "nginx" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'',
    },
  ];
  for (const f of failures) {
    it(`fails: ${f.name}, and releases what it took`, async () => {
      const ctx = makeContext(makeNetwork('v4', 33, f.range));
      if (f.taken) await ctx.allocator.allocatePort(f.taken, 'other');
      const r = await createService(makeService(f.o), ctx);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.status.code, f.code);
      assert.equal(r.status.message, f.message);
      assert.deepEqual(held(ctx), f.taken ? [f.taken] : []);
      assert.deepEqual(ctx.allocator.allocatedIPs('IPv4'), []);
    });
  }
});

describe('TestUpdateNodePorts (updateNodePorts, updateHealthCheckNodePort)', () => {
  async function setup(o: ServiceOptions) {
    const ctx = makeContext(makeNetwork('v4'));
    return { ctx, stored: await create(ctx, o) };
  }
  async function update(ctx: TestContext, stored: Service, o: ServiceOptions) {
    const r = await updateService(makeService(o), stored, makeContext(ctx.network, ctx.allocator));
    return r;
  }

  it('swap-ports: values follow the names, nothing allocated or released', async () => {
    const { ctx, stored } = await setup({
      type: 'NodePort',
      ports: [p('a', 80, 30001), p('b', 81, 30002)],
    });
    const r = await update(ctx, stored, { type: 'NodePort', ports: [p('b', 81), p('a', 80)] });
    assert.ok(r.ok);
    assert.deepEqual(nodePorts(r.service), [30002, 30001]);
    assert.deepEqual(r.released.ports, []);
    assert.deepEqual(held(ctx), [30001, 30002]);
  });
  it('a new port gets a fresh nodePort, no sharing by number on update', async () => {
    const { ctx, stored } = await setup({ type: 'NodePort', ports: [p('tcp', 53, 30053)] });
    const r = await update(ctx, stored, {
      type: 'NodePort',
      ports: [p('tcp', 53), p('udp', 53, 0, 'UDP')],
    });
    assert.ok(r.ok);
    const [a, b] = nodePorts(r.service);
    assert.equal(a, 30053);
    assert.notEqual(b, 30053);
    assert.deepEqual(held(ctx).sort(), [30053, b].sort());
  });
  it('a removed port is released on success', async () => {
    const { ctx, stored } = await setup({
      type: 'NodePort',
      ports: [p('a', 80, 30001), p('b', 81, 30002)],
    });
    const r = await update(ctx, stored, { type: 'NodePort', ports: [p('a', 80)] });
    assert.ok(r.ok);
    assert.deepEqual(r.released.ports, [30002]);
    assert.deepEqual(held(ctx), [30001]);
  });
  it('a changed nodePort is allocated and the old one released', async () => {
    const { ctx, stored } = await setup({ type: 'NodePort', ports: [p('a', 80, 30001)] });
    const r = await update(ctx, stored, { type: 'NodePort', ports: [p('a', 80, 30009)] });
    assert.ok(r.ok);
    assert.deepEqual(held(ctx), [30009]);
  });
  it('NodePort -> ClusterIP releases every nodePort', async () => {
    const { ctx, stored } = await setup({
      type: 'NodePort',
      ports: [p('a', 80, 30001), p('b', 81, 30002)],
    });
    const r = await update(ctx, stored, { type: 'ClusterIP', ports: [p('a', 80), p('b', 81)] });
    assert.ok(r.ok, r.ok ? '' : r.status.message);
    assert.deepEqual(nodePorts(r.service), [0, 0]);
    assert.deepEqual(held(ctx), []);
  });
  it('ClusterIP -> NodePort allocates', async () => {
    const { ctx, stored } = await setup({});
    const r = await update(ctx, stored, { type: 'NodePort' });
    assert.ok(r.ok);
    assert.deepEqual(held(ctx), nodePorts(r.service));
  });
  it('duplicate (protocol, nodePort) is a plain error and reverts', async () => {
    const { ctx, stored } = await setup({ type: 'NodePort', ports: [p('a', 80, 30001)] });
    const r = await update(ctx, stored, {
      type: 'NodePort',
      ports: [p('a', 80, 30093), p('b', 81, 30093)],
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.status.code, 500);
    assert.equal(r.status.message, 'duplicate nodePort: {TCP 30093}');
    assert.deepEqual(held(ctx), [30001]);
  });
  it('LoadBalancer Cluster -> Local allocates a health-check port; back releases it', async () => {
    const { ctx, stored } = await setup({ type: 'LoadBalancer' });
    const up = await update(ctx, stored, { type: 'LoadBalancer', etp: 'Local' });
    assert.ok(up.ok);
    const hc = up.service.spec.healthCheckNodePort ?? 0;
    assert.ok(held(ctx).includes(hc));
    const down = await update(ctx, up.service, { type: 'LoadBalancer', etp: 'Cluster' });
    assert.ok(down.ok, down.ok ? '' : down.status.message);
    assert.equal(down.service.spec.healthCheckNodePort, undefined);
    assert.deepEqual(down.released.ports, [hc]);
    assert.ok(!held(ctx).includes(hc));
  });
});
