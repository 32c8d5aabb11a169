/**
 * Every endpoint against every kind of caller, over REST and GraphQL: no token, unknown
 * token, revoked key, viewer, planner, admin, another tenant's admin and the operator token.
 * Denials must be exactly the contract's (401 / 403 / 404 as if absent); an allowed call
 * must not be denied and must not fail with a 5xx.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATOR_TOKEN, startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { gql, gqlCode } from '../support/fixtures';

type Caller =
  'none' | 'unknown' | 'revoked' | 'viewer' | 'planner' | 'admin' | 'otherAdmin' | 'operator';
const CALLERS: Caller[] = [
  'none',
  'unknown',
  'revoked',
  'viewer',
  'planner',
  'admin',
  'otherAdmin',
  'operator',
];
type Need = 'viewer' | 'planner' | 'admin' | 'operator';
/** Whether the other tenant's admin reaches tenant A's object (404) or acts in its own tenant. */
type Scope = 'cluster' | 'own';

interface RestCase {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string | (() => Promise<string>);
  need: Need;
  scope: Scope;
  body?: () => unknown;
  contentType?: string;
}

const RANK = { viewer: 0, planner: 1, admin: 2 } as const;
const MANIFEST = JSON.stringify(
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'gql-matrix' },
    spec: { selector: { app: 'x' }, ports: [{ port: 80 }] },
  }),
);
let n = 0;
const uniq = () => `m${++n}`;
const svc = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: { app: name }, ports: [{ port: 80 }] },
});

function expected(caller: Caller, need: Need, scope: Scope): 'ok' | number {
  if (caller === 'none' || caller === 'unknown' || caller === 'revoked') return 401;
  if (need === 'operator') return caller === 'operator' ? 'ok' : 403;
  if (caller === 'operator') return 403;
  if (caller === 'otherAdmin') return scope === 'cluster' ? 404 : 'ok';
  return RANK[caller] >= RANK[need] ? 'ok' : 403;
}

