/** Who may call the Service endpoints: 401 without a valid key, 403 for a weak role, 404 across tenants. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  bearer,
  OPERATOR_TOKEN,
  startTestApp,
  type TestApp,
  type TestTenant,
} from '../support/test-app';
import { createCluster, nginxYaml, yamlType } from './support';

type Method = 'get' | 'post' | 'put' | 'delete';

describe('Service endpoints: authentication, roles, tenancy', () => {
  let t: TestApp;
  let owner: TestTenant;
  let other: TestTenant;
  before(async () => {
    t = await startTestApp();
    owner = await t.tenant();
    other = await t.tenant();
    await createCluster(t, owner, 'auth', ['10.9.0.0/16']);
  });
  after(async () => t.close());

  const svc = (name: string) => nginxYaml({ name });
  /** [method, path, body, weakest role that may call it] */
  const endpoints: Array<[Method, string, string | null, 'viewer' | 'planner']> = [
    ['get', '/services', null, 'viewer'],
    ['get', '/namespaces/default/services', null, 'viewer'],
    ['get', '/namespaces/default/services/kubernetes', null, 'viewer'],
    ['post', '/namespaces/default/services?dryRun=All', svc('dry'), 'viewer'],
    ['post', '/plan', svc('planned'), 'viewer'],
    ['post', '/namespaces/default/services', svc('made'), 'planner'],
    ['put', '/namespaces/default/services/made', svc('made'), 'planner'],
    ['post', '/apply', svc('applied'), 'planner'],
    ['post', '/import', svc('imported'), 'planner'],
    ['delete', '/namespaces/default/services/made', null, 'planner'],
  ];
  const call = (
    m: Method,
    path: string,
    body: string | null,
    token: string | null,
    cluster = 'auth',
  ) => {
    let req = t.http[m](`/v1/clusters/${cluster}${path}`);
    if (token) req = req.set(...bearer(token));
    return body === null ? req : req.set(...yamlType).send(body);
  };

  it('401 without a token, with an unknown one and with a revoked one; 403 for the operator', async () => {
    for (const [m, path, body] of endpoints) {
      for (const token of [null, 'sp_not-a-real-token', owner.revoked]) {
        const res = await call(m, path, body, token);
        assert.equal(res.status, 401, `${m} ${path} ${token}`);
        assert.equal(res.body.reason, 'Unauthorized');
      }
      assert.equal(
        (await call(m, path, body, OPERATOR_TOKEN)).status,
        403,
        `${m} ${path} operator`,
      );
    }
  });

  it('403 when the role is too weak; the right role succeeds', async () => {
    for (const [m, path, body, role] of endpoints) {
      if (role === 'planner') {
        const res = await call(m, path, body, owner.viewer);
        assert.equal(res.status, 403, `${m} ${path}`);
        assert.equal(res.body.reason, 'Forbidden');
      }
      const ok = await call(m, path, body, role === 'viewer' ? owner.viewer : owner.planner);
      assert.ok(
        ok.status >= 200 && ok.status < 300,
        `${m} ${path}: ${ok.status} ${JSON.stringify(ok.body)}`,
      );
    }
    assert.equal(
      (await call('get', '/namespaces/default/services/made', null, owner.admin)).status,
      404,
    );
  });

  it("404 for another tenant's cluster, exactly as for a missing one", async () => {
    for (const [m, path, body] of endpoints) {
      const res = await call(m, path, body, other.admin);
      assert.equal(res.status, 404, `${m} ${path}`);
      assert.equal(res.body.message, 'clusters "auth" not found');
      const missing = await call(m, path, body, owner.admin, 'ghost');
      assert.equal(missing.status, 404);
    }
    const gql = await t.http
      .post('/graphql')
      .set(...bearer(other.admin))
      .send({
        query: 'query($m: String!) { planService(clusterName: "auth", manifest: $m) { ok } }',
        variables: { m: svc('x') },
      });
    assert.equal(gql.body.errors[0].extensions.code, 'NOT_FOUND');
  });
});
