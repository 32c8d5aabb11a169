import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, ipsHeld, makeNetwork, makeService, stored, updateIn } from './services.spec-kit';

describe('type changes and headless updates (updateClusterIPs cases 2-4)', () => {
  const net = makeNetwork('v4/v6');
  it('ExternalName -> ClusterIP allocates as on create', async () => {
    const { ctx, svc } = await stored(net, { type: 'ExternalName', selector: null, ports: [] });
    await check(ctx, makeService(), svc, { policy: 'SingleStack', families: ['IPv4'], ips: 1 });
    assert.equal(ipsHeld(ctx), 1);
  });
  it('GET, edit type to ExternalName, PUT: IP fields wiped and released', async () => {
    const { ctx, svc } = await stored(net, { policy: 'RequireDualStack' });
    const edited = structuredClone(svc);
    edited.spec.type = 'ExternalName';
    edited.spec.externalName = 'example.com';
    const r = await updateIn(ctx, edited, svc);
    assert.ok(r.ok, r.ok ? '' : r.status.message);
    assert.equal(r.service.spec.clusterIPs, undefined);
    assert.equal(r.service.spec.ipFamilyPolicy, undefined);
    assert.equal(r.released.ips.length, 2);
    assert.equal(ipsHeld(ctx), 0);
  });
  it('headless families may change freely', async () => {
    const { ctx, svc } = await stored(net, { clusterIP: 'None' });
    await check(ctx, makeService({ clusterIP: 'None', policy: 'PreferDualStack' }), svc, {
      policy: 'PreferDualStack',
      families: ['IPv4', 'IPv6'],
      ips: ['None'],
    });
  });
  it('headful -> None is rejected as a clusterIPs[0] change', async () => {
    const { ctx, svc } = await stored(net, { clusterIP: '10.0.0.1' });
    await check(ctx, makeService({ clusterIP: 'None', clusterIPs: ['None'] }), svc, {
      error: 'spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set',
    });
  });
});
