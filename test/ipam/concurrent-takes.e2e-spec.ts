/**
 * Concurrent reservations of one pool share statements on PostgreSQL (IpTakeBatcher). Each
 * request must still get exactly its own outcome: distinct addresses, a full range refused
 * only when it is full, every row with its own owner and its own key's audit event, and one
 * winner for an address asked for many times at once. On PGlite the same requests run one
 * statement each, and the same answers are required.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { ClusterCache } from '../../src/modules/ipam/cluster-cache';
import { IpAllocator } from '../../src/modules/ipam/ip-allocator';
import { IpTakeBatcher } from '../../src/modules/ipam/ip-take-batcher';
import { Database } from '../../src/platform/database/database.service';
import { assertCountersMatch, listAll, makeCluster } from './support';

describe('concurrent reservations of one pool', () => {
  let t: TestApp;
  let ten: TestTenant;
  before(async () => {
    t = await startTestApp();
    ten = await t.tenant();
  });
  after(async () => t.close());

  const reserve = (cluster: string, token: string, body: Record<string, unknown>) =>
    t.http
      .post(`/v1/clusters/${cluster}/ip-allocations`)
      .set(...bearer(token))
      .send(body);

  it('40 at once into a /27: every free address once, then 409 full', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.20.0.0/27'],
    });
    const seeded = (await listAll(t, ten.viewer, c.name)).length;
    const free = 30 - seeded;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        reserve(c.name, i % 2 ? ten.admin : ten.planner, { owner: `${i % 2 ? 'a' : 'p'}-${i}` }),
      ),
    );
    const created = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    assert.equal(created.length, free);
    assert.ok(refused.every((a) => a.status === 409 && /range is full/.test(a.body.message)));
    const addresses = created.map((a) => a.body.address as string);
    assert.equal(new Set(addresses).size, free);
    for (const a of created) assert.match(a.body.owner, /^[ap]-[0-9]+$/);

    const rows = await listAll(t, ten.viewer, c.name);
    assert.equal(rows.length, 30);
    for (const a of created) {
      const row = rows.find((r) => r.address === a.body.address);
      assert.equal(row?.owner, a.body.owner);
    }
    await assertCountersMatch(t, ten.viewer, c);

    const events = await t.app.get(Database).prisma.auditEvent.findMany({
      where: { clusterId: c.id, action: 'ip.allocate' },
    });
    const ownerOf = (e: { details: unknown }) => String((e.details as { owner?: string }).owner);
    const actorOf = (prefix: string) =>
      new Set(events.filter((e) => ownerOf(e).startsWith(prefix)).map((e) => e.actor));
    assert.equal(events.filter((e) => /^[ap]-/.test(ownerOf(e))).length, free);
    const [planner, admin] = [actorOf('p-'), actorOf('a-')];
    assert.equal(planner.size, 1);
    assert.equal(admin.size, 1);
    assert.notDeepEqual([...planner], [...admin]);
  });

  it('calls that gather while statements run share one, each with its own rows (PostgreSQL)', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.30.0.0/16'],
    });
    const cluster = await t.app.get(ClusterCache).get(ten.id, c.name);
    const batcher = t.app.get(IpTakeBatcher);
    const before = { ...batcher.stats };
    // Submitted in one turn: the first calls run at once, the rest gather behind them.
    const outcomes = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t.app.get(IpAllocator).reserveNext(undefined, cluster, 'IPv4', 1 + (i % 3), {
          owner: `g-${i}`,
          description: `call ${i}`,
          serviceUid: null,
          actor: `actor-${i}`,
        }),
      ),
    );
    const rows = outcomes.flatMap((o, i) => {
      assert.ok(o.ok, o.ok ? '' : o.reason);
      assert.equal(o.rows.length, 1 + (i % 3));
      for (const r of o.rows) {
        assert.equal(r.owner, `g-${i}`);
        assert.equal(r.description, `call ${i}`);
      }
      return o.rows;
    });
    assert.equal(new Set(rows.map((r) => r.address)).size, rows.length);
    const after = batcher.stats;
    if (t.app.get(Database).kind === 'postgresql') {
      assert.ok(after.requests - before.requests >= 24);
      assert.ok(
        after.statements - before.statements < after.requests - before.requests,
        JSON.stringify({ before, after }),
      );
    }
    const events = await t.app.get(Database).prisma.auditEvent.findMany({
      where: { clusterId: c.id, action: 'ip.allocate', actor: { startsWith: 'actor-' } },
    });
    assert.equal(events.length, rows.length);
    for (const e of events) {
      const owner = (e.details as { owner: string }).owner;
      assert.equal(e.actor, `actor-${owner.slice(2)}`);
    }
    await assertCountersMatch(t, ten.viewer, c);
  });

  it('one address asked for 12 times at once: one 201, eleven 409 already allocated', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.21.0.0/24'],
    });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        reserve(c.name, ten.planner, { address: '10.21.0.200', owner: `same-${i}` }),
      ),
    );
    assert.equal(answers.filter((a) => a.status === 201).length, 1);
    const lost = answers.filter((a) => a.status !== 201);
    assert.equal(lost.length, 11);
    for (const a of lost) {
      assert.equal(a.status, 409);
      assert.match(a.body.message, /provided IP is already allocated/);
    }
    await assertCountersMatch(t, ten.viewer, c);
  });

  // Exact addresses in the static band: dynamic picks stay in the upper band while it has room.
  it('dynamic and exact requests mixed at once never collide', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.22.0.0/26'],
    });
    const exact = ['10.22.0.5', '10.22.0.6', '10.22.0.7'];
    const answers = await Promise.all([
      ...exact.map((address) => reserve(c.name, ten.planner, { address, owner: 'exact' })),
      ...Array.from({ length: 30 }, () => reserve(c.name, ten.planner, { owner: 'dyn' })),
    ]);
    assert.ok(
      answers.every((a) => a.status === 201),
      JSON.stringify(answers.map((a) => a.body)),
    );
    assert.deepEqual(
      answers.slice(0, 3).map((a) => a.body.address),
      exact,
    );
    const all = answers.map((a) => a.body.address as string);
    assert.equal(new Set(all).size, all.length);
    await assertCountersMatch(t, ten.viewer, c);
  });
});
