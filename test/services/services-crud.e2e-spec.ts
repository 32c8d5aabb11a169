/** The Kubernetes-shaped Service endpoints: create, replace, get, list, delete, dry runs. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { createCluster, nginxJson, nginxYaml, SEED_CIDRS, yamlType } from './support';

describe('Kubernetes-shaped Service endpoints', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const base = '/v1/clusters/crud';
  before(async () => {
    t = await startTestApp();
    tenant = await t.tenant();
    await createCluster(t, tenant, 'crud', SEED_CIDRS);
  });
  after(async () => t.close());

  const post = (body: object | string, token = tenant.planner, query = '') =>
    t.http
      .post(`${base}/namespaces/default/services${query}`)
      .set(...bearer(token))
      .send(body);
  const get = (ns: string, name: string) =>
    t.http.get(`${base}/namespaces/${ns}/services/${name}`).set(...bearer(tenant.viewer));

  it('creates the control plane Services with the cluster', async () => {
    const k = await get('default', 'kubernetes');
    assert.equal(k.status, 200, JSON.stringify(k.body));
    assert.equal(k.body.apiVersion, 'v1');
    assert.equal(k.body.kind, 'Service');
    assert.deepEqual(k.body.metadata.labels, { component: 'apiserver', provider: 'kubernetes' });
    assert.equal(k.body.spec.clusterIP, '10.1.0.1');
    assert.deepEqual(k.body.spec.clusterIPs, ['10.1.0.1']);
    assert.equal(k.body.spec.ipFamilyPolicy, 'SingleStack');
    assert.deepEqual(k.body.spec.ipFamilies, ['IPv4']);
    assert.deepEqual(k.body.spec.ports, [
      { name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 },
    ]);
    assert.equal(k.body.spec.sessionAffinity, 'None');
    assert.equal(k.body.spec.selector, undefined);
    assert.equal(k.body.spec.type, 'ClusterIP');
    const dns = await get('kube-system', 'kube-dns');
    assert.equal(dns.status, 200);
    assert.equal(dns.body.spec.clusterIP, '10.1.0.10');
    assert.deepEqual(dns.body.spec.selector, { 'k8s-app': 'kube-dns' });
    assert.deepEqual(
      dns.body.spec.ports.map((p: { name: string; port: number; protocol: string }) => [
        p.name,
        p.port,
        p.protocol,
      ]),
      [
        ['dns', 53, 'UDP'],
        ['dns-tcp', 53, 'TCP'],
        ['metrics', 9153, 'TCP'],
      ],
    );
    assert.equal(dns.body.metadata.labels['k8s-app'], 'kube-dns');
  });

  it('seeds no kube-dns when dnsServiceIP is "none", and a named dnsServiceIP when given', async () => {
    await createCluster(t, tenant, 'nodns', ['10.2.0.0/24'], { dnsServiceIP: 'none' });
    const list = await t.http.get('/v1/clusters/nodns/services').set(...bearer(tenant.viewer));
    assert.deepEqual(
      list.body.items.map((s: { metadata: { name: string } }) => s.metadata.name),
      ['kubernetes'],
    );
    assert.equal(list.body.items[0].spec.clusterIP, '10.2.0.1');
    await createCluster(t, tenant, 'v6dns', ['fd00::/112'], { dnsServiceIP: 'fd00::53' });
    const dns = await t.http
      .get('/v1/clusters/v6dns/namespaces/kube-system/services/kube-dns')
      .set(...bearer(tenant.viewer));
    assert.equal(dns.body.spec.clusterIP, 'fd00::53');
    assert.deepEqual(dns.body.spec.ipFamilies, ['IPv6']);
  });

  it('creates from JSON and YAML (201), returns the stored object, refuses a duplicate (409)', async () => {
    const res = await post(nginxJson({ name: 'web' }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const svc = res.body;
    assert.match(svc.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.match(svc.metadata.resourceVersion, /^[0-9]+$/);
    assert.match(svc.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(svc.metadata.namespace, 'default');
    assert.equal(svc.spec.internalTrafficPolicy, 'Cluster');
    assert.equal(svc.spec.sessionAffinity, 'None');
    assert.deepEqual(svc.status, { loadBalancer: {} });
    assert.deepEqual((await get('default', 'web')).body, svc);

    const yaml = await t.http
      .post(`${base}/namespaces/default/services`)
      .set(...bearer(tenant.planner))
      .set(...yamlType)
      .send(nginxYaml({ name: 'web-yaml' }));
    assert.equal(yaml.status, 201, JSON.stringify(yaml.body));
    const dup = await post(nginxJson({ name: 'web' }));
    assert.equal(dup.status, 409);
    assert.equal(dup.body.reason, 'AlreadyExists');
    assert.equal(dup.body.message, 'services "web" already exists');
  });

  it('defaults kind and apiVersion from the URL, and answers kube-apiserver errors', async () => {
    const bare = nginxJson({ name: 'bare' });
    delete bare.kind;
    delete bare.apiVersion;
    assert.equal((await post(bare)).status, 201);
    const missing = await get('default', 'nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.message, 'services "nope" not found');
    assert.equal(missing.body.reason, 'NotFound');
    const pod = await post({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } });
    assert.equal(pod.status, 400);
    assert.equal(pod.body.kind, 'Status');
    const invalid = await post(nginxJson({ name: 'Bad_Name' }));
    assert.equal(invalid.status, 422);
    assert.match(
      invalid.body.message,
      /^Service "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name"/,
    );
    const taken = await post(nginxJson({ name: 'taken', clusterIP: '10.1.0.10' }));
    assert.equal(taken.status, 422);
    assert.equal(
      taken.body.message,
      'Service "taken" is invalid: spec.clusterIPs: Invalid value: []string{"10.1.0.10"}: failed to allocate IP 10.1.0.10: provided IP is already allocated',
    );
    const wrongNs = await post({ ...nginxJson({ name: 'x', namespace: 'other' }) });
    assert.equal(wrongNs.status, 400);
    assert.equal(
      wrongNs.body.message,
      'the namespace of the provided object does not match the namespace sent on the request',
    );
    const empty = await t.http
      .post(`${base}/namespaces/default/services`)
      .set(...bearer(tenant.planner))
      .set(...yamlType)
      .send('');
    assert.equal(empty.status, 400);
    const badYaml = await t.http
      .post(`${base}/namespaces/default/services`)
      .set(...bearer(tenant.planner))
      .set(...yamlType)
      .send('a: [b');
    assert.equal(badYaml.status, 400);
    assert.equal(badYaml.body.kind, 'Status');
  });

  it('sends unknown fields back as Warning headers and drops them', async () => {
    const body = nginxJson({ name: 'warned' });
    (body.spec as Record<string, unknown>).foo = 1;
    const res = await post(body);
    assert.equal(res.status, 201);
    assert.equal(res.headers.warning, '299 - "unknown field \\"spec.foo\\""');
    assert.equal(res.body.spec.foo, undefined);
  });

  it('dry runs answer in full, store and reserve nothing, and are open to viewers', async () => {
    const dry = await post(
      nginxJson({ name: 'dry', type: 'NodePort' }),
      tenant.viewer,
      '?dryRun=All',
    );
    assert.equal(dry.status, 201, JSON.stringify(dry.body));
    assert.match(dry.body.spec.clusterIP, /^10\.1\./);
    const nodePort = dry.body.spec.ports[0].nodePort;
    assert.ok(nodePort >= 30000 && nodePort <= 32767, String(nodePort));
    assert.equal((await get('default', 'dry')).status, 404);
    const real = await post(nginxJson({ name: 'dry', type: 'NodePort' }), tenant.viewer);
    assert.equal(real.status, 403);
    const bad = await post(nginxJson({ name: 'dry' }), tenant.viewer, '?dryRun=Yes');
    assert.equal(bad.status, 422);
    assert.equal(
      bad.body.message,
      'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Yes"}: supported values: "All"',
    );
    // A dry run of an address a real create holds fails as the real one would.
    const held = await post(
      nginxJson({ name: 'held', clusterIP: '10.1.0.1' }),
      tenant.viewer,
      '?dryRun=All',
    );
    assert.equal(held.status, 422);
  });

  it('replaces with optimistic concurrency: a stale resourceVersion is 409, a missing object 404', async () => {
    const created = (await post(nginxJson({ name: 'rv' }))).body;
    const path = `${base}/namespaces/default/services/rv`;
    const changed = { ...created, metadata: { ...created.metadata, labels: { tier: 'web' } } };
    const ok = await t.http
      .put(path)
      .set(...bearer(tenant.planner))
      .send(changed);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(ok.body.metadata.labels, { tier: 'web' });
    assert.notEqual(ok.body.metadata.resourceVersion, created.metadata.resourceVersion);
    assert.ok(BigInt(ok.body.metadata.resourceVersion) > BigInt(created.metadata.resourceVersion));
    assert.equal(ok.body.metadata.uid, created.metadata.uid);
    assert.equal(ok.body.metadata.creationTimestamp, created.metadata.creationTimestamp);
    const stale = await t.http
      .put(path)
      .set(...bearer(tenant.planner))
      .send(changed);
    assert.equal(stale.status, 409);
    assert.equal(stale.body.reason, 'Conflict');
    assert.equal(
      stale.body.message,
      'Operation cannot be fulfilled on services "rv": the object has been modified; please apply your changes to the latest version and try again',
    );
    const dry = await t.http
      .put(`${path}?dryRun=All`)
      .set(...bearer(tenant.viewer))
      .send({ ...ok.body, metadata: { ...ok.body.metadata, labels: {} } });
    assert.equal(dry.status, 200);
    assert.deepEqual((await get('default', 'rv')).body.metadata.labels, { tier: 'web' });
    const changedIP = await t.http
      .put(path)
      .set(...bearer(tenant.planner))
      .send({
        ...ok.body,
        spec: { ...ok.body.spec, clusterIP: '10.1.7.7', clusterIPs: ['10.1.7.7'] },
      });
    assert.equal(changedIP.status, 422);
    assert.match(
      changedIP.body.message,
      /spec\.clusterIPs\[0\]: Invalid value: \[\]string\{"10\.1\.7\.7"\}: may not change once set/,
    );
    const none = await t.http
      .put(`${base}/namespaces/default/services/ghost`)
      .set(...bearer(tenant.planner))
      .send(nginxJson({ name: 'ghost' }));
    assert.equal(none.status, 404);
    assert.equal(none.body.message, 'services "ghost" not found');
  });

  it('deletes (returning the object) and releases its address; a dry-run delete keeps it', async () => {
    const created = (await post(nginxJson({ name: 'gone', clusterIP: '10.1.0.50' }))).body;
    const path = `${base}/namespaces/default/services/gone`;
    const dry = await t.http.delete(`${path}?dryRun=All`).set(...bearer(tenant.viewer));
    assert.equal(dry.status, 200);
    assert.equal((await get('default', 'gone')).status, 200);
    assert.equal((await t.http.delete(path).set(...bearer(tenant.viewer))).status, 403);
    const del = await t.http.delete(path).set(...bearer(tenant.planner));
    assert.equal(del.status, 200);
    assert.equal(del.body.metadata.uid, created.metadata.uid);
    assert.equal((await get('default', 'gone')).status, 404);
    assert.equal((await t.http.delete(path).set(...bearer(tenant.planner))).status, 404);
    const again = await post(nginxJson({ name: 'again', clusterIP: '10.1.0.50' }));
    assert.equal(again.status, 201, JSON.stringify(again.body));
  });

  it('deleting default/kubernetes releases the first address', async () => {
    await createCluster(t, tenant, 'release', ['10.3.0.0/24']);
    const del = await t.http
      .delete('/v1/clusters/release/namespaces/default/services/kubernetes')
      .set(...bearer(tenant.planner));
    assert.equal(del.status, 200);
    const res = await t.http
      .post('/v1/clusters/release/namespaces/default/services')
      .set(...bearer(tenant.planner))
      .send(nginxJson({ name: 'first', clusterIP: '10.3.0.1' }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });

  it('lists all namespaces and one namespace, paged with limit and continue', async () => {
    for (const ns of ['team-a', 'team-b']) {
      for (const name of ['one', 'two', 'three']) {
        const res = await t.http
          .post(`${base}/namespaces/${ns}/services`)
          .set(...bearer(tenant.planner))
          .send(nginxJson({ name }));
        assert.equal(res.status, 201, JSON.stringify(res.body));
      }
    }
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const res = await t.http
        .get(`${base}/services`)
        .query({ limit: '4', ...(token ? { continue: token } : {}) })
        .set(...bearer(tenant.viewer));
      assert.equal(res.status, 200);
      assert.equal(res.body.kind, 'ServiceList');
      assert.ok(res.body.items.length <= 4);
      seen.push(
        ...res.body.items.map(
          (s: { metadata: { namespace: string; name: string } }) =>
            `${s.metadata.namespace}/${s.metadata.name}`,
        ),
      );
      token = res.body.metadata.continue;
    } while (token);
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(seen.includes('kube-system/kube-dns') && seen.includes('team-b/two'));
    const ns = await t.http.get(`${base}/namespaces/team-a/services`).set(...bearer(tenant.viewer));
    assert.deepEqual(
      ns.body.items.map((s: { metadata: { name: string } }) => s.metadata.name),
      ['one', 'three', 'two'],
    );
    const bad = await t.http.get(`${base}/services?continue=garbage`).set(...bearer(tenant.viewer));
    assert.equal(bad.status, 400);
  });
});
