import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryServiceAllocator } from '../allocation/memory-allocator';
import { parseIPSloppy } from '../net';
import { updateService } from './update-service';
import {
  check,
  makeContext,
  makeNetwork,
  makeService,
  stored,
  type ServiceOptions,
  type Want,
} from './services.spec-kit';

const releaseIP = (p: string) =>
  `spec.ipFamilyPolicy: Invalid value: "${p}": must be 'SingleStack' to release the secondary cluster IP`;
const releaseFamily = (p: string) =>
  `spec.ipFamilyPolicy: Invalid value: "${p}": must be 'SingleStack' to release the secondary IP family`;

describe('TestUpdateIPsFromSingleStack (stored SingleStack 10.0.0.1 on v4/v6)', () => {
  const net = makeNetwork('v4/v6');
  const table: Array<{ name: string; o: ServiceOptions; want: Want }> = [
    {
      name: 'policy:nil_families:nil_ips:nil',
      o: {},
      want: { policy: 'SingleStack', families: ['IPv4'], ips: ['10.0.0.1'] },
    },
    {
      name: 'policy:SingleStack',
      o: { policy: 'SingleStack' },
      want: { policy: 'SingleStack', families: ['IPv4'], ips: ['10.0.0.1'] },
    },
    {
      name: 'policy:PreferDualStack (upgrade)',
      o: { policy: 'PreferDualStack' },
      want: { policy: 'PreferDualStack', families: ['IPv4', 'IPv6'], ips: 2 },
    },
    {
      name: 'policy:RequireDualStack_families:v4v6',
      o: { policy: 'RequireDualStack', families: ['IPv4', 'IPv6'] },
      want: { policy: 'RequireDualStack', families: ['IPv4', 'IPv6'], ips: 2 },
    },
    {
      name: 'policy:PreferDualStack_ips:v4v6',
      o: { policy: 'PreferDualStack', clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '2000::1'] },
      want: { policy: 'PreferDualStack', families: ['IPv4', 'IPv6'], ips: ['10.0.0.1', '2000::1'] },
    },
    {
      name: 'policy:PreferDualStack_families:v6v4 (wrong order, stage A)',
      o: { policy: 'PreferDualStack', families: ['IPv6', 'IPv4'] },
      want: {
        error:
          'spec.clusterIPs[0]: Invalid value: "10.0.0.1": expected an IPv6 value as indicated by `ipFamilies[0]`',
      },
    },
    {
      name: 'policy:PreferDualStack_ips:v6v4 (allocation)',
      o: { policy: 'PreferDualStack', clusterIP: '2000::1', clusterIPs: ['2000::1', '10.0.0.1'] },
      want: {
        error:
          'spec.clusterIPs: Invalid value: []string{"2000::1", "10.0.0.1"}: failed to allocate IP 10.0.0.1: provided IP is already allocated',
      },
    },
    {
      name: 'policy:SingleStack_families:v4v6',
      o: { policy: 'SingleStack', families: ['IPv4', 'IPv6'] },
      want: {
        error: `spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified`,
      },
    },
    {
      name: 'changed primary IP (validation)',
      o: { clusterIP: '10.0.0.2', clusterIPs: ['10.0.0.2'] },
      want: {
        error: 'spec.clusterIPs[0]: Invalid value: []string{"10.0.0.2"}: may not change once set',
      },
    },
  ];
  for (const t of table) {
    it(t.name, async () => {
      const { ctx, svc } = await stored(net, { clusterIP: '10.0.0.1' });
      await check(ctx, makeService(t.o), svc, t.want);
    });
  }
  it('policy:RequireDualStack on a single-stack cluster', async () => {
    const { ctx, svc } = await stored(makeNetwork('v4'), { clusterIP: '10.0.0.1' });
    await check(ctx, makeService({ policy: 'RequireDualStack' }), svc, {
      error:
        'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    });
  });
});

describe('TestUpdateIPsFromDualStack (stored [10.0.0.1, 2000::1] on v4/v6)', () => {
  const net = makeNetwork('v4/v6');
  const ips = { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '2000::1'] };
  const single = { policy: 'SingleStack', families: ['IPv4'], ips: ['10.0.0.1'] };
  for (const storedPolicy of ['PreferDualStack', 'RequireDualStack']) {
    const table: Array<{ name: string; o: ServiceOptions; want: Want; released?: boolean }> = [
      {
        name: 'policy:nil_families:nil_ips:nil',
        o: {},
        want: { policy: storedPolicy, families: ['IPv4', 'IPv6'], ips: ['10.0.0.1', '2000::1'] },
      },
      {
        name: 'policy:SingleStack (downgrade)',
        o: { policy: 'SingleStack' },
        want: single,
        released: true,
      },
      {
        name: 'policy:SingleStack_families:v4v6_ips:v4v6 (trimmed)',
        o: { policy: 'SingleStack', families: ['IPv4', 'IPv6'], ...ips },
        want: single,
        released: true,
      },
      {
        name: 'policy:SingleStack_families:v4_ips:v4',
        o: {
          policy: 'SingleStack',
          families: ['IPv4'],
          clusterIP: '10.0.0.1',
          clusterIPs: ['10.0.0.1'],
        },
        want: single,
        released: true,
      },
      {
        name: 'policy:nil_ips:v4',
        o: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'] },
        want: { error: releaseIP(storedPolicy) },
      },
      {
        name: 'policy:PreferDualStack_ips:v4',
        o: { policy: 'PreferDualStack', clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'] },
        want: { error: releaseIP('PreferDualStack') },
      },
      {
        name: 'policy:nil_families:v4',
        o: { families: ['IPv4'] },
        want: { error: releaseFamily(storedPolicy) },
      },
      {
        name: 'policy:nil_families:v4_ips:v4',
        o: { families: ['IPv4'], clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'] },
        want: { error: `[${releaseIP(storedPolicy)}, ${releaseFamily(storedPolicy)}]` },
      },
      {
        name: 'policy:RequireDualStack',
        o: { policy: 'RequireDualStack' },
        want: {
          policy: 'RequireDualStack',
          families: ['IPv4', 'IPv6'],
          ips: ['10.0.0.1', '2000::1'],
        },
      },
    ];
    for (const t of table) {
      it(`${storedPolicy}/${t.name}`, async () => {
        const { ctx, svc } = await stored(net, { policy: storedPolicy, ...ips });
        const r = await check(ctx, makeService(t.o), svc, t.want);
        if (t.released && r.ok) {
          assert.equal(r.released.ips.length, 1);
          assert.deepEqual(ctx.allocator.allocatedIPs('IPv6'), []);
        }
      });
    }
  }
});

describe('blog scenario (e) and the PreferDualStack freeze (§4 step 2, §11)', () => {
  const dual = makeNetwork(['10.1.0.0/16', 'fd12:b5e0:383f::/112'], 26);
  const v4 = makeNetwork(['10.1.0.0/16'], 26);
  it('re-applying the live object keeps PreferDualStack and both IPs, unchanged', async () => {
    const { ctx, svc } = await stored(dual, { policy: 'PreferDualStack' });
    const live = structuredClone(svc);
    delete live.metadata.resourceVersion;
    const r = await check(ctx, live, svc, {
      policy: 'PreferDualStack',
      families: ['IPv4', 'IPv6'],
      ips: svc.spec.clusterIPs!,
    });
    assert.ok(r.ok && r.unchanged);
    assert.equal(r.ok && r.service.metadata.resourceVersion, svc.metadata.resourceVersion);
  });
  it('a plain PUT without policy, families or IPs gives the same result', async () => {
    const { ctx, svc } = await stored(dual, { policy: 'PreferDualStack' });
    await check(ctx, makeService(), svc, {
      policy: 'PreferDualStack',
      families: ['IPv4', 'IPv6'],
      ips: svc.spec.clusterIPs!,
    });
  });
  it('cluster became dual-stack: explicit PreferDualStack is frozen, omitting it upgrades', async () => {
    const { ctx, svc } = await stored(v4, { policy: 'PreferDualStack' });
    const ip = svc.spec.clusterIP!;
    const live = structuredClone(svc);
    delete live.metadata.resourceVersion;
    const allocator = new MemoryServiceAllocator(dual);
    assert.ok((await allocator.allocateIP('IPv4', parseIPSloppy(ip)!, 'nginx')).ok);
    assert.equal(ctx.network.serviceCIDRs.length, 1);
    const grown = makeContext(dual, allocator);
    const frozen = await updateService(live, svc, grown);
    assert.ok(frozen.ok);
    assert.deepEqual(frozen.service.spec.ipFamilies, ['IPv4']);
    const upgraded = await updateService(makeService(), svc, grown);
    assert.ok(upgraded.ok, upgraded.ok ? '' : upgraded.status.message);
    assert.deepEqual(upgraded.service.spec.ipFamilies, ['IPv4', 'IPv6']);
    assert.equal(upgraded.service.spec.clusterIPs?.[0], ip);
  });
  it('(e) on IPv4-only: an existing PreferDualStack [IPv4] stays', async () => {
    const { ctx, svc } = await stored(v4, { policy: 'PreferDualStack' });
    await check(ctx, makeService(), svc, {
      policy: 'PreferDualStack',
      families: ['IPv4'],
      ips: svc.spec.clusterIPs!,
    });
  });
});
