import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { gql, gqlCode, SEED_CLUSTER } from '../support/fixtures';

describe('clusters over REST and GraphQL', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  before(async () => {
    t = await startTestApp();
    a = await t.tenant();
    b = await t.tenant();
  });
  after(async () => t.close());

  it('creates the seed dual-stack cluster with Kubernetes defaults filled in', async () => {
    const res = await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .send({
        name: 'seed',
        serviceCIDRs: SEED_CLUSTER.serviceCIDRs,
        podCIDRs: SEED_CLUSTER.podCIDRs,
      });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.name, 'seed');
    assert.deepEqual(res.body.serviceCIDRs, ['10.1.0.0/16', 'fd12:b5e0:383f::/112']);
    assert.deepEqual(res.body.podCIDRs, ['10.0.0.0/16', 'fd12:b5e0:383e::/56']);
    assert.deepEqual(res.body.nodeCIDRMaskSize, { IPv4: 24, IPv6: 64 });
    assert.equal(res.body.serviceNodePortRange, '30000-32767');
    assert.equal(res.body.maxPodsPerNode, 110);
    assert.equal(res.body.dnsServiceIP, '10.1.0.10');
    const got = await t.http.get('/v1/clusters/seed').set(...bearer(a.viewer));
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, res.body);
    const dup = await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .send({ name: 'seed', serviceCIDRs: ['10.2.0.0/16'] });
    assert.equal(dup.status, 409);
  });

  it('creates the IPv6-primary shape over GraphQL and reads it back the same as REST', async () => {
    const r = await gql(
      t,
      a.admin,
      `mutation($i: ClusterInput!) { createCluster(input: $i) { name serviceCIDRs dnsServiceIP nodeCIDRMaskSize { IPv4 IPv6 } } }`,
      {
        i: {
          name: 'v6v4',
          serviceCIDRs: ['fd00:10::/112', '10.96.0.0/12'],
          podCIDRs: ['fd00:20::/56', '10.244.0.0/16'],
        },
      },
    );
    assert.equal(gqlCode(r), 200, JSON.stringify(r.errors));
    const rest = await t.http.get('/v1/clusters/v6v4').set(...bearer(a.viewer));
    const g = r.data!.createCluster as Record<string, unknown>;
    assert.deepEqual(g.serviceCIDRs, rest.body.serviceCIDRs);
    assert.equal(g.dnsServiceIP, rest.body.dnsServiceIP);
    assert.equal(rest.body.dnsServiceIP, 'fd00:10::a');
    const list = await gql(t, a.viewer, '{ clusters { items { name } } }');
    assert.deepEqual(
      (list.data!.clusters as { items: { name: string }[] }).items.map((c) => c.name),
      ['seed', 'v6v4'],
    );
  });

  it('warns, not fails, when a service CIDR overlaps a pod CIDR', async () => {
    const res = await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .send({ name: 'overlap', serviceCIDRs: ['10.0.0.0/16'], podCIDRs: ['10.0.0.0/12'] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const warning = String(res.headers.warning ?? '');
    assert.match(warning, /^299 - ".*10\.0\.0\.0\/16.*"/);
  });

  it('answers hostile input with a 4xx Status naming the field, never a 5xx', async () => {
    const base = { name: 'hostile', serviceCIDRs: ['10.1.0.0/16'] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, serviceCIDRs: ['10.1.0.0/33'] }, 'serviceCIDRs[0]'],
      [{ ...base, serviceCIDRs: ['fd12::/129'] }, 'serviceCIDRs[0]'],
      [{ ...base, serviceCIDRs: ['10.1.0.0/16', '10.2.0.0/16'] }, 'serviceCIDRs'],
      [{ ...base, serviceCIDRs: ['010.1.0.0/16'] }, 'serviceCIDRs[0]'],
      [{ ...base, serviceCIDRs: ['10.1.0.1/16'] }, 'serviceCIDRs[0]'],
      [{ ...base, serviceCIDRs: [] }, 'serviceCIDRs'],
      [{ ...base, serviceCIDRs: ['10.1.0.0/16', 'fd00::/112', '10.3.0.0/16'] }, 'serviceCIDRs'],
      [{ ...base, serviceCIDRs: ['1'.repeat(100_000)] }, 'serviceCIDRs[0]'],
      [{ ...base, serviceCIDRs: ['١٠.1.0.0/16'] }, 'serviceCIDRs[0]'],
      [{ ...base, serviceCIDRs: '10.1.0.0/16' }, 'serviceCIDRs'],
      [{ ...base, serviceCIDRs: [42] }, 'serviceCIDRs[0]'],
      [{ ...base, maxPodsPerNode: '110' }, 'maxPodsPerNode'],
      [{ ...base, maxPodsPerNode: -1 }, 'maxPodsPerNode'],
      [{ ...base, serviceNodePortRange: '32767-30000' }, 'serviceNodePortRange'],
      [{ ...base, kubernetesVersion: '1.99' }, 'kubernetesVersion'],
      [{ ...base, kubernetesVersion: '1.33', serviceCIDRs: ['10.0.0.0/8'] }, 'serviceCIDRs[0]'],
      [{ ...base, name: 'Not_A_Label' }, 'name'],
      [{ serviceCIDRs: ['10.1.0.0/16'] }, 'name'],
      [{ ...base, podCIDRs: ['10.0.0.0/16'], nodeCIDRMaskSize: { IPv4: 8 } }, 'nodeCIDRMaskSize'],
      [{ ...base, unknownField: true }, 'unknownField'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http
        .post('/v1/clusters')
        .set(...bearer(a.admin))
        .send(body);
      const label = JSON.stringify(body).slice(0, 80);
      assert.ok(res.status >= 400 && res.status < 500, `${label}: ${res.status}`);
      assert.equal(res.body.kind, 'Status', label);
      const fields = (res.body.details?.causes ?? []).map((c: { field: string }) => c.field);
      assert.ok(
        fields.some((f: string) => f.startsWith(field)),
        `${label}: ${JSON.stringify(res.body)}`,
      );
    }
    const big = await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) }));
    assert.equal(big.status, 413);
    assert.equal(big.body.kind, 'Status');
    const garbage = await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .set('content-type', 'application/json')
      .send('{"name": [');
    assert.equal(garbage.status, 400);
    const proto = await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .set('content-type', 'application/json')
      .send('{"__proto__": {"x": 1}, "name": "p", "serviceCIDRs": ["10.9.0.0/16"]}');
    assert.equal(proto.status, 400);
    const wrongType = await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .set('content-type', 'text/plain')
      .send('name: x');
    assert.equal(wrongType.status, 415);
    assert.equal((await t.http.get('/v1/clusters/hostile').set(...bearer(a.admin))).status, 404);
  });

  it('PATCH adds and removes the secondary family, never changes the primary', async () => {
    await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .send({ name: 'grow', serviceCIDRs: ['10.5.0.0/16'], podCIDRs: ['10.6.0.0/16'] });
    const add = await t.http
      .patch('/v1/clusters/grow')
      .set(...bearer(a.admin))
      .send({
        serviceCIDRs: ['10.5.0.0/16', 'fd05::/112'],
        podCIDRs: ['10.6.0.0/16', 'fd06::/56'],
      });
    assert.equal(add.status, 200, JSON.stringify(add.body));
    assert.deepEqual(add.body.serviceCIDRs, ['10.5.0.0/16', 'fd05::/112']);
    const swap = await t.http
      .patch('/v1/clusters/grow')
      .set(...bearer(a.admin))
      .send({ serviceCIDRs: ['fd05::/112', '10.5.0.0/16'] });
    assert.equal(swap.status, 422);
    const remove = await t.http
      .patch('/v1/clusters/grow')
      .set(...bearer(a.admin))
      .send({ serviceCIDRs: ['10.5.0.0/16'], podCIDRs: ['10.6.0.0/16'] });
    assert.equal(remove.status, 200, JSON.stringify(remove.body));
    assert.deepEqual(remove.body.serviceCIDRs, ['10.5.0.0/16']);
    const viaGql = await gql(
      t,
      a.admin,
      'mutation { updateCluster(name: "grow", patch: { maxPodsPerNode: 64 }) { maxPodsPerNode } }',
    );
    assert.equal((viaGql.data!.updateCluster as { maxPodsPerNode: number }).maxPodsPerNode, 64);
  });

  it('keeps tenants apart: another tenant sees 404, lists only its own', async () => {
    assert.equal((await t.http.get('/v1/clusters/seed').set(...bearer(b.admin))).status, 404);
    assert.equal(
      (
        await t.http
          .patch('/v1/clusters/seed')
          .set(...bearer(b.admin))
          .send({ maxPodsPerNode: 10 })
      ).status,
      404,
    );
    assert.equal((await t.http.delete('/v1/clusters/seed').set(...bearer(b.admin))).status, 404);
    assert.deepEqual((await t.http.get('/v1/clusters').set(...bearer(b.admin))).body.items, []);
    const g = await gql(t, b.admin, '{ cluster(name: "seed") { name } }');
    assert.equal(gqlCode(g), 404);
  });

  it('enforces roles: viewer reads, only admin writes', async () => {
    assert.equal(
      (
        await t.http
          .post('/v1/clusters')
          .set(...bearer(a.viewer))
          .send({ name: 'v', serviceCIDRs: ['10.7.0.0/16'] })
      ).status,
      403,
    );
    assert.equal(
      (
        await t.http
          .post('/v1/clusters')
          .set(...bearer(a.planner))
          .send({ name: 'v', serviceCIDRs: ['10.7.0.0/16'] })
      ).status,
      403,
    );
    assert.equal((await t.http.get('/v1/clusters').set(...bearer(a.revoked))).status, 401);
    assert.equal((await t.http.get('/v1/clusters')).status, 401);
    const g = await gql(t, a.viewer, 'mutation { deleteCluster(name: "seed") { name } }');
    assert.equal(gqlCode(g), 403);
    assert.equal(gqlCode(await gql(t, null, '{ clusters { items { name } } }')), 401);
  });

  it('deletes a cluster', async () => {
    const res = await t.http.delete('/v1/clusters/overlap').set(...bearer(a.admin));
    assert.equal(res.status, 200);
    assert.equal((await t.http.get('/v1/clusters/overlap').set(...bearer(a.admin))).status, 404);
  });
});
