/**
 * U+0000 can be spelled in JSON, YAML and GraphQL strings, but PostgreSQL cannot store it.
 * Every input refuses it with a 4xx naming the field, and nothing is written.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gql, gqlCode } from '../support/fixtures';
import { bearer, startTestApp, type TestApp, type TestTenant } from '../support/test-app';

describe('NUL characters in input', () => {
  let t: TestApp;
  let ten: TestTenant;
  before(async () => {
    t = await startTestApp();
    ten = await t.tenant();
    const res = await t.http
      .post('/v1/clusters')
      .set(...bearer(ten.admin))
      .send({ name: 'nul', serviceCIDRs: ['10.40.0.0/16'] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });
  after(async () => t.close());

  const allocations = async () =>
    (
      await t.http
        .get('/v1/clusters/nul/ip-allocations')
        .query({ owner: 'evil' })
        .set(...bearer(ten.viewer))
    ).body.items.length;

  it('JSON bodies: 400 naming the field, for IPAM, clusters and Services', async () => {
    const ip = await t.http
      .post('/v1/clusters/nul/ip-allocations')
      .set(...bearer(ten.planner))
      .send({ owner: 'evil', description: 'a\u0000b' });
    assert.equal(ip.status, 400);
    assert.match(ip.body.message, /description: must not contain the character U\+0000/);
    const svc = await t.http
      .post('/v1/clusters/nul/namespaces/default/services')
      .set(...bearer(ten.planner))
      .send({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'evil', labels: { ['k\u0000']: 'v' } },
        spec: { ports: [{ port: 80 }] },
      });
    assert.equal(svc.status, 400);
    assert.match(svc.body.message, /metadata\.labels\.k.*U\+0000/);
    assert.equal(await allocations(), 0);
  });

  it('YAML manifests: the item fails with 400 naming the field; apply stores nothing', async () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: evil',
      '  annotations:',
      '    note: "x\\0y"',
      'spec:',
      '  ports:',
      '  - port: 80',
    ].join('\n');
    for (const [path, token, code] of [
      ['plan', ten.viewer, 200],
      ['apply', ten.planner, 422],
    ] as const) {
      const res = await t.http
        .post(`/v1/clusters/nul/${path}`)
        .set(...bearer(token))
        .set('content-type', 'application/yaml')
        .send(yaml);
      assert.equal(res.status, code, JSON.stringify(res.body));
      const [item] = res.body.items;
      assert.equal(item.error.code, 400);
      assert.match(item.error.message, /metadata\.annotations\.note: must not contain/);
    }
    const get = await t.http
      .get('/v1/clusters/nul/namespaces/default/services/evil')
      .set(...bearer(ten.viewer));
    assert.equal(get.status, 404);
  });

  it('GraphQL string literals: 422 naming the field', async () => {
    const r = await gql(
      t,
      ten.planner,
      'mutation { reserveIP(clusterName: "nul", input: { owner: "evil\\u0000" }) { address } }',
    );
    assert.equal(gqlCode(r), 422, JSON.stringify(r.errors));
    assert.match(JSON.stringify(r.errors), /owner.*U\+0000/);
    assert.equal(await allocations(), 0);
  });
});
