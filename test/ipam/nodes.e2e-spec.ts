import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AllocationCountersRepository } from '../../src/modules/ipam/allocation-counters.repository';
import { gql, gqlCode } from '../support/fixtures';
import { bearer, startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { makeCluster } from './support';

const nodes = (cluster: string, rest = '') => `/v1/clusters/${cluster}/nodes${rest}`;

// kube-controller-manager node IPAM: cidrset `AllocateNext`, range_allocator
// `filterOutServiceRange` (reference §9.5); mirrors cidr_set_test.go TestCIDRSet_RandomishAllocation
// and TestCIDRSetFullyAllocated, with the lowest-free order of a freshly started controller.
describe('IPAM nodes and pod CIDRs (REST)', () => {
  let t: TestApp;
  let ten: TestTenant;
  before(async () => {
    t = await startTestApp();
    ten = await t.tenant();
  });
  after(async () => t.close());

  const create = (cluster: string, name: string, token = ten.planner, key?: string) => {
    const r = t.http.post(nodes(cluster)).set(...bearer(token));
    if (key) void r.set('idempotency-key', key);
    return r.send({ name });
  };

  it('gives one pod CIDR per family, lowest free block first, and reuses a released block', async () => {
    const c = await makeCluster(t, ten.admin, {
      serviceCIDRs: ['10.96.0.0/16', 'fd12::/112'],
      podCIDRs: ['10.244.0.0/16', 'fd00:1::/56'],
      nodeCIDRMaskSize: { IPv4: 24, IPv6: 64 },
    });
    const a = await create(c.name, 'node-a');
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(a.body.name, 'node-a');
    assert.deepEqual(a.body.podCIDRs, ['10.244.0.0/24', 'fd00:1::/64']);
    assert.equal(a.body.podCIDR, '10.244.0.0/24');
    const b = await create(c.name, 'node-b');
    assert.deepEqual(b.body.podCIDRs, ['10.244.1.0/24', 'fd00:1:0:1::/64']);
    const dup = await create(c.name, 'node-b');
    assert.equal(dup.status, 409);
    assert.equal(dup.body.reason, 'AlreadyExists');
    const del = await t.http.delete(nodes(c.name, '/node-a')).set(...bearer(ten.planner));
    assert.equal(del.status, 200);
    assert.deepEqual(del.body.podCIDRs, ['10.244.0.0/24', 'fd00:1::/64']);
    assert.equal(
      (await t.http.delete(nodes(c.name, '/node-a')).set(...bearer(ten.planner))).status,
      404,
    );
    const n3 = await create(c.name, 'node-c');
    assert.deepEqual(n3.body.podCIDRs, ['10.244.0.0/24', 'fd00:1::/64']);
    const list = await t.http.get(nodes(c.name)).set(...bearer(ten.viewer));
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((n: { name: string; podCIDRs: string[] }) => [n.name, n.podCIDRs]),
      [
        ['node-b', ['10.244.1.0/24', 'fd00:1:0:1::/64']],
        ['node-c', ['10.244.0.0/24', 'fd00:1::/64']],
      ],
    );
    const counts = await t.app.get(AllocationCountersRepository).counts([c.id]);
    const nodeCidrs = Object.fromEntries(
      counts.filter((x) => x.kind === 'nodecidr').map((x) => [x.scope, x.count]),
    );
    assert.deepEqual(nodeCidrs, { IPv4: 2n, IPv6: 2n });
  });

  it('skips blocks that overlap a service CIDR and is exhausted with cidrset words', async () => {
    // 10.0.0.0/22 in /24 blocks: block 0 overlaps the service CIDR, so 3 nodes fit.
    const c = await makeCluster(t, ten.admin, {
      serviceCIDRs: ['10.0.0.0/24'],
      podCIDRs: ['10.0.0.0/22'],
      nodeCIDRMaskSize: { IPv4: 24 },
    });
    const got: string[] = [];
    for (const n of ['n1', 'n2', 'n3']) {
      const res = await create(c.name, n);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      got.push(res.body.podCIDR);
    }
    assert.deepEqual(got, ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24']);
    const full = await create(c.name, 'n4');
    assert.equal(full.status, 409);
    assert.equal(
      full.body.message,
      'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range',
    );
    // The failed node left nothing behind.
    const list = await t.http.get(nodes(c.name)).set(...bearer(ten.viewer));
    assert.deepEqual(
      list.body.items.map((n: { name: string }) => n.name),
      ['n1', 'n2', 'n3'],
    );
  });

  it('concurrent node creations never share a block', async () => {
    const c = await makeCluster(t, ten.admin, {
      serviceCIDRs: ['10.96.0.0/16'],
      podCIDRs: ['10.244.0.0/20'],
      nodeCIDRMaskSize: { IPv4: 24 },
    });
    const res = await Promise.all(Array.from({ length: 20 }, (_, i) => create(c.name, `par-${i}`)));
    const ok = res.filter((r) => r.status === 201);
    assert.equal(ok.length, 16);
    assert.ok(
      res.every((r) => r.status === 201 || r.status === 409),
      res.map((r) => r.status).join(','),
    );
    assert.equal(new Set(ok.map((r) => r.body.podCIDR)).size, 16);
  });

  it('pages, validates, checks roles and tenants, and replays Idempotency-Key', async () => {
    const c = await makeCluster(t, ten.admin, {
      serviceCIDRs: ['10.96.0.0/16'],
      podCIDRs: ['10.244.0.0/16'],
    });
    for (const n of ['p1', 'p2', 'p3']) await create(c.name, n);
    const page1 = await t.http
      .get(nodes(c.name))
      .query({ limit: '2' })
      .set(...bearer(ten.viewer));
    assert.equal(page1.body.items.length, 2);
    const page2 = await t.http
      .get(nodes(c.name))
      .query({ limit: '2', continue: page1.body.metadata.continue })
      .set(...bearer(ten.viewer));
    assert.deepEqual(
      page2.body.items.map((n: { name: string }) => n.name),
      ['p3'],
    );
    assert.equal(page2.body.metadata.continue, undefined);

    for (const [body, code, field] of [
      [{ name: 'Bad_Name' }, 422, 'name'],
      [{ name: '' }, 422, 'name'],
      [{}, 422, 'name'],
      [{ name: 5 }, 422, 'name'],
      [{ name: 'x'.repeat(300) }, 422, 'name'],
      [{ name: 'ok', podCIDR: '10.0.0.0/24' }, 400, 'podCIDR'],
    ] as Array<[object, number, string]>) {
      const res = await t.http
        .post(nodes(c.name))
        .set(...bearer(ten.planner))
        .send(body);
      assert.equal(res.status, code, JSON.stringify(body).slice(0, 60));
      assert.equal(res.body.details.causes[0].field, field);
    }

    const other = await t.tenant();
    assert.equal((await t.http.post(nodes(c.name)).send({ name: 'z' })).status, 401);
    assert.equal((await create(c.name, 'z', ten.revoked)).status, 401);
    assert.equal((await create(c.name, 'z', ten.viewer)).status, 403);
    assert.equal((await create(c.name, 'z', other.admin)).status, 404);
    assert.equal((await t.http.get(nodes(c.name)).set(...bearer(other.viewer))).status, 404);
    assert.equal(
      (await t.http.delete(nodes(c.name, '/p1')).set(...bearer(ten.viewer))).status,
      403,
    );
    assert.equal(
      (await t.http.delete(nodes(c.name, '/p1')).set(...bearer(other.admin))).status,
      404,
    );

    const k1 = await create(c.name, 'idem', ten.planner, 'node-key');
    const k2 = await create(c.name, 'idem', ten.planner, 'node-key');
    assert.equal(k1.status, 201);
    assert.equal(k2.status, 201);
    assert.equal(k2.text, k1.text);
    assert.equal((await create(c.name, 'idem-2', ten.planner, 'node-key')).status, 422);
  });

  it('a cluster without pod CIDRs registers nodes without a pod CIDR', async () => {
    const c = await makeCluster(t, ten.admin, { serviceCIDRs: ['10.96.0.0/16'] });
    const res = await create(c.name, 'bare');
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.podCIDRs, []);
    assert.equal(res.body.podCIDR, null);
  });

  it('GraphQL mirrors REST: createNode, nodes, deleteNode', async () => {
    const c = await makeCluster(t, ten.admin, {
      serviceCIDRs: ['10.96.0.0/16'],
      podCIDRs: ['10.244.0.0/16'],
    });
    const made = await gql(
      t,
      ten.planner,
      `mutation($c: String!) { createNode(clusterName: $c, name: "g1") { name podCIDR podCIDRs } }`,
      { c: c.name },
    );
    assert.equal(gqlCode(made), 200, JSON.stringify(made.errors));
    assert.deepEqual(made.data!.createNode, {
      name: 'g1',
      podCIDR: '10.244.0.0/24',
      podCIDRs: ['10.244.0.0/24'],
    });
    const listed = await gql(
      t,
      ten.viewer,
      `query($c: String!) { nodes(clusterName: $c) { items { name podCIDRs } } }`,
      { c: c.name },
    );
    const rest = await t.http.get(nodes(c.name)).set(...bearer(ten.viewer));
    assert.deepEqual(
      (listed.data!.nodes as { items: unknown[] }).items,
      rest.body.items.map((n: { name: string; podCIDRs: string[] }) => ({
        name: n.name,
        podCIDRs: n.podCIDRs,
      })),
    );
    assert.equal(
      gqlCode(
        await gql(
          t,
          ten.viewer,
          `mutation($c: String!) { deleteNode(clusterName: $c, name: "g1") { name } }`,
          { c: c.name },
        ),
      ),
      403,
    );
    assert.equal(
      gqlCode(
        await gql(
          t,
          ten.planner,
          `mutation($c: String!) { deleteNode(clusterName: $c, name: "g1") { name } }`,
          { c: c.name },
        ),
      ),
      200,
    );
    assert.equal(
      gqlCode(
        await gql(
          t,
          ten.planner,
          `mutation($c: String!) { deleteNode(clusterName: $c, name: "g1") { name } }`,
          { c: c.name },
        ),
      ),
      404,
    );
  });
});
