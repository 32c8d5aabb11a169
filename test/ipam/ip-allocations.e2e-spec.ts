import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gql, gqlCode } from '../support/fixtures';
import { bearer, startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { type Allocation, assertCountersMatch, ipValue, listAll, makeCluster } from './support';

const path = (cluster: string, rest = '') => `/v1/clusters/${cluster}/ip-allocations${rest}`;

describe('IPAM service addresses (REST)', () => {
  let t: TestApp;
  let ten: TestTenant;
  before(async () => {
    t = await startTestApp();
    ten = await t.tenant();
  });
  after(async () => t.close());

  const reserve = (cluster: string, body: Record<string, unknown>, token = ten.planner) =>
    t.http
      .post(path(cluster))
      .set(...bearer(token))
      .send(body);

  // ipallocator bitmap.go `New` / ipallocator.go `NewIPAllocator` with KEP-3070 bands
  // (reference §9.1, §9.2, §14 rules 12-13); mirrors TestAllocate*/TestCalculateRangeOffset.
  const BANDS: Array<{
    cidr: string;
    version: string;
    inRange: Array<[string, 'static' | 'dynamic']>;
    outOfRange: string[];
    /** The dynamic band, first and last address. */
    dynamic: [string, string];
  }> = [
    {
      cidr: '10.0.0.0/28',
      version: '1.30',
      inRange: [
        ['10.0.0.2', 'dynamic'],
        ['10.0.0.14', 'dynamic'],
      ],
      outOfRange: ['10.0.0.0', '10.0.0.15', '10.0.0.16'],
      dynamic: ['10.0.0.1', '10.0.0.14'],
    },
    {
      cidr: '10.0.0.0/24',
      version: '1.30',
      inRange: [
        ['10.0.0.2', 'static'],
        ['10.0.0.16', 'static'],
        ['10.0.0.17', 'dynamic'],
        ['10.0.0.254', 'dynamic'],
      ],
      outOfRange: ['10.0.0.0', '10.0.0.255', '10.0.1.1'],
      dynamic: ['10.0.0.17', '10.0.0.254'],
    },
    {
      cidr: '10.0.0.0/20',
      version: '1.30',
      inRange: [
        ['10.0.1.0', 'static'],
        ['10.0.1.1', 'dynamic'],
        ['10.0.15.254', 'dynamic'],
      ],
      outOfRange: ['10.0.0.0', '10.0.15.255'],
      dynamic: ['10.0.1.1', '10.0.15.254'],
    },
    {
      cidr: '10.0.0.0/16',
      version: '1.30',
      inRange: [
        ['10.0.1.0', 'static'],
        ['10.0.1.1', 'dynamic'],
        ['10.0.255.254', 'dynamic'],
      ],
      outOfRange: ['10.0.255.255', '10.1.0.1'],
      dynamic: ['10.0.1.1', '10.0.255.254'],
    },
    {
      cidr: '10.96.0.0/12',
      version: '1.30',
      inRange: [
        ['10.96.1.0', 'static'],
        ['10.96.1.1', 'dynamic'],
        ['10.111.255.254', 'dynamic'],
      ],
      outOfRange: ['10.96.0.0', '10.111.255.255', '10.112.0.1'],
      dynamic: ['10.96.1.1', '10.111.255.254'],
    },
    {
      cidr: 'fd00::/112',
      version: '1.30',
      inRange: [
        ['fd00::100', 'static'],
        ['fd00::101', 'dynamic'],
        ['fd00::ffff', 'dynamic'],
      ],
      outOfRange: ['fd00::', 'fd00::1:0'],
      dynamic: ['fd00::101', 'fd00::ffff'],
    },
    // The bitmap caps IPv6 at 65536 addresses: inside the /108 but above the cap is out of range.
    {
      cidr: 'fd00::/108',
      version: '1.30',
      inRange: [
        ['fd00::100', 'static'],
        ['fd00::101', 'dynamic'],
        ['fd00::ffff', 'dynamic'],
      ],
      outOfRange: ['fd00::1:0', 'fd00::f:ffff'],
      dynamic: ['fd00::101', 'fd00::ffff'],
    },
    // From 1.34 there is no bitmap: the whole CIDR, all-ones address included.
    {
      cidr: 'fd00::/108',
      version: '1.34',
      inRange: [
        ['fd00::100', 'static'],
        ['fd00::1:0', 'dynamic'],
        ['fd00::f:ffff', 'dynamic'],
      ],
      outOfRange: ['fd00::', 'fd00::10:0'],
      dynamic: ['fd00::101', 'fd00::f:ffff'],
    },
    {
      cidr: 'fd00::/64',
      version: '1.34',
      inRange: [
        ['fd00::100', 'static'],
        ['fd00::101', 'dynamic'],
        ['fd00::ffff:ffff:ffff:ffff', 'dynamic'],
      ],
      outOfRange: ['fd00::', 'fd00:0:0:1::'],
      dynamic: ['fd00::101', 'fd00::ffff:ffff:ffff:ffff'],
    },
  ];

  for (const row of BANDS) {
    it(`bands of ${row.cidr} on ${row.version}: static requests anywhere, dynamic picks in the upper band`, async () => {
      const c = await makeCluster(t, ten.admin, {
        kubernetesVersion: row.version,
        serviceCIDRs: [row.cidr],
      });
      for (const [address, band] of row.inRange) {
        const res = await reserve(c.name, { address, owner: 'bands' });
        assert.equal(res.status, 201, `${address}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.band, band, address);
        assert.equal(res.body.cidr, row.cidr);
      }
      for (const address of row.outOfRange) {
        const res = await reserve(c.name, { address, owner: 'bands' });
        assert.equal(res.status, 422, address);
        assert.equal(res.body.reason, 'Invalid');
        assert.equal(res.body.details.causes[0].field, 'address');
        assert.ok(
          res.body.message.includes(
            `is not in the valid range. The range of valid IPs is ${row.cidr}`,
          ),
          res.body.message,
        );
      }
      const [lowest, last] = row.dynamic.map(ipValue) as [bigint, bigint];
      for (let i = 0; i < 5; i++) {
        const res = await reserve(c.name, { owner: 'dynamic' });
        assert.equal(res.status, 201);
        assert.equal(res.body.band, 'dynamic');
        const v = ipValue(res.body.address);
        assert.ok(v >= lowest && v <= last, `${res.body.address} outside the dynamic band`);
      }
      await assertCountersMatch(t, ten.viewer, c);
    });
  }

  it('a /28 is full exactly after its 14 usable addresses; network and broadcast are never handed out; release then reuse', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.0.0.0/28'],
    });
    const seeded = await listAll(t, ten.viewer, c.name);
    const got = new Set(seeded.map((a) => a.address));
    for (let i = seeded.length; i < 14; i++) {
      const res = await reserve(c.name, { owner: 'fill' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.ok(!got.has(res.body.address), `duplicate ${res.body.address}`);
      got.add(res.body.address);
    }
    assert.equal(got.size, 14);
    assert.ok(!got.has('10.0.0.0') && !got.has('10.0.0.15'));
    const full = await reserve(c.name, { owner: 'fill' });
    assert.equal(full.status, 409);
    assert.equal(full.body.reason, 'Conflict');
    assert.match(full.body.message, /range is full/);
    assert.match(full.body.message, /10\.0\.0\.0\/28/);
    const bulkFull = await t.http
      .post(path(c.name, ':bulk'))
      .set(...bearer(ten.planner))
      .send({ count: 1, owner: 'fill' });
    assert.equal(bulkFull.status, 409);
    assert.match(bulkFull.body.message, /range is full/);

    const victim = [...got].find((a) => a !== '10.0.0.1')!;
    const del = await t.http.delete(path(c.name, `/${victim}`)).set(...bearer(ten.planner));
    assert.equal(del.status, 200);
    assert.equal(del.body.address, victim);
    assert.equal(
      (await t.http.delete(path(c.name, `/${victim}`)).set(...bearer(ten.planner))).status,
      404,
    );
    const again = await reserve(c.name, { owner: 'reuse' });
    assert.equal(again.status, 201);
    assert.equal(again.body.address, victim);
    await assertCountersMatch(t, ten.viewer, c);
  });

  it('a full upper band sends dynamic picks to the lower band; a /24 is full after 254', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.0.0.0/24'],
    });
    const seeded = await listAll(t, ten.viewer, c.name);
    const upper = await t.http
      .post(path(c.name, ':bulk'))
      .set(...bearer(ten.planner))
      .send({ count: 238, owner: 'upper' });
    assert.equal(upper.status, 201, JSON.stringify(upper.body).slice(0, 300));
    const items = upper.body.items as Allocation[];
    assert.equal(new Set(items.map((a) => a.address)).size, 238);
    assert.ok(items.every((a) => a.band === 'dynamic'));
    const lowerCount = 16 - seeded.length;
    for (let i = 0; i < lowerCount; i++) {
      const res = await reserve(c.name, { owner: 'lower' });
      assert.equal(res.status, 201);
      assert.equal(res.body.band, 'static');
    }
    const all = await listAll(t, ten.viewer, c.name);
    assert.equal(all.length, 254);
    assert.ok(!all.some((a) => a.address === '10.0.0.0' || a.address === '10.0.0.255'));
    assert.equal((await reserve(c.name, { owner: 'x' })).status, 409);
    await assertCountersMatch(t, ten.viewer, c);
  });

  it('an IPv6 /125 (1.34) hands out ::1 to ::7 and never the network address', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.34',
      serviceCIDRs: ['fd00::/125'],
    });
    const res = await t.http
      .post(path(c.name, ':bulk'))
      .set(...bearer(ten.planner))
      .send({ count: 6, owner: 'v6' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const all = (await listAll(t, ten.viewer, c.name)).map((a) => a.address).sort();
    assert.deepEqual(all, [
      'fd00::1',
      'fd00::2',
      'fd00::3',
      'fd00::4',
      'fd00::5',
      'fd00::6',
      'fd00::7',
    ]);
    assert.equal((await reserve(c.name, { owner: 'v6' })).status, 409);
  });

  it('conflicts and family errors in kube-apiserver words', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.0.0.0/24', 'fd00::/112'],
    });
    const first = await reserve(c.name, {
      address: '10.0.0.50',
      owner: 'a',
      description: 'db vip',
    });
    assert.equal(first.status, 201);
    assert.deepEqual(Object.keys(first.body).sort(), [
      'address',
      'band',
      'cidr',
      'createdAt',
      'description',
      'family',
      'owner',
    ]);
    assert.equal(first.body.description, 'db vip');
    const taken = await reserve(c.name, { address: '10.0.0.50', owner: 'b' });
    assert.equal(taken.status, 409);
    assert.match(taken.body.message, /provided IP is already allocated/);
    assert.equal(taken.body.details.causes[0].field, 'address');
    // The kubernetes Service holds the first address.
    assert.equal((await reserve(c.name, { address: '10.0.0.1', owner: 'b' })).status, 409);

    const v6 = await reserve(c.name, { family: 'IPv6', owner: 'six' });
    assert.equal(v6.status, 201);
    assert.equal(v6.body.family, 'IPv6');
    const v6addr = await reserve(c.name, { address: 'FD00:0::0042', owner: 'six' });
    assert.equal(v6addr.status, 201);
    assert.equal(v6addr.body.address, 'fd00::42');
    const wrongFamily = await reserve(c.name, { family: 'IPv4', address: 'fd00::43', owner: 'x' });
    assert.equal(wrongFamily.status, 422);
    assert.equal(wrongFamily.body.details.causes[0].field, 'address');

    const single = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.0.0.0/24'],
    });
    const notConfigured = await reserve(single.name, { family: 'IPv6', owner: 'x' });
    assert.equal(notConfigured.status, 422);
    assert.equal(notConfigured.body.details.causes[0].field, 'family');
    assert.match(notConfigured.body.message, /not configured on this cluster/);
    const notConfiguredAddr = await reserve(single.name, { address: 'fd00::1', owner: 'x' });
    assert.equal(notConfiguredAddr.status, 422);
    assert.match(notConfiguredAddr.body.message, /IPv6 is not configured on this cluster/);

    const del6 = await t.http
      .delete(path(c.name, `/${encodeURIComponent('fd00::42')}`))
      .set(...bearer(ten.planner));
    assert.equal(del6.status, 200);
    assert.equal(del6.body.address, 'fd00::42');
    assert.equal(
      (await t.http.delete(path(c.name, '/fd00::42')).set(...bearer(ten.planner))).status,
      404,
    );
    // An address a Service holds is released by deleting the Service, not through IPAM.
    const heldByService = await t.http
      .delete(path(c.name, '/10.0.0.1'))
      .set(...bearer(ten.planner));
    assert.equal(heldByService.status, 409);
    assert.match(heldByService.body.message, /service:default\/kubernetes/);
    await assertCountersMatch(t, ten.viewer, c);
  });

  it('bulk is all or none', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.0.0.0/28'],
    });
    const before = await listAll(t, ten.viewer, c.name);
    const ok = await t.http
      .post(path(c.name, ':bulk'))
      .set(...bearer(ten.planner))
      .send({ count: 10, owner: 'bulk' });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.items.length, 10);
    const tooMany = await t.http
      .post(path(c.name, ':bulk'))
      .set(...bearer(ten.planner))
      .send({ count: 14 - before.length - 10 + 1, owner: 'bulk2' });
    assert.equal(tooMany.status, 409);
    assert.match(tooMany.body.message, /range is full/);
    assert.equal((await listAll(t, ten.viewer, c.name, { owner: 'bulk2' })).length, 0);
    const rest = await t.http
      .post(path(c.name, ':bulk'))
      .set(...bearer(ten.planner))
      .send({ count: 14 - before.length - 10, owner: 'bulk2' });
    assert.equal(rest.status, 201);
    assert.equal((await listAll(t, ten.viewer, c.name)).length, 14);
    await assertCountersMatch(t, ten.viewer, c);
  });

  it('lists with family and owner filters, limit and continue', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.0.0.0/24', 'fd00::/112'],
    });
    await t.http
      .post(path(c.name, ':bulk'))
      .set(...bearer(ten.planner))
      .send({ count: 7, owner: 'page' });
    await t.http
      .post(path(c.name, ':bulk'))
      .set(...bearer(ten.planner))
      .send({ count: 3, owner: 'page', family: 'IPv6' });
    const seen: Allocation[] = [];
    let cont: string | undefined;
    let pages = 0;
    do {
      const res = await t.http
        .get(path(c.name))
        .query({ owner: 'page', limit: '3', ...(cont ? { continue: cont } : {}) })
        .set(...bearer(ten.viewer));
      assert.equal(res.status, 200);
      assert.ok(res.body.items.length <= 3);
      seen.push(...res.body.items);
      cont = res.body.metadata.continue;
      pages++;
    } while (cont);
    assert.equal(seen.length, 10);
    assert.equal(pages, 4);
    assert.equal(new Set(seen.map((a) => a.address)).size, 10);
    const v6 = await listAll(t, ten.viewer, c.name, { family: 'IPv6' });
    assert.equal(v6.length, 3);
    assert.ok(v6.every((a) => a.family === 'IPv6'));
    const badContinue = await t.http
      .get(path(c.name))
      .query({ continue: 'nope' })
      .set(...bearer(ten.viewer));
    assert.equal(badContinue.status, 400);
    assert.equal(badContinue.body.details.causes[0].field, 'continue');
    const badFamily = await t.http
      .get(path(c.name))
      .query({ family: 'IPv5' })
      .set(...bearer(ten.viewer));
    assert.equal(badFamily.status, 422);
    assert.equal(badFamily.body.details.causes[0].field, 'family');
  });

  it('rejects bad input with a 4xx naming the field', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.0.0.0/24'],
    });
    const cases: Array<[string, unknown, number, string]> = [
      ['', { address: 'garbage', owner: 'x' }, 422, 'address'],
      ['', { address: '10.0.0.300', owner: 'x' }, 422, 'address'],
      ['', { address: '010.0.0.5', owner: 'x' }, 422, 'address'],
      ['', { address: 42, owner: 'x' }, 422, 'address'],
      ['', { owner: '' }, 422, 'owner'],
      ['', {}, 422, 'owner'],
      ['', { owner: 7 }, 422, 'owner'],
      ['', { owner: 'x', family: 'IPv5' }, 422, 'family'],
      ['', { owner: 'x', description: 'd'.repeat(5000) }, 422, 'description'],
      ['', { owner: 'x', extra: true }, 400, 'extra'],
      [':bulk', { count: 0, owner: 'x' }, 422, 'count'],
      [':bulk', { count: -1, owner: 'x' }, 422, 'count'],
      [':bulk', { count: 1e9, owner: 'x' }, 422, 'count'],
      [':bulk', { count: 'x', owner: 'x' }, 422, 'count'],
      [':bulk', { count: 1.5, owner: 'x' }, 422, 'count'],
      [':bulk', { owner: 'x' }, 422, 'count'],
      [':bulk', { count: 1 }, 422, 'owner'],
      [':bulk', { count: 1, owner: 'x', address: '10.0.0.5' }, 400, 'address'],
    ];
    for (const [suffix, body, code, field] of cases) {
      const res = await t.http
        .post(path(c.name, suffix))
        .set(...bearer(ten.planner))
        .send(body as object);
      assert.equal(
        res.status,
        code,
        `${suffix} ${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(res.body)}`,
      );
      assert.equal(res.body.kind, 'Status');
      assert.ok(
        res.body.details.causes.some((x: { field: string }) => x.field === field),
        JSON.stringify(res.body),
      );
    }
    const notJson = await t.http
      .post(path(c.name))
      .set(...bearer(ten.planner))
      .set('content-type', 'application/json')
      .send('[1,2]');
    assert.equal(notJson.status, 400);
    const delGarbage = await t.http.delete(path(c.name, '/not-an-ip')).set(...bearer(ten.planner));
    assert.equal(delGarbage.status, 422);
    assert.equal(delGarbage.body.details.causes[0].field, 'address');
    const badKey = await t.http
      .post(path(c.name))
      .set(...bearer(ten.planner))
      .set('idempotency-key', 'x'.repeat(300))
      .send({ owner: 'x' });
    assert.equal(badKey.status, 400);
    assert.equal(badKey.body.details.causes[0].field, 'Idempotency-Key');
    assert.equal((await listAll(t, ten.viewer, c.name, { owner: 'x' })).length, 0);
  });

  it('auth: 401 without or with a revoked token, 403 for a viewer writing, 404 for another tenant', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.0.0.0/24'],
    });
    const other = await t.tenant();
    await reserve(c.name, { address: '10.0.0.77', owner: 'auth' });
    const calls: Array<{
      method: 'get' | 'post' | 'delete';
      url: string;
      body?: object;
      role: 'viewer' | 'planner';
    }> = [
      { method: 'post', url: path(c.name), body: { owner: 'auth' }, role: 'planner' },
      {
        method: 'post',
        url: path(c.name, ':bulk'),
        body: { owner: 'auth', count: 2 },
        role: 'planner',
      },
      { method: 'get', url: path(c.name), role: 'viewer' },
      { method: 'delete', url: path(c.name, '/10.0.0.77'), role: 'planner' },
    ];
    for (const call of calls) {
      const send = (token?: string) => {
        const r = t.http[call.method](call.url);
        if (token) void r.set(...bearer(token));
        return call.body ? r.send(call.body) : r;
      };
      assert.equal((await send()).status, 401, `${call.method} ${call.url} without token`);
      assert.equal((await send('sp_unknown')).status, 401);
      assert.equal((await send(ten.revoked)).status, 401);
      assert.equal(
        (await send(other.admin)).status,
        404,
        `${call.method} ${call.url} other tenant`,
      );
      if (call.role === 'planner') assert.equal((await send(ten.viewer)).status, 403);
      const ok = await send(call.role === 'planner' ? ten.planner : ten.viewer);
      assert.ok([200, 201].includes(ok.status), `${call.method} ${call.url}: ${ok.status}`);
    }
    const adminOk = await reserve(c.name, { owner: 'auth' }, ten.admin);
    assert.equal(adminOk.status, 201);
  });

  it('Idempotency-Key: a retry replays the first answer, another body is 422, 100 concurrent make one allocation', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.0.0.0/20'],
    });
    const post = (key: string, body: object, suffix = '') =>
      t.http
        .post(path(c.name, suffix))
        .set(...bearer(ten.planner))
        .set('idempotency-key', key)
        .send(body);
    const a = await post('k-1', { owner: 'idem' });
    const b = await post('k-1', { owner: 'idem' });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(b.text, a.text);
    assert.equal((await post('k-1', { owner: 'someone-else' })).status, 422);
    assert.equal((await listAll(t, ten.viewer, c.name, { owner: 'idem' })).length, 1);

    // Errors are answers too: the same 409 comes back even after the address is freed.
    await reserve(c.name, { address: '10.0.0.99', owner: 'holder' });
    const e1 = await post('k-err', { address: '10.0.0.99', owner: 'idem' });
    assert.equal(e1.status, 409);
    await t.http.delete(path(c.name, '/10.0.0.99')).set(...bearer(ten.planner));
    const e2 = await post('k-err', { address: '10.0.0.99', owner: 'idem' });
    assert.equal(e2.status, 409);
    assert.equal(e2.text, e1.text);

    const bulk1 = await post('k-bulk', { count: 5, owner: 'idem-bulk' }, ':bulk');
    const bulk2 = await post('k-bulk', { owner: 'idem-bulk', count: 5 }, ':bulk');
    assert.equal(bulk1.status, 201);
    assert.equal(bulk2.text, bulk1.text);
    assert.equal((await listAll(t, ten.viewer, c.name, { owner: 'idem-bulk' })).length, 5);

    const del1 = await t.http
      .delete(path(c.name, `/${a.body.address}`))
      .set(...bearer(ten.planner))
      .set('idempotency-key', 'k-del');
    const del2 = await t.http
      .delete(path(c.name, `/${a.body.address}`))
      .set(...bearer(ten.planner))
      .set('idempotency-key', 'k-del');
    assert.equal(del1.status, 200);
    assert.equal(del2.status, 200);
    assert.equal(del2.text, del1.text);

    const answers = await Promise.all(
      Array.from({ length: 100 }, () => post('k-100', { owner: 'hundred' })),
    );
    assert.ok(
      answers.every((r) => r.status === 201),
      answers.map((r) => r.status).join(','),
    );
    assert.equal(new Set(answers.map((r) => r.body.address)).size, 1);
    assert.equal((await listAll(t, ten.viewer, c.name, { owner: 'hundred' })).length, 1);
    await assertCountersMatch(t, ten.viewer, c);
  });

  it('GraphQL mirrors REST: reserveIP, reserveIPs, ipAllocations, releaseIP', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.0.0.0/24'],
    });
    const one = await gql(
      t,
      ten.planner,
      `mutation($c: String!) { reserveIP(clusterName: $c, input: {address: "10.0.0.33", owner: "gql"}) { address family cidr band owner } }`,
      { c: c.name },
    );
    assert.equal(gqlCode(one), 200, JSON.stringify(one.errors));
    assert.deepEqual(one.data!.reserveIP, {
      address: '10.0.0.33',
      family: 'IPv4',
      cidr: '10.0.0.0/24',
      band: 'dynamic',
      owner: 'gql',
    });
    const again = await gql(
      t,
      ten.planner,
      `mutation($c: String!) { reserveIP(clusterName: $c, input: {address: "10.0.0.33", owner: "gql"}) { address } }`,
      { c: c.name },
    );
    assert.equal(gqlCode(again), 409);
    const many = await gql(
      t,
      ten.planner,
      `mutation($c: String!) { reserveIPs(clusterName: $c, input: {count: 3, owner: "gql"}) { address band } }`,
      { c: c.name },
    );
    assert.equal((many.data!.reserveIPs as unknown[]).length, 3);
    const viewerWrite = await gql(
      t,
      ten.viewer,
      `mutation($c: String!) { reserveIP(clusterName: $c, input: {owner: "gql"}) { address } }`,
      { c: c.name },
    );
    assert.equal(gqlCode(viewerWrite), 403);
    const page = await gql(
      t,
      ten.viewer,
      `query($c: String!) { ipAllocations(clusterName: $c, owner: "gql") { items { address } continue } }`,
      { c: c.name },
    );
    const rest = await listAll(t, ten.viewer, c.name, { owner: 'gql' });
    assert.deepEqual(
      (page.data!.ipAllocations as { items: { address: string }[] }).items.map((i) => i.address),
      rest.map((r) => r.address),
    );
    const rel = await gql(
      t,
      ten.planner,
      `mutation($c: String!) { releaseIP(clusterName: $c, address: "10.0.0.33") { address } }`,
      { c: c.name },
    );
    assert.equal(gqlCode(rel), 200);
    const rel404 = await gql(
      t,
      ten.planner,
      `mutation($c: String!) { releaseIP(clusterName: $c, address: "10.0.0.33") { address } }`,
      { c: c.name },
    );
    assert.equal(gqlCode(rel404), 404);
    const unauth = await gql(
      t,
      null,
      `query($c: String!) { ipAllocations(clusterName: $c) { items { address } } }`,
      { c: c.name },
    );
    assert.equal(gqlCode(unauth), 401);
  });

  it('writes one audit event per change, naming the key', async () => {
    const c = await makeCluster(t, ten.admin, {
      kubernetesVersion: '1.30',
      serviceCIDRs: ['10.0.0.0/24'],
    });
    await reserve(c.name, { address: '10.0.0.70', owner: 'audit' });
    await t.http
      .post(path(c.name, ':bulk'))
      .set(...bearer(ten.planner))
      .send({ count: 2, owner: 'audit' });
    await t.http.delete(path(c.name, '/10.0.0.70')).set(...bearer(ten.planner));
    const { Database } = await import('../../src/platform/database/database.service');
    const db = t.app.get(Database);
    const events = await db.prisma.auditEvent.findMany({
      where: { clusterId: c.id, action: { startsWith: 'ip.' } },
      orderBy: { id: 'asc' },
    });
    const mine = events.filter((e) => (e.details as { owner?: string }).owner === 'audit');
    assert.deepEqual(
      mine.map((e) => e.action),
      ['ip.allocate', 'ip.allocate', 'ip.allocate', 'ip.release'],
    );
    assert.deepEqual(mine[0]!.details, {
      family: 'IPv4',
      address: '10.0.0.70',
      band: 'dynamic',
      owner: 'audit',
    });
    assert.ok(mine.every((e) => e.actor !== '' && e.actor === mine[0]!.actor));
  });
});
