/**
 * Builders shared by the Service pipeline specs: the cluster shapes of upstream's
 * storage_test.go (`10.0.0.0/16`, `2000::/108`) plus the blog's, a pipeline context over the
 * in-memory allocator, and a compact Service builder.
 */
import assert from 'node:assert/strict';
import { MemoryServiceAllocator } from '../allocation/memory-allocator';
import type { ServiceNetwork } from '../cluster/service-network';
import { parseCidr } from '../net';
import { createService } from './create-service';
import type { PipelineContext } from './pipeline-result';
import type { Service, ServicePort } from './service-types';
import { updateService } from './update-service';

export type Shape = 'v4' | 'v6' | 'v4/v6' | 'v6/v4';

const CIDRS: Record<Shape, string[]> = {
  v4: ['10.0.0.0/16'],
  v6: ['2000::/108'],
  'v4/v6': ['10.0.0.0/16', '2000::/108'],
  'v6/v4': ['2000::/108', '10.0.0.0/16'],
};

export function makeNetwork(
  cidrs: readonly string[] | Shape,
  minor = 33,
  nodePorts = '30000-32767',
): ServiceNetwork {
  const list = typeof cidrs === 'string' ? CIDRS[cidrs] : cidrs;
  const [lo, hi] = nodePorts.split('-').map(Number) as [number, number];
  return {
    serviceCIDRs: list.map((t) => {
      const r = parseCidr(t);
      if (!r.ok) throw new Error(`bad cidr ${t}`);
      return r.cidr;
    }),
    nodePortRange: { base: lo, size: hi - lo + 1 },
    version: { major: 1, minor },
  };
}

export interface TestContext extends PipelineContext {
  readonly allocator: MemoryServiceAllocator;
}

let counter = 0;

/** A fresh context (and allocator) over the network; uid and resourceVersion are unique. */
export function makeContext(
  network: ServiceNetwork,
  allocator = new MemoryServiceAllocator(network),
): TestContext {
  counter += 1;
  return {
    network,
    allocator,
    namespace: 'default',
    now: new Date('2024-05-01T12:00:00.123Z'),
    uid: `uid-${counter}`,
    resourceVersion: String(100 + counter),
  };
}

export interface ServiceOptions {
  name?: string;
  type?: string;
  policy?: string;
  families?: string[];
  clusterIP?: string;
  clusterIPs?: string[];
  selector?: Record<string, string> | null;
  ports?: ServicePort[];
  etp?: string;
  hcnp?: number;
  allocateLB?: boolean;
}

/** A v1 Service manifest as a user writes it (nothing defaulted). */
export function makeService(o: ServiceOptions = {}): Service {
  const spec: Service['spec'] = {
    selector: o.selector === undefined ? { app: 'web' } : o.selector,
    ports: o.ports ?? [{ name: 'http', port: 80, targetPort: 8080 }],
  };
  if (o.selector === null) delete spec.selector;
  if (o.type) spec.type = o.type;
  if (o.policy) spec.ipFamilyPolicy = o.policy;
  if (o.families) spec.ipFamilies = o.families;
  if (o.clusterIP !== undefined) spec.clusterIP = o.clusterIP;
  if (o.clusterIPs) spec.clusterIPs = o.clusterIPs;
  if (o.etp) spec.externalTrafficPolicy = o.etp;
  if (o.hcnp) spec.healthCheckNodePort = o.hcnp;
  if (o.allocateLB !== undefined) spec.allocateLoadBalancerNodePorts = o.allocateLB;
  if (o.type === 'ExternalName') spec.externalName = 'example.com';
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: o.name ?? 'nginx' }, spec };
}

/** Creates a Service on a fresh context; fails the test if it cannot. */
export async function stored(
  net: ServiceNetwork,
  o: ServiceOptions,
): Promise<{ ctx: TestContext; svc: Service }> {
  const ctx = makeContext(net);
  const r = await createService(makeService(o), ctx);
  assert.ok(r.ok, r.ok ? '' : r.status.message);
  return { ctx, svc: r.service };
}

/** Updates over the same allocator, optionally on a changed network. */
export const updateIn = (ctx: TestContext, input: Service, old: Service, net = ctx.network) =>
  updateService(input, old, makeContext(net, ctx.allocator));

export const ipsHeld = (ctx: TestContext) =>
  [...ctx.allocator.allocatedIPs('IPv4'), ...ctx.allocator.allocatedIPs('IPv6')].length;

export type Want =
  { policy: string; families: string[]; ips: string[] | number } | { error: string };

/** Runs an update and checks the resolved IP fields, or the exact 422 message and no leak. */
export async function check(
  ctx: TestContext,
  input: Service,
  old: Service,
  want: Want,
  net?: ServiceNetwork,
) {
  const before = ipsHeld(ctx);
  const r = await updateIn(ctx, input, old, net);
  if ('error' in want) {
    assert.equal(r.ok, false, 'expected an error');
    if (r.ok) return r;
    assert.equal(r.status.message, `Service "nginx" is invalid: ${want.error}`);
    assert.equal(ipsHeld(ctx), before, 'a failed update keeps exactly what was held');
    return r;
  }
  assert.ok(r.ok, r.ok ? '' : r.status.message);
  assert.equal(r.service.spec.ipFamilyPolicy, want.policy);
  assert.deepEqual(r.service.spec.ipFamilies, want.families);
  if (typeof want.ips === 'number') assert.equal(r.service.spec.clusterIPs?.length, want.ips);
  else assert.deepEqual(r.service.spec.clusterIPs, want.ips);
  assert.equal(r.service.spec.clusterIP, r.service.spec.clusterIPs?.[0]);
  return r;
}
