/**
 * Edge behaviour of every request, whatever the route: an `x-request-id` on every response
 * (a valid incoming one echoed, otherwise a generated UUID), and errors raised before any
 * handler runs (unknown route, body too large, unsupported media type, malformed JSON) as
 * Kubernetes Status objects.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, OPERATOR_TOKEN, startTestApp, type TestApp } from '../support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function assertStatus(
  res: { status: number; headers: Record<string, string>; body: unknown },
  code: number,
  reason: string,
): void {
  assert.equal(res.status, code, JSON.stringify(res.body));
  assert.match(res.headers['content-type'] ?? '', /^application\/json/);
  const s = res.body as Record<string, unknown>;
  assert.equal(s.kind, 'Status');
  assert.equal(s.apiVersion, 'v1');
  assert.equal(s.status, 'Failure');
  assert.equal(s.reason, reason);
  assert.equal(s.code, code);
  assert.equal(typeof s.message, 'string');
  assert.ok((s.message as string).length > 0);
}

describe('request ids and edge errors', () => {
  let t: TestApp;
  let viewer: string;
  before(async () => {
    t = await startTestApp();
    viewer = (await t.tenant()).viewer;
  });
  after(async () => {
    await t?.close();
  });

  it('puts x-request-id on every kind of response', async () => {
    const op = bearer(OPERATOR_TOKEN);
    const responses = [
      await t.http.get('/healthz'),
      await t.http.get('/readyz'),
      await t.http.get('/metrics'),
      await t.http.get('/openapi.json'),
      await t.http.get('/v1/tenants'),
      await t.http.get('/v1/tenants').set(...op),
      await t.http.get('/v1/tenants/nope').set(...op),
      await t.http
        .post('/v1/tenants')
        .set(...bearer(viewer))
        .send({ name: 'x' }),
      await t.http
        .post('/v1/tenants')
        .set(...op)
        .send({ name: 'Not_Valid' }),
      await t.http.get('/no/such/route'),
      await t.http
        .post('/graphql')
        .set(...bearer(viewer))
        .send({ query: '{ __typename }' }),
    ];
    const seen = new Set<string>();
    for (const [i, res] of responses.entries()) {
      const id = res.headers['x-request-id'];
      assert.match(String(id), UUID, `response ${i} (${res.status}): generated id`);
      seen.add(String(id));
    }
    assert.equal(seen.size, responses.length, 'a new id per request');
    assert.deepEqual(
      responses.map((r) => r.status),
      [200, 200, 200, 200, 401, 200, 404, 403, 422, 404, 200],
    );
  });

  it('echoes a valid incoming x-request-id and replaces an invalid one', async () => {
    for (const given of [
      'abc-123',
      'trace.42:span_7',
      'a'.repeat(128),
      '0af7651916cd43dd8448eb211c80319c',
    ]) {
      const ok = await t.http.get('/healthz').set('x-request-id', given);
      assert.equal(ok.headers['x-request-id'], given);
      const failed = await t.http.get('/v1/clusters').set('x-request-id', given);
      assert.equal(failed.status, 401);
      assert.equal(failed.headers['x-request-id'], given, 'errors carry the caller id too');
    }
    for (const bad of ['', 'has space', '<script>', 'a'.repeat(129), 'semi;colon', 'ünïcode']) {
      const res = await t.http.get('/healthz').set('x-request-id', bad);
      assert.match(
        String(res.headers['x-request-id']),
        UUID,
        `${JSON.stringify(bad)} is not echoed`,
      );
    }
  });

  it('answers an unknown route with a NotFound Status', async () => {
    for (const [method, path] of [
      ['get', '/nope'],
      ['get', '/v1'],
      ['post', '/v1/clusters/c1/unknown'],
      ['delete', '/v1/tenants'],
    ] as const) {
      const res = await t.http[method](path).set(...bearer(OPERATOR_TOKEN));
      assertStatus(res, 404, 'NotFound');
    }
  });

  it('answers a 10 MB body with a RequestEntityTooLarge Status', async () => {
    // A string: superagent would JSON-encode a Buffer.
    const big = `{"name":"${'a'.repeat(10 * 1024 * 1024 - 11)}"}`;
    assert.equal(Buffer.byteLength(big), 10 * 1024 * 1024);
    const res = await t.http
      .post('/v1/tenants')
      .set(...bearer(OPERATOR_TOKEN))
      .set('content-type', 'application/json')
      .send(big);
    assertStatus(res, 413, 'RequestEntityTooLarge');
    assert.match(String(res.headers['x-request-id']), UUID);
    const yaml = await t.http
      .post('/v1/clusters/c1/plan')
      .set(...bearer(viewer))
      .set('content-type', 'application/yaml')
      .send(big);
    assertStatus(yaml, 413, 'RequestEntityTooLarge');
  });

  it('answers an unsupported content type with an UnsupportedMediaType Status', async () => {
    for (const type of [
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
    ]) {
      const res = await t.http
        .post('/v1/tenants')
        .set(...bearer(OPERATOR_TOKEN))
        .set('content-type', type)
        .send('name=acme');
      assertStatus(res, 415, 'UnsupportedMediaType');
      assert.match(String(res.headers['x-request-id']), UUID);
    }
    for (const [i, type] of [
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
      'Application/JSON',
      'application/merge-patch+json',
    ].entries()) {
      const ok = await t.http
        .post('/v1/tenants')
        .set(...bearer(OPERATOR_TOKEN))
        .set('content-type', type)
        .send(`{"name":"json-${i}"}`);
      assert.equal(ok.status, 201, `${type} is JSON: ${JSON.stringify(ok.body)}`);
    }
  });

  it('answers malformed JSON with a BadRequest Status', async () => {
    const res = await t.http
      .post('/v1/tenants')
      .set(...bearer(OPERATOR_TOKEN))
      .set('content-type', 'application/json')
      .send('{"name": ');
    assertStatus(res, 400, 'BadRequest');
    assert.match((res.body as { message: string }).message, /invalid JSON/);
  });
});
