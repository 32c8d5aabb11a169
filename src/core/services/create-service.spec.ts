import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, parseCidr, parseIPSloppy } from '../net';
import { createService } from './create-service';
import {
  makeContext,
  makeNetwork,
  makeService,
  type ServiceOptions,
  type TestContext,
} from './services.spec-kit';

const BLOG_DUAL = ['10.1.0.0/16', 'fd12:b5e0:383f::/112'];
const BLOG_V4 = ['10.1.0.0/16'];

const within = (ip: string, lo: string, hi: string) => {
  const v = parseIPSloppy(ip)!.value;
  return v >= parseIPSloppy(lo)!.value && v <= parseIPSloppy(hi)!.value;
};

async function expectError(ctx: TestContext, o: ServiceOptions, code: number, message: string) {
  const r = await createService(makeService(o), ctx);
  assert.equal(r.ok, false, 'expected a failure');
  if (r.ok) return;
  assert.equal(r.status.code, code);
  assert.equal(r.status.message, message);
}

describe('blog scenarios §11 on 10.1.0.0/16,fd12:b5e0:383f::/112 (v1.26)', () => {
  const net = makeNetwork(BLOG_DUAL, 26);
  it('(a) no policy, no families: SingleStack IPv4 from the dynamic band', async () => {
    const r = await createService(makeService(), makeContext(net));
    assert.ok(r.ok);
    assert.equal(r.service.spec.ipFamilyPolicy, 'SingleStack');
    assert.deepEqual(r.service.spec.ipFamilies, ['IPv4']);
    assert.ok(within(r.service.spec.clusterIP!, '10.1.1.1', '10.1.255.254'));
    assert.ok(r.explanation.some((d) => d.message.includes('defaulted to SingleStack')));
    assert.ok(
      r.explanation.some((d) =>
        /10\.1\.\d+\.\d+ picked from 10\.1\.0\.0\/16 \(dynamic band\)/.test(d.message),
      ),
    );
  });
  it('(b) [IPv6] + SingleStack: one IPv6 in ::101-::ffff', async () => {
    const r = await createService(
      makeService({ policy: 'SingleStack', families: ['IPv6'] }),
      makeContext(net),
    );
    assert.ok(r.ok);
    const ip = r.service.spec.clusterIP!;
    assert.deepEqual(r.service.spec.clusterIPs, [ip]);
    assert.ok(within(ip, 'fd12:b5e0:383f::101', 'fd12:b5e0:383f::ffff'));
  });
  for (const policy of ['PreferDualStack', 'RequireDualStack']) {
    it(`(${policy === 'PreferDualStack' ? 'c' : 'd'}) [IPv4,IPv6] + ${policy}: two addresses, IPv4 first`, async () => {
      const r = await createService(
        makeService({ policy, families: ['IPv4', 'IPv6'] }),
        makeContext(net),
      );
      assert.ok(r.ok);
      const [v4, v6] = r.service.spec.clusterIPs!;
      assert.equal(r.service.spec.clusterIP, v4);
      assert.ok(within(v4!, '10.1.1.1', '10.1.255.254'));
      assert.ok(within(v6!, 'fd12:b5e0:383f::101', 'fd12:b5e0:383f::ffff'));
    });
  }
});

describe('blog scenarios §11 on an IPv4-only 10.1.0.0/16 cluster', () => {
  const net = makeNetwork(BLOG_V4, 26);
  const notConfigured = (i: number) =>
    `spec.ipFamilies[${i}]: Invalid value: "IPv6": not configured on this cluster`;
  const noDual =
    'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services';
  const table: Array<{ name: string; o: ServiceOptions; message: string }> = [
    {
      name: '(b) [IPv6] + SingleStack',
      o: { policy: 'SingleStack', families: ['IPv6'] },
      message: notConfigured(0),
    },
    {
      name: '(c) [IPv4,IPv6] + PreferDualStack',
      o: { policy: 'PreferDualStack', families: ['IPv4', 'IPv6'] },
      message: notConfigured(1),
    },
    {
      name: '(d) [IPv4,IPv6] + RequireDualStack',
      o: { policy: 'RequireDualStack', families: ['IPv4', 'IPv6'] },
      message: `[${noDual}, ${notConfigured(1)}]`,
    },
  ];
  for (const t of table) {
    it(t.name, () =>
      expectError(makeContext(net), t.o, 422, `Service "nginx" is invalid: ${t.message}`),
    );
  }
  it('(a) SingleStack [IPv4]; PreferDualStack without families stays [IPv4]', async () => {
    for (const policy of [undefined, 'PreferDualStack']) {
      const r = await createService(makeService({ policy }), makeContext(net));
      assert.ok(r.ok);
      assert.equal(r.service.spec.ipFamilyPolicy, policy ?? 'SingleStack');
      assert.deepEqual(r.service.spec.ipFamilies, ['IPv4']);
    }
  });
});

