import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, OPERATOR_TOKEN, startTestApp, type TestApp } from '../support/test-app';

describe('tenants and API keys (operator token)', () => {
  let t: TestApp;
  const op = bearer(OPERATOR_TOKEN);
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('creates, lists, gets by name and id, and refuses a duplicate name', async () => {
    const res = await t.http
      .post('/v1/tenants')
      .set(...op)
      .send({ name: 'acme' });
    assert.equal(res.status, 201);
    assert.equal(res.body.name, 'acme');
    assert.match(res.body.id, /^[0-9a-f-]{36}$/);
    assert.ok(!Number.isNaN(Date.parse(res.body.createdAt)));
    const dup = await t.http
      .post('/v1/tenants')
      .set(...op)
      .send({ name: 'acme' });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.reason, 'AlreadyExists');
    assert.equal((await t.http.get('/v1/tenants/acme').set(...op)).body.id, res.body.id);
    assert.equal((await t.http.get(`/v1/tenants/${res.body.id}`).set(...op)).body.name, 'acme');
    const list = await t.http.get('/v1/tenants').set(...op);
    assert.equal(list.status, 200);
    assert.ok(list.body.items.some((x: { name: string }) => x.name === 'acme'));
  });

  it('pages the list with limit and continue', async () => {
    for (const n of ['page-a', 'page-b', 'page-c'])
      await t.http
        .post('/v1/tenants')
        .set(...op)
        .send({ name: n });
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const res = await t.http
        .get('/v1/tenants')
        .query({ limit: '2', ...(token ? { continue: token } : {}) })
        .set(...op);
      assert.equal(res.status, 200);
      assert.ok(res.body.items.length <= 2);
      seen.push(...res.body.items.map((x: { name: string }) => x.name));
      token = res.body.metadata.continue;
    } while (token);
    assert.deepEqual(seen, [...seen].sort());
    for (const n of ['page-a', 'page-b', 'page-c']) assert.ok(seen.includes(n));
  });

  it('rejects bad tenant input with a 4xx naming the field', async () => {
    const cases: [unknown, number, string][] = [
      [{ name: 'Bad_Name' }, 422, 'name'],
      [{ name: '' }, 422, 'name'],
      [{}, 422, 'name'],
      [{ name: 42 }, 422, 'name'],
      [{ name: 'x'.repeat(100_000) }, 422, 'name'],
      [{ name: 'ok', extra: 1 }, 400, 'extra'],
      [[1, 2], 400, ''],
    ];
    for (const [body, code, field] of cases) {
      const res = await t.http
        .post('/v1/tenants')
        .set(...op)
        .send(body as object);
      assert.equal(res.status, code, JSON.stringify(body).slice(0, 50));
      assert.equal(res.body.kind, 'Status');
      if (field) assert.equal(res.body.details.causes[0].field, field);
    }
    const bad = await t.http
      .post('/v1/tenants')
      .set(...op)
      .set('content-type', 'application/json')
      .send('{"name":');
    assert.equal(bad.status, 400);
  });

  it('issues keys shown once, stores hashes, revokes them (401 after)', async () => {
    await t.http
      .post('/v1/tenants')
      .set(...op)
      .send({ name: 'keys' });
    const k = await t.http
      .post('/v1/tenants/keys/api-keys')
      .set(...op)
      .send({ role: 'viewer', description: 'ci' });
    assert.equal(k.status, 201);
    assert.equal(k.body.role, 'viewer');
    assert.match(k.body.token, /^sp_/);
    const list = await t.http.get('/v1/tenants/keys/api-keys').set(...op);
    assert.equal(list.body.items[0].token, undefined);
    assert.equal((await t.http.get('/v1/clusters').set(...bearer(k.body.token))).status, 200);
    const del = await t.http.delete(`/v1/tenants/keys/api-keys/${k.body.id}`).set(...op);
    assert.equal(del.status, 200);
    assert.ok(del.body.revokedAt);
    assert.equal((await t.http.get('/v1/clusters').set(...bearer(k.body.token))).status, 401);
    const badRole = await t.http
      .post('/v1/tenants/keys/api-keys')
      .set(...op)
      .send({ role: 'root' });
    assert.equal(badRole.status, 422);
    assert.equal(badRole.body.details.causes[0].field, 'role');
  });

  it('401 without or with an unknown token; 403 for tenant keys on operator endpoints', async () => {
    assert.equal((await t.http.get('/v1/tenants')).status, 401);
    assert.equal((await t.http.get('/v1/tenants').set(...bearer('nope'))).status, 401);
    const tenant = await t.tenant();
    assert.equal((await t.http.get('/v1/tenants').set(...bearer(tenant.admin))).status, 403);
    assert.equal((await t.http.get('/v1/tenants').set(...bearer(tenant.revoked))).status, 401);
    assert.equal((await t.http.get('/v1/clusters').set(...op)).status, 403);
  });

  it('pages the API keys with limit and continue, oldest first', async () => {
    await t.http
      .post('/v1/tenants')
      .set(...op)
      .send({ name: 'many-keys' });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        (
          await t.http
            .post('/v1/tenants/many-keys/api-keys')
            .set(...op)
            .send({ role: 'viewer' })
        ).body.id,
      );
    }
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const res = await t.http
        .get('/v1/tenants/many-keys/api-keys')
        .query({ limit: '2', ...(token ? { continue: token } : {}) })
        .set(...op);
      assert.equal(res.status, 200);
      assert.ok(res.body.items.length <= 2);
      seen.push(...res.body.items.map((k: { id: string }) => k.id));
      token = res.body.metadata.continue;
    } while (token);
    assert.equal(new Set(seen).size, seen.length);
    assert.deepEqual([...seen].sort(), [...made].sort());
    const bad = await t.http
      .get('/v1/tenants/many-keys/api-keys')
      .query({ continue: 'garbage' })
      .set(...op);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.details.causes[0].field, 'continue');
  });

  it('deletes a tenant and its keys stop working', async () => {
    const tenant = await t.tenant('gone');
    assert.equal((await t.http.delete('/v1/tenants/gone').set(...op)).status, 200);
    assert.equal((await t.http.get('/v1/tenants/gone').set(...op)).status, 404);
    assert.equal((await t.http.get('/v1/clusters').set(...bearer(tenant.admin))).status, 401);
  });
});
