import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ServiceAllocator } from '../../src/core/allocation/allocator-port';
import { AllocationCountersRepository } from '../../src/modules/ipam/allocation-counters.repository';
import { AllocatorFactory } from '../../src/modules/ipam/allocator-factory';
import { ClustersService } from '../../src/modules/clusters/clusters.service';
import type { ClusterContext } from '../../src/modules/clusters/cluster-context';
import { Transactions } from '../../src/platform/database/transactions';
import { startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { ipValue, listAll, makeCluster } from './support';

const v4 = (text: string) => ({ family: 'IPv4' as const, value: ipValue(text) });

/** The persistent ServiceAllocator the Service pipeline uses (alloc.go's allocators). */
describe('AllocatorFactory.forService', () => {
  let t: TestApp;
  let ten: TestTenant;
  let factory: AllocatorFactory;
  let txs: Transactions;
  let cluster: ClusterContext;
  let ids: { name: string; id: string };
  before(async () => {
    t = await startTestApp();
    ten = await t.tenant();
    factory = t.app.get(AllocatorFactory);
    txs = t.app.get(Transactions);
    // 20 ports: static band 30000-30015 (min 16), dynamic 30016-30019 (KEP-3668).
    ids = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.0.0.0/28'],
      serviceNodePortRange: '30000-30019',
    });
    cluster = await t.app.get(ClustersService).lookup(ten.id, ids.name);
  });
  after(async () => t.close());

  const real = (
    tx: Parameters<AllocatorFactory['forService']>[0],
    uid = randomUUID(),
  ): ServiceAllocator =>
    factory.forService(tx, cluster, {
      dryRun: false,
      actor: 'test-key',
      owner: 'service:default/web',
      serviceUid: uid,
    });

  it('dry runs check and pick without writing, and never release', async () => {
    const dry = factory.forService(null, cluster, {
      dryRun: true,
      actor: 'test-key',
      owner: 'service:default/dry',
    });
    const before = await listAll(t, ten.viewer, ids.name);
    const next = await dry.allocateNextIP('IPv4', 'service:default/dry');
    assert.ok(next.ok);
    assert.ok(!before.some((a) => ipValue(a.address) === next.value.value));
    assert.deepEqual(await dry.allocateIP('IPv4', v4('10.0.0.1'), 'x'), {
      ok: false,
      reason: 'allocated',
    });
    assert.deepEqual(await dry.allocateIP('IPv4', v4('10.0.0.15'), 'x'), {
      ok: false,
      reason: 'not-in-range',
    });
    assert.deepEqual(await dry.allocateIP('IPv4', v4('10.0.0.5'), 'x'), {
      ok: true,
      value: v4('10.0.0.5'),
      band: 'dynamic',
    });
    assert.deepEqual(await dry.allocateNextIP('IPv6', 'x'), {
      ok: false,
      reason: 'family-not-configured',
    });
    const port = await dry.allocateNextPort('x');
    assert.ok(port.ok && port.value >= 30016 && port.value <= 30019 && port.band === 'dynamic');
    await dry.releaseIP('IPv4', v4('10.0.0.1'));
    assert.deepEqual(await listAll(t, ten.viewer, ids.name), before);
  });

  it('allocates in the caller transaction: a rollback leaves no row and no count', async () => {
    const counters = t.app.get(AllocationCountersRepository);
    const countsBefore = await counters.counts([cluster.id]);
    const rowsBefore = await listAll(t, ten.viewer, ids.name);
    await assert.rejects(
      txs.run(async (tx) => {
        const a = real(tx);
        // The exact address first: a dynamic pick may land anywhere in this small range.
        assert.ok((await a.allocateIP('IPv4', v4('10.0.0.7'), 'service:default/web')).ok);
        assert.ok((await a.allocateNextIP('IPv4', 'service:default/web')).ok);
        assert.ok((await a.allocateNextPort('service:default/web')).ok);
        throw new Error('revert');
      }),
      /revert/,
    );
    assert.deepEqual(await listAll(t, ten.viewer, ids.name), rowsBefore);
    assert.deepEqual(await counters.counts([cluster.id]), countsBefore);
  });

  it('node ports: upper band first, then the lower; exact ports checked for range and conflict', async () => {
    const uid = randomUUID();
    const got = await txs.run(async (tx) => {
      const a = real(tx, uid);
      const out: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await a.allocateNextPort('service:default/web');
        assert.ok(r.ok && r.band === 'dynamic', JSON.stringify(r));
        out.push(r.value);
      }
      const lower = await a.allocateNextPort('service:default/web');
      assert.ok(lower.ok && lower.band === 'static' && lower.value < 30016);
      out.push(lower.value);
      assert.deepEqual(await a.allocatePort(30016, 'x'), { ok: false, reason: 'allocated' });
      assert.deepEqual(await a.allocatePort(40000, 'x'), { ok: false, reason: 'not-in-range' });
      return out;
    });
    assert.deepEqual(got.slice(0, 4).sort(), [30016, 30017, 30018, 30019]);
    // Another Service's uid cannot release these; the owner's can, all at once.
    await real(null).releasePort(30016);
    const counts = async () =>
      (await t.app.get(AllocationCountersRepository).counts([cluster.id]))
        .filter((c) => c.kind === 'nodeport')
        .reduce((n, c) => n + c.count, 0n);
    assert.equal(await counts(), 5n);
    assert.deepEqual(await factory.releaseService(null, cluster, uid, 'test-key'), {
      ips: 0,
      ports: 5,
    });
    assert.equal(await counts(), 0n);
  });

  it('exhaustion is reported as full, and addresses carry the Service owner and uid', async () => {
    const uid = randomUUID();
    const results = await txs.run(async (tx) => {
      const a = real(tx, uid);
      const out = [];
      for (let i = 0; i < 14; i++) out.push(await a.allocateNextIP('IPv4', 'service:ns/fill'));
      return out;
    });
    const ok = results.filter((r) => r.ok);
    const free =
      14 -
      (await listAll(t, ten.viewer, ids.name)).filter((a) => a.owner !== 'service:ns/fill').length;
    assert.equal(ok.length, free);
    assert.deepEqual(results[results.length - 1], { ok: false, reason: 'full' });
    const mine = await listAll(t, ten.viewer, ids.name, { owner: 'service:ns/fill' });
    assert.equal(mine.length, free);
    assert.deepEqual(await factory.releaseService(null, cluster, uid, 'test-key'), {
      ips: free,
      ports: 0,
    });
  });
});