describe('cluster-IP allocation errors (allocClusterIPs, stage C)', () => {
  it('static IP already allocated', async () => {
    const ctx = makeContext(makeNetwork(BLOG_V4));
    await ctx.allocator.allocateIP('IPv4', parseIPSloppy('10.1.0.10')!, 'kube-dns');
    await expectError(
      ctx,
      { clusterIP: '10.1.0.10' },
      422,
      'Service "nginx" is invalid: spec.clusterIPs: Invalid value: []string{"10.1.0.10"}: failed to allocate IP 10.1.0.10: provided IP is already allocated',
    );
  });
  it('static IP out of range', async () => {
    await expectError(
      makeContext(makeNetwork(BLOG_V4)),
      { clusterIP: '10.2.0.1' },
      422,
      'Service "nginx" is invalid: spec.clusterIPs: Invalid value: []string{"10.2.0.1"}: failed to allocate IP 10.2.0.1: the provided IP (10.2.0.1) is not in the valid range. The range of valid IPs is 10.1.0.0/16',
    );
  });
  it('the value lists the "" placeholder of a family still to be picked, and the first IP is given back', async () => {
    const ctx = makeContext(makeNetwork(['fd12:b5e0:383f::/112', '10.1.0.0/16']));
    await ctx.allocator.allocateIP('IPv4', parseIPSloppy('10.1.0.10')!, 'other');
    await expectError(
      ctx,
      {
        policy: 'RequireDualStack',
        families: ['IPv6', 'IPv4'],
        clusterIP: 'fd12:b5e0:383f::10',
        clusterIPs: ['fd12:b5e0:383f::10', '10.1.0.10'],
      },
      422,
      'Service "nginx" is invalid: spec.clusterIPs: Invalid value: []string{"fd12:b5e0:383f::10", "10.1.0.10"}: failed to allocate IP 10.1.0.10: provided IP is already allocated',
    );
    assert.deepEqual(ctx.allocator.allocatedIPs('IPv6'), []);
    const d = makeContext(makeNetwork(BLOG_DUAL));
    await d.allocator.allocateIP('IPv4', parseIPSloppy('10.1.0.10')!, 'other');
    await expectError(
      d,
      { policy: 'RequireDualStack', clusterIP: '10.1.0.10' },
      422,
      'Service "nginx" is invalid: spec.clusterIPs: Invalid value: []string{"10.1.0.10", ""}: failed to allocate IP 10.1.0.10: provided IP is already allocated',
    );
  });
  it('a full range is a 409 Conflict with kube text, and reverts the other family', async () => {
    const ctx = makeContext(makeNetwork(['fd00::/120', '10.0.0.0/29']));
    while ((await ctx.allocator.allocateNextIP('IPv4', 'filler')).ok);
    await expectError(
      ctx,
      { policy: 'RequireDualStack' },
      409,
      'Internal error occurred: failed to allocate a serviceIP: range is full',
    );
    assert.deepEqual(ctx.allocator.allocatedIPs('IPv6'), []);
  });
  it('requested IPs land in the static band, picked ones in the dynamic band', async () => {
    const ctx = makeContext(makeNetwork(BLOG_DUAL));
    const r = await createService(
      makeService({ policy: 'PreferDualStack', clusterIP: '10.1.0.10' }),
      ctx,
    );
    assert.ok(r.ok);
    assert.equal(r.service.spec.clusterIPs![0], '10.1.0.10');
    const v6 = parseCidr('fd12:b5e0:383f::/112');
    assert.ok(v6.ok && cidrContains(v6.cidr, parseIPSloppy(r.service.spec.clusterIPs![1]!)!));
    assert.ok(
      r.explanation.some(
        (d) => d.message === 'requested IPv4 10.1.0.10 reserved in 10.1.0.0/16 (static band)',
      ),
    );
  });
});

describe('error-stage ordering (§1): only the first failing stage is reported', () => {
  const dupPorts = [
    { name: 'p', port: 80 },
    { name: 'p', port: 81 },
  ];
  it('B before D: RequireDualStack on single-stack hides a duplicate port name', async () => {
    await expectError(
      makeContext(makeNetwork(BLOG_V4)),
      { policy: 'RequireDualStack', ports: dupPorts },
      422,
      'Service "nginx" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    );
  });
  it('A before B: a family/IP mismatch hides the unconfigured family', async () => {
    await expectError(
      makeContext(makeNetwork(BLOG_V4)),
      { families: ['IPv6'], clusterIP: '10.1.0.5' },
      422,
      'Service "nginx" is invalid: spec.clusterIPs[0]: Invalid value: "10.1.0.5": expected an IPv6 value as indicated by `ipFamilies[0]`',
    );
  });
  it('B before C: a taken IP is not reported while the policy is wrong', async () => {
    const ctx = makeContext(makeNetwork(BLOG_V4));
    await ctx.allocator.allocateIP('IPv4', parseIPSloppy('10.1.0.10')!, 'other');
    await expectError(
      ctx,
      { policy: 'RequireDualStack', clusterIP: '10.1.0.10' },
      422,
      'Service "nginx" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    );
  });
  it('C before D: a taken nodePort hides a duplicate port name; the cluster IP is given back', async () => {
    const ctx = makeContext(makeNetwork(BLOG_V4));
    await ctx.allocator.allocatePort(30080, 'other');
    await expectError(
      ctx,
      {
        type: 'NodePort',
        ports: [
          { name: 'p', port: 80, nodePort: 30080 },
          { name: 'p', port: 81 },
        ],
      },
      422,
      'Service "nginx" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    assert.deepEqual(ctx.allocator.allocatedIPs('IPv4'), []);
    assert.deepEqual(
      ctx.allocator.allocatedPorts().map((p) => p.port),
      [30080],
    );
  });
  it('D: validation errors release every allocation', async () => {
    const ctx = makeContext(makeNetwork(BLOG_V4));
    await expectError(
      ctx,
      { type: 'NodePort', ports: dupPorts },
      422,
      'Service "nginx" is invalid: spec.ports[1].name: Duplicate value: "p"',
    );
    assert.deepEqual(ctx.allocator.allocatedIPs('IPv4'), []);
    assert.deepEqual(ctx.allocator.allocatedPorts(), []);
  });
});
