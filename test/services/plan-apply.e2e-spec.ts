/** POST /plan, /apply and /import, and their GraphQL twins. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { createCluster, nginxJson, nginxYaml, SEED_CIDRS, yamlType } from './support';

describe('plan, apply and import', () => {
  let t: TestApp;
  let tenant: TestTenant;
  before(async () => {
    t = await startTestApp();
    tenant = await t.tenant();
    await createCluster(t, tenant, 'pa', SEED_CIDRS);
  });
  after(async () => t.close());

  const send = (
    path: string,
    body: string | object,
    token: string,
    yaml = typeof body === 'string',
  ) => {
    const req = t.http.post(`/v1/clusters/pa/${path}`).set(...bearer(token));
    return (yaml ? req.set(...yamlType) : req).send(body);
  };
  const get = (name: string, ns = 'default') =>
    t.http.get(`/v1/clusters/pa/namespaces/${ns}/services/${name}`).set(...bearer(tenant.viewer));
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n';

  it('plans multi-document YAML item by item, reporting non-Services per item; nothing is stored', async () => {
    const body = [
      nginxYaml({ name: 'm1' }),
      configMap,
      nginxYaml({ name: 'm2', type: 'NodePort' }),
    ].join('---\n');
    const res = await send('plan', body, tenant.viewer);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [a, b, c] = res.body.items;
    assert.equal(res.body.items.length, 3);
    assert.deepEqual([a.index, b.index, c.index], [0, 1, 2]);
    assert.equal(a.action, 'create');
    assert.equal(a.error, null);
    assert.equal(b.action, null);
    assert.equal(b.service, null);
    assert.equal(b.error.code, 400);
    assert.match(b.error.message, /ConfigMap/);
    assert.equal(c.service.spec.type, 'NodePort');
    assert.ok(c.service.spec.ports[0].nodePort >= 30000);
    assert.ok(
      a.service.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'].endsWith(
        '\n',
      ),
    );
    assert.ok(a.explanation.some((d: { step: string }) => d.step === 'apply'));
    assert.equal((await get('m1')).status, 404);
    assert.equal((await get('m2')).status, 404);
  });

  it('plans a JSON List; items see each other (the second Service asking for one IP fails)', async () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        nginxJson({ name: 'same-a', clusterIP: '10.1.5.5' }),
        nginxJson({ name: 'same-b', clusterIP: '10.1.5.5' }),
      ],
    };
    const res = await send('plan', list, tenant.viewer);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.items[0].error, null);
    assert.equal(res.body.items[0].service.spec.clusterIP, '10.1.5.5');
    assert.equal(
      res.body.items[1].error.message,
      'Service "same-b" is invalid: spec.clusterIPs: Invalid value: []string{"10.1.5.5"}: failed to allocate IP 10.1.5.5: provided IP is already allocated',
    );
    // The plan reserved nothing.
    const alone = await send(
      'plan',
      nginxYaml({ name: 'same-b', clusterIP: '10.1.5.5' }),
      tenant.viewer,
    );
    assert.equal(alone.body.items[0].error, null);
    assert.equal((await get('same-a')).status, 404);
  });

  it('reports unknown fields as item warnings and Warning headers', async () => {
    const res = await send('plan', nginxYaml({ name: 'warn' }) + '  foo: bar\n', tenant.viewer);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items[0].warnings, ['unknown field "spec.foo"']);
    assert.equal(res.headers.warning, '299 - "unknown field \\"spec.foo\\""');
  });

  it('applies all documents or none (422 with every item when one fails)', async () => {
    const bad = [nginxYaml({ name: 'all-1' }), nginxYaml({ name: 'all-2', policy: 'Bogus' })].join(
      '---\n',
    );
    const failed = await send('apply', bad, tenant.planner);
    assert.equal(failed.status, 422, JSON.stringify(failed.body));
    assert.equal(failed.body.items[0].error, null);
    assert.equal(failed.body.items[1].error.reason, 'Invalid');
    assert.match(
      failed.body.items[1].error.message,
      /spec\.ipFamilyPolicy: Unsupported value: "Bogus"/,
    );
    assert.equal((await get('all-1')).status, 404);
    const withConfigMap = await send(
      'apply',
      [nginxYaml({ name: 'all-1' }), configMap].join('---\n'),
      tenant.planner,
    );
    assert.equal(withConfigMap.status, 422);
    assert.equal((await get('all-1')).status, 404);
    const good = await send(
      'apply',
      [nginxYaml({ name: 'all-1' }), nginxYaml({ name: 'all-2', namespace: 'web' })].join('---\n'),
      tenant.planner,
    );
    assert.equal(good.status, 200, JSON.stringify(good.body));
    assert.equal((await get('all-1')).status, 200);
    assert.equal((await get('all-2', 'web')).status, 200);
  });

  it('updates with the three-way merge, and reports unchanged re-applies', async () => {
    const first = await send(
      'apply',
      nginxYaml({ name: 'merge', type: 'NodePort' }),
      tenant.planner,
    );
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const nodePort = first.body.items[0].service.spec.ports[0].nodePort;
    const same = await send(
      'apply',
      nginxYaml({ name: 'merge', type: 'NodePort' }),
      tenant.planner,
    );
    assert.equal(same.body.items[0].action, 'unchanged');
    const ports = [
      { port: 80, targetPort: 80, protocol: 'TCP', name: 'http' },
      { port: 443, targetPort: 8443, protocol: 'TCP', name: 'https' },
    ];
    const planned = await send(
      'plan',
      nginxYaml({ name: 'merge', type: 'NodePort', ports }),
      tenant.viewer,
    );
    assert.equal(planned.body.items[0].action, 'update');
    const changed = await send(
      'apply',
      nginxYaml({ name: 'merge', type: 'NodePort', ports }),
      tenant.planner,
    );
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const svc = changed.body.items[0].service;
    assert.equal(changed.body.items[0].action, 'update');
    assert.equal(svc.spec.ports.length, 2);
    assert.equal(svc.spec.ports[0].nodePort, nodePort, 'the kept port keeps its nodePort');
    assert.equal((await get('merge')).body.spec.ports.length, 2);
    // Dropping the port from the manifest deletes it (it was in the last-applied configuration).
    const back = await send(
      'apply',
      nginxYaml({ name: 'merge', type: 'NodePort' }),
      tenant.planner,
    );
    assert.equal(back.body.items[0].service.spec.ports.length, 1);
  });

  it('warns when applying over an object kubectl apply did not create', async () => {
    await t.http
      .post('/v1/clusters/pa/namespaces/default/services')
      .set(...bearer(tenant.planner))
      .send(nginxJson({ name: 'created' }));
    const res = await send('plan', nginxYaml({ name: 'created' }), tenant.viewer);
    assert.match(
      res.body.items[0].warnings[0],
      /is missing the kubectl.kubernetes.io\/last-applied-configuration annotation/,
    );
  });

  it('imports live state as given, reserving addresses and ports, with misfits as warnings', async () => {
    const live = (name: string, spec: Record<string, unknown>, ns = 'prod') => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name,
        namespace: ns,
        uid: '2b0f3c51-0d4e-4c1b-9d1e-3f6b2a0c9e11',
        resourceVersion: '991',
        creationTimestamp: '2023-01-02T03:04:05Z',
      },
      spec,
      status: { loadBalancer: {} },
    });
    const body = {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: '' },
      items: [
        live('api', {
          clusterIP: '10.1.9.9',
          clusterIPs: ['10.1.9.9'],
          ports: [{ port: 80, nodePort: 30123, protocol: 'TCP' }],
          type: 'NodePort',
        }),
        live('outside', { clusterIP: '192.168.0.5', ports: [{ port: 80 }] }),
        live('clash', { clusterIP: '10.1.0.10', clusterIPs: ['10.1.0.10'], ports: [{ port: 53 }] }),
      ],
    };
    const res = await send('import', body, tenant.planner);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.imported, 3);
    assert.equal(res.body.warnings.length, 2, JSON.stringify(res.body.warnings));
    assert.match(res.body.warnings[0], /^prod\/outside: clusterIP 192\.168\.0\.5 /);
    assert.match(res.body.warnings[1], /^prod\/clash: clusterIP 10\.1\.0\.10 is already allocated/);
    const api = await get('api', 'prod');
    assert.equal(api.status, 200);
    assert.equal(api.body.spec.sessionAffinity, undefined, 'no defaulting on import');
    assert.equal(api.body.metadata.creationTimestamp, '2023-01-02T03:04:05Z');
    // Its address and node port are reserved.
    const taken = await send(
      'plan',
      nginxYaml({ name: 'x', clusterIP: '10.1.9.9' }),
      tenant.viewer,
    );
    assert.match(taken.body.items[0].error.message, /provided IP is already allocated/);
    const port = await send(
      'plan',
      nginxYaml({ name: 'x', type: 'NodePort', ports: [{ port: 80, nodePort: 30123 }] }),
      tenant.viewer,
    );
    assert.match(
      port.body.items[0].error.message,
      /spec\.ports\[0\]\.nodePort: Invalid value: 30123: provided port is already allocated/,
    );
    // Re-importing replaces the object and its reservations.
    const again = await send(
      'import',
      { ...body, items: [live('api', { clusterIP: '10.1.9.8', ports: [{ port: 80 }] })] },
      tenant.planner,
    );
    assert.equal(again.body.imported, 1);
    assert.deepEqual(again.body.warnings, []);
    assert.equal((await get('api', 'prod')).body.spec.clusterIP, '10.1.9.8');
    const freed = await send(
      'plan',
      nginxYaml({ name: 'x', clusterIP: '10.1.9.9' }),
      tenant.viewer,
    );
    assert.equal(freed.body.items[0].error, null);
    // A later apply follows the update rules against the imported object.
    const upd = await send(
      'apply',
      { ...nginxJson({ name: 'api', namespace: 'prod', clusterIP: '10.1.9.7' }) },
      tenant.planner,
    );
    assert.equal(upd.status, 422);
    assert.match(upd.body.items[0].error.message, /may not change once set/);
    const yaml = await send(
      'import',
      nginxYaml({ name: 'from-yaml', namespace: 'prod', clusterIP: '10.1.9.6' }),
      tenant.planner,
    );
    assert.equal(yaml.body.imported, 1);
  });

  it('answers the same through GraphQL: planService, applyService, services', async () => {
    const gql = (token: string, query: string, variables: Record<string, unknown>) =>
      t.http
        .post('/graphql')
        .set(...bearer(token))
        .send({ query, variables });
    const manifest = nginxYaml({ name: 'gql', policy: 'PreferDualStack' });
    const plan = await gql(
      tenant.viewer,
      'query($c: String!, $m: String!) { planService(clusterName: $c, manifest: $m) { ok items { index action warnings error service explanation { step message } } } }',
      { c: 'pa', m: manifest },
    );
    assert.equal(plan.status, 200);
    assert.equal(plan.body.errors, undefined, JSON.stringify(plan.body.errors));
    const item = plan.body.data.planService.items[0];
    assert.equal(item.action, 'create');
    assert.deepEqual(item.service.spec.ipFamilies, ['IPv4', 'IPv6']);
    const viewerApply = await gql(
      tenant.viewer,
      'mutation($c: String!, $m: String!) { applyService(clusterName: $c, manifest: $m) { ok } }',
      { c: 'pa', m: manifest },
    );
    assert.equal(viewerApply.body.errors[0].extensions.code, 'FORBIDDEN');
    const apply = await gql(
      tenant.planner,
      'mutation($c: String!, $m: String!) { applyService(clusterName: $c, manifest: $m) { ok items { action service } } }',
      { c: 'pa', m: JSON.stringify(nginxJson({ name: 'gql' })) },
    );
    assert.equal(apply.body.data.applyService.ok, true, JSON.stringify(apply.body));
    const rest = await get('gql');
    assert.deepEqual(apply.body.data.applyService.items[0].service, rest.body);
    const page = await gql(
      tenant.viewer,
      'query($c: String!) { services(clusterName: $c, namespace: "default", limit: 2) { items continue } }',
      { c: 'pa' },
    );
    assert.equal(page.body.data.services.items.length, 2);
    assert.ok(page.body.data.services.continue);
    const missing = await gql(
      tenant.viewer,
      'query { services(clusterName: "nope") { items } }',
      {},
    );
    assert.equal(missing.body.errors[0].extensions.code, 'NOT_FOUND');
  });
});
