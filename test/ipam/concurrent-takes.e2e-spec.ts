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
    const { statements, requests } = t.app.get(IpTakeBatcher).stats;
    const free = 30 - seeded;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        reserve(c.name, i % 2 ? ten.admin : ten.planner, { owner: `${i % 2 ? 'a' : 'p'}-${i}` }),
      ),
    );
    // On PostgreSQL the concurrent requests shared statements.
    const stats = t.app.get(IpTakeBatcher).stats;
    if (t.app.get(Database).kind === 'postgresql')
      assert.ok(stats.requests - requests > stats.statements - statements, JSON.stringify(stats));
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