describe('auth matrix: every endpoint × every caller', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  const token = (c: Caller): string | null =>
    ({
      none: null,
      unknown: 'sp_unknown-token',
      revoked: a.revoked,
      viewer: a.viewer,
      planner: a.planner,
      admin: a.admin,
      otherAdmin: b.admin,
      operator: OPERATOR_TOKEN,
    })[c];

  const mkCluster = async (name: string) => {
    const res = await t.http
      .post('/v1/clusters')
      .set('authorization', `Bearer ${a.admin}`)
      .send({
        name,
        serviceCIDRs: ['10.1.0.0/16', 'fd12:b5e0:383f::/112'],
        podCIDRs: ['10.0.0.0/16', 'fd12:b5e0:383e::/56'],
      });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  };
  const mkService = async (name: string) => {
    const res = await t.http
      .post('/v1/clusters/m/namespaces/default/services')
      .set('authorization', `Bearer ${a.admin}`)
      .send(svc(name));
    assert.equal(res.status, 201, JSON.stringify(res.body));
  };
  const mkAddress = async () => {
    const res = await t.http
      .post('/v1/clusters/m/ip-allocations')
      .set('authorization', `Bearer ${a.admin}`)
      .send({ owner: 'matrix' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return encodeURIComponent(res.body.address as string);
  };
  const mkNode = async (name: string) => {
    const res = await t.http
      .post('/v1/clusters/m/nodes')
      .set('authorization', `Bearer ${a.admin}`)
      .send({ name });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  };

  const REST: RestCase[] = [
    {
      method: 'post',
      path: '/v1/tenants',
      need: 'operator',
      scope: 'own',
      body: () => ({ name: uniq() }),
    },
    { method: 'get', path: '/v1/tenants', need: 'operator', scope: 'own' },
    {
      method: 'get',
      path: () => Promise.resolve(`/v1/tenants/${a.name}`),
      need: 'operator',
      scope: 'own',
    },
    {
      method: 'post',
      path: () => Promise.resolve(`/v1/tenants/${a.name}/api-keys`),
      need: 'operator',
      scope: 'own',
      body: () => ({ role: 'viewer' }),
    },
    {
      method: 'get',
      path: () => Promise.resolve(`/v1/tenants/${a.name}/api-keys`),
      need: 'operator',
      scope: 'own',
    },
    {
      method: 'delete',
      path: async () => {
        const r = await t.http
          .post(`/v1/tenants/${a.name}/api-keys`)
          .set('authorization', `Bearer ${OPERATOR_TOKEN}`)
          .send({ role: 'viewer' });
        return `/v1/tenants/${a.name}/api-keys/${r.body.id}`;
      },
      need: 'operator',
      scope: 'own',
    },
    {
      method: 'delete',
      path: async () => {
        const name = uniq();
        await t.http
          .post('/v1/tenants')
          .set('authorization', `Bearer ${OPERATOR_TOKEN}`)
          .send({ name });
        return `/v1/tenants/${name}`;
      },
      need: 'operator',
      scope: 'own',
    },
    { method: 'get', path: '/v1/clusters', need: 'viewer', scope: 'own' },
    {
      method: 'post',
      path: '/v1/clusters',
      need: 'admin',
      scope: 'own',
      body: () => ({ name: uniq(), serviceCIDRs: ['10.9.0.0/16'] }),
    },
    { method: 'get', path: '/v1/clusters/m', need: 'viewer', scope: 'cluster' },
    {
      method: 'patch',
      path: '/v1/clusters/m',
      need: 'admin',
      scope: 'cluster',
      body: () => ({ maxPodsPerNode: 110 }),
    },
    {
      method: 'delete',
      path: async () => {
        const name = uniq();
        await mkCluster(name);
        return `/v1/clusters/${name}`;
      },
      need: 'admin',
      scope: 'cluster',
    },
    { method: 'get', path: '/v1/clusters/m/services', need: 'viewer', scope: 'cluster' },
    {
      method: 'get',
      path: '/v1/clusters/m/namespaces/default/services',
      need: 'viewer',
      scope: 'cluster',
    },
    {
      method: 'get',
      path: '/v1/clusters/m/namespaces/default/services/kubernetes',
      need: 'viewer',
      scope: 'cluster',
    },
    {
      method: 'post',
      path: '/v1/clusters/m/namespaces/default/services',
      need: 'planner',
      scope: 'cluster',
      body: () => svc(uniq()),
    },
    {
      method: 'post',
      path: '/v1/clusters/m/namespaces/default/services?dryRun=All',
      need: 'viewer',
      scope: 'cluster',
      body: () => svc(uniq()),
    },
    {
      method: 'put',
      path: async () => {
        const name = uniq();
        await mkService(name);
        return `/v1/clusters/m/namespaces/default/services/${name}`;
      },
      need: 'planner',
      scope: 'cluster',
      body: () => undefined,
    },
    {
      method: 'delete',
      path: async () => {
        const name = uniq();
        await mkService(name);
        return `/v1/clusters/m/namespaces/default/services/${name}`;
      },
      need: 'planner',
      scope: 'cluster',
    },
    {
      method: 'post',
      path: '/v1/clusters/m/plan',
      need: 'viewer',
      scope: 'cluster',
      body: () => svc(uniq()),
    },
    {
      method: 'post',
      path: '/v1/clusters/m/apply',
      need: 'planner',
      scope: 'cluster',
      body: () => svc(uniq()),
    },
    {
      method: 'post',
      path: '/v1/clusters/m/import',
      need: 'planner',
      scope: 'cluster',
      body: () => ({ apiVersion: 'v1', kind: 'List', items: [] }),
    },
    {
      method: 'post',
      path: '/v1/clusters/m/ip-allocations',
      need: 'planner',
      scope: 'cluster',
      body: () => ({ owner: 'matrix' }),
    },
    {
      method: 'post',
      path: '/v1/clusters/m/ip-allocations:bulk',
      need: 'planner',
      scope: 'cluster',
      body: () => ({ count: 2, owner: 'matrix' }),
    },
    { method: 'get', path: '/v1/clusters/m/ip-allocations', need: 'viewer', scope: 'cluster' },
    {
      method: 'delete',
      path: async () => `/v1/clusters/m/ip-allocations/${await mkAddress()}`,
      need: 'planner',
      scope: 'cluster',
    },
    {
      method: 'post',
      path: '/v1/clusters/m/nodes',
      need: 'planner',
      scope: 'cluster',
      body: () => ({ name: uniq() }),
    },
    { method: 'get', path: '/v1/clusters/m/nodes', need: 'viewer', scope: 'cluster' },
    {
      method: 'delete',
      path: async () => {
        const name = uniq();
        await mkNode(name);
        return `/v1/clusters/m/nodes/${name}`;
      },
      need: 'planner',
      scope: 'cluster',
    },
    { method: 'get', path: '/v1/clusters/m/capacity', need: 'viewer', scope: 'cluster' },
  ];

  before(async () => {
    t = await startTestApp();
    a = await t.tenant();
    b = await t.tenant();
    await mkCluster('m');
  });
  after(async () => t.close());

  for (const c of REST) {
    const label = `${c.method.toUpperCase()} ${typeof c.path === 'string' ? c.path : '(fresh object)'} needs ${c.need}`;
    it(`REST ${label}`, async () => {
      for (const caller of CALLERS) {
        const path = typeof c.path === 'string' ? c.path : await c.path();
        let req = t.http[c.method](path);
        const tok = token(caller);
        if (tok !== null) req = req.set('authorization', `Bearer ${tok}`);
        let body = c.body?.();
        if (c.method === 'put' && body === undefined) {
          const name = path.split('/').pop()!;
          const live = await t.http.get(path).set('authorization', `Bearer ${a.admin}`);
          body = {
            ...svc(name),
            metadata: { name, resourceVersion: live.body.metadata?.resourceVersion },
          };
        }
        const res = body === undefined ? await req : await req.send(body as object);
        const want = expected(caller, c.need, c.scope);
        const got = `${caller}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        if (want === 'ok') {
          assert.ok(![401, 403, 404].includes(res.status) && res.status < 500, got);
        } else {
          assert.equal(res.status, want, got);
          assert.equal(res.body.kind, 'Status', got);
          assert.equal(res.body.code, want, got);
        }
      }
    });
  }

  const GQL: { query: string; need: Need; scope: Scope }[] = [
    { query: '{ clusters { items { name } } }', need: 'viewer', scope: 'own' },
    { query: '{ cluster(name: "m") { name } }', need: 'viewer', scope: 'cluster' },
    {
      query:
        'mutation { createCluster(input: { name: "NAME", serviceCIDRs: ["10.8.0.0/16"] }) { name } }',
      need: 'admin',
      scope: 'own',
    },
    {
      query: 'mutation { updateCluster(name: "m", patch: { maxPodsPerNode: 110 }) { name } }',
      need: 'admin',
      scope: 'cluster',
    },
    {
      query: 'mutation { deleteCluster(name: "DELETABLE") { name } }',
      need: 'admin',
      scope: 'cluster',
    },
    {
      query: `{ planService(clusterName: "m", manifest: ${MANIFEST}) { items { action } } }`,
      need: 'viewer',
      scope: 'cluster',
    },
    {
      query: `mutation { applyService(clusterName: "m", manifest: ${MANIFEST}) { items { action } } }`,
      need: 'planner',
      scope: 'cluster',
    },
    { query: '{ services(clusterName: "m") { items } }', need: 'viewer', scope: 'cluster' },
    {
      query: '{ ipAllocations(clusterName: "m") { items { address } } }',
      need: 'viewer',
      scope: 'cluster',
    },
    {
      query: 'mutation { reserveIP(clusterName: "m", input: { owner: "matrix" }) { address } }',
      need: 'planner',
      scope: 'cluster',
    },
    {
      query:
        'mutation { reserveIPs(clusterName: "m", input: { count: 2, owner: "matrix" }) { address } }',
      need: 'planner',
      scope: 'cluster',
    },
    {
      query: 'mutation { releaseIP(clusterName: "m", address: "ADDRESS") { address } }',
      need: 'planner',
      scope: 'cluster',
    },
    { query: '{ nodes(clusterName: "m") { items { name } } }', need: 'viewer', scope: 'cluster' },
    {
      query: 'mutation { createNode(clusterName: "m", name: "NAME") { podCIDRs } }',
      need: 'planner',
      scope: 'cluster',
    },
    {
      query: 'mutation { deleteNode(clusterName: "m", name: "NODE") { name } }',
      need: 'planner',
      scope: 'cluster',
    },
    { query: '{ cluster(name: "m") { capacity { cluster } } }', need: 'viewer', scope: 'cluster' },
    { query: '{ capacitySummary { tightest { cluster } } }', need: 'viewer', scope: 'own' },
    {
      query: '{ whatIf(clusterName: "m", change: { addNodes: "1" }) { fits } }',
      need: 'viewer',
      scope: 'cluster',
    },
  ];

  for (const g of GQL) {
    it(`GraphQL ${g.query.slice(0, 60)} needs ${g.need}`, async () => {
      for (const caller of CALLERS) {
        let q = g.query.replace('NAME', uniq());
        if (q.includes('DELETABLE')) {
          const name = uniq();
          await mkCluster(name);
          q = q.replace('DELETABLE', name);
        }
        if (q.includes('ADDRESS')) q = q.replace('ADDRESS', decodeURIComponent(await mkAddress()));
        if (q.includes('NODE')) {
          const name = uniq();
          await mkNode(name);
          q = q.replace('NODE', name);
        }
        const r = await gql(t, token(caller), q);
        const want = expected(caller, g.need, g.scope);
        const got = `${caller}: ${JSON.stringify(r.errors ?? r.data).slice(0, 300)}`;
        if (want === 'ok') assert.equal(gqlCode(r), 200, got);
        else assert.equal(gqlCode(r), want, got);
      }
    });
  }
});
