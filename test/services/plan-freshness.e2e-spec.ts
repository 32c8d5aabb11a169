/**
 * A single-object plan reads its cluster from a per-process cache and checks, in the same
 * statement as the stored Service, that the cached definition is still current. These
 * tests pin that a plan never answers from a stale definition, sees Services stored since
 * the previous plan, and still finds the last free address of a dense band.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { nginxYaml, yamlType } from './support';

interface PlanItem {
  action: string | null;
  error: { code: number; message: string } | null;
  service: { spec: { clusterIPs?: string[]; ipFamilies?: string[] } } | null;
}

describe('single-object plans read current state', () => {
  let t: TestApp;
  let tenant: TestTenant;
  before(async () => {
    t = await startTestApp();
    tenant = await t.tenant();
  });
  after(async () => t.close());

  const createCluster = async (name: string, serviceCIDRs: string[]) => {
    const res = await t.http
      .post('/v1/clusters')
      .set(...bearer(tenant.admin))
      .send({ name, kubernetesVersion: '1.30', serviceCIDRs });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  };
  const plan = async (cluster: string, yaml: string): Promise<PlanItem> => {
    const res = await t.http
      .post(`/v1/clusters/${cluster}/plan`)
      .set(...bearer(tenant.viewer))
      .set(...yamlType)
      .send(yaml);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.items[0] as PlanItem;
  };
  const dual = nginxYaml({ name: 'web', policy: 'PreferDualStack' });

  it('follows PATCHes of the cluster made after a plan was answered', async () => {
    await createCluster('fresh', ['10.5.0.0/16']);
    const before = await plan('fresh', dual);
    assert.deepEqual(before.service?.spec.ipFamilies, ['IPv4']);
    const grow = await t.http
      .patch('/v1/clusters/fresh')
      .set(...bearer(tenant.admin))
      .send({ serviceCIDRs: ['10.5.0.0/16', 'fd05::/112'] });
    assert.equal(grow.status, 200, JSON.stringify(grow.body));
    const grown = await plan('fresh', dual);
    assert.deepEqual(grown.service?.spec.ipFamilies, ['IPv4', 'IPv6']);
    assert.match(grown.service?.spec.clusterIPs?.[1] ?? '', /^fd05::/);
    const shrink = await t.http
      .patch('/v1/clusters/fresh')
      .set(...bearer(tenant.admin))
      .send({ serviceCIDRs: ['10.5.0.0/16'] });
    assert.equal(shrink.status, 200, JSON.stringify(shrink.body));
    assert.deepEqual((await plan('fresh', dual)).service?.spec.ipFamilies, ['IPv4']);
  });

  it('follows a cluster deleted and re-created under the same name', async () => {
    await createCluster('again', ['10.6.0.0/16']);
    assert.match((await plan('again', dual)).service?.spec.clusterIPs?.[0] ?? '', /^10\.6\./);
    const del = await t.http.delete('/v1/clusters/again').set(...bearer(tenant.admin));
    assert.ok([200, 204].includes(del.status), JSON.stringify(del.body));
    const gone = await t.http
      .post('/v1/clusters/again/plan')
      .set(...bearer(tenant.viewer))
      .set(...yamlType)
      .send(dual);
    assert.equal(gone.status, 404, JSON.stringify(gone.body));
    await createCluster('again', ['10.7.0.0/16']);
    assert.match((await plan('again', dual)).service?.spec.clusterIPs?.[0] ?? '', /^10\.7\./);
  });

  it('sees a Service applied since the previous plan', async () => {
    await createCluster('seen', ['10.8.0.0/16']);
    const yaml = nginxYaml({ name: 'kept' });
    assert.equal((await plan('seen', yaml)).action, 'create');
    const applied = await t.http
      .post('/v1/clusters/seen/apply')
      .set(...bearer(tenant.planner))
      .set(...yamlType)
      .send(yaml);
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.equal((await plan('seen', yaml)).action, 'unchanged');
  });

  it('concurrent plans (sharing statements on PostgreSQL) each get their own answer', async () => {
    await createCluster('many', ['10.10.0.0/16', 'fd10::/112']);
    const stored = ['s0', 's1', 's2'];
    for (const name of stored) {
      const res = await t.http
        .post('/v1/clusters/many/apply')
        .set(...bearer(tenant.planner))
        .set(...yamlType)
        .send(nginxYaml({ name, policy: 'PreferDualStack' }));
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const names = Array.from({ length: 24 }, (_, i) => (i % 4 === 3 ? stored[i % 3]! : `n${i}`));
    const items = await Promise.all(
      names.map((name) => plan('many', nginxYaml({ name, policy: 'PreferDualStack' }))),
    );
    items.forEach((item, i) => {
      assert.equal(item.error, null, JSON.stringify(item));
      assert.equal(item.action, stored.includes(names[i]!) ? 'unchanged' : 'create');
      assert.deepEqual(item.service?.spec.ipFamilies, ['IPv4', 'IPv6']);
    });
  });

  it('answers the one free address of a nearly full upper band, from that band', async () => {
    await createCluster('dense', ['10.9.0.0/24']);
    const bulk = await t.http
      .post('/v1/clusters/dense/ip-allocations:bulk')
      .set(...bearer(tenant.planner))
      .send({ count: 237, owner: 'fill' });
    assert.equal(bulk.status, 201, JSON.stringify(bulk.body).slice(0, 300));
    const taken = new Set((bulk.body.items as Array<{ address: string }>).map((a) => a.address));
    // The upper band of a /24 is .17–.254 (238 addresses); exactly one of them is free.
    const upper = Array.from({ length: 238 }, (_, i) => `10.9.0.${17 + i}`);
    const free = upper.filter((a) => !taken.has(a));
    assert.equal(free.length, 1);
    for (let i = 0; i < 3; i++) {
      const item = await plan('dense', nginxYaml({ name: `d${i}` }));
      assert.equal(item.error, null, JSON.stringify(item));
      assert.deepEqual(item.service?.spec.clusterIPs, free);
    }
  });
});
