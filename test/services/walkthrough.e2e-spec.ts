/**
 * The seed walkthrough (reference §11): a v1.26 cluster with `10.1.0.0/16,fd12:b5e0:383f::/112`,
 * IPv4 primary, then the same manifests on an IPv4-only cluster.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import {
  createCluster,
  inV4DynamicBand,
  inV6DynamicBand,
  nginxJson,
  nginxYaml,
  SEED_CIDRS,
  yamlType,
} from './support';

describe('seed walkthrough (reference §11)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  before(async () => {
    t = await startTestApp();
    tenant = await t.tenant();
    await createCluster(t, tenant, 'tokyo', SEED_CIDRS);
    await createCluster(t, tenant, 'osaka', ['10.1.0.0/16']);
  });
  after(async () => t.close());

  const apply = (cluster: string, yaml: string) =>
    t.http
      .post(`/v1/clusters/${cluster}/apply`)
      .set(...bearer(tenant.planner))
      .set(...yamlType)
      .send(yaml);
  const plan = (cluster: string, yaml: string) =>
    t.http
      .post(`/v1/clusters/${cluster}/plan`)
      .set(...bearer(tenant.viewer))
      .set(...yamlType)
      .send(yaml);

  describe('dual-stack cluster', () => {
    it('(a) no policy and no families: SingleStack IPv4 in the dynamic band', async () => {
      const res = await apply('tokyo', nginxYaml({ name: 'nginx-a' }));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const [item] = res.body.items;
      assert.equal(item.action, 'create');
      assert.equal(item.error, null);
      const spec = item.service.spec;
      assert.equal(spec.ipFamilyPolicy, 'SingleStack');
      assert.deepEqual(spec.ipFamilies, ['IPv4']);
      assert.equal(spec.clusterIPs.length, 1);
      assert.equal(spec.clusterIP, spec.clusterIPs[0]);
      assert.ok(inV4DynamicBand(spec.clusterIP), spec.clusterIP);
      assert.ok(item.explanation.length > 0);
    });

    it('(b) [IPv6] + SingleStack: one IPv6 address in ::101-::ffff, clusterIP equal to it', async () => {
      const res = await apply(
        'tokyo',
        nginxYaml({ name: 'nginx-b', policy: 'SingleStack', families: ['IPv6'] }),
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const spec = res.body.items[0].service.spec;
      assert.equal(spec.ipFamilyPolicy, 'SingleStack');
      assert.deepEqual(spec.ipFamilies, ['IPv6']);
      assert.equal(spec.clusterIPs.length, 1);
      assert.equal(spec.clusterIP, spec.clusterIPs[0]);
      assert.ok(inV6DynamicBand(spec.clusterIP), spec.clusterIP);
    });

    for (const policy of ['PreferDualStack', 'RequireDualStack']) {
      it(`(${policy === 'PreferDualStack' ? 'c' : 'd'}) [IPv4, IPv6] + ${policy}: two addresses, IPv4 first`, async () => {
        const name = `nginx-${policy.toLowerCase()}`;
        const res = await apply('tokyo', nginxYaml({ name, policy, families: ['IPv4', 'IPv6'] }));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        const spec = res.body.items[0].service.spec;
        assert.equal(spec.ipFamilyPolicy, policy);
        assert.deepEqual(spec.ipFamilies, ['IPv4', 'IPv6']);
        assert.equal(spec.clusterIPs.length, 2);
        assert.ok(inV4DynamicBand(spec.clusterIPs[0]), spec.clusterIPs[0]);
        assert.ok(inV6DynamicBand(spec.clusterIPs[1]), spec.clusterIPs[1]);
        assert.equal(spec.clusterIP, spec.clusterIPs[0]);
      });
    }

    it('(e) re-applying without policy or families keeps PreferDualStack and both IPs', async () => {
      const first = await apply(
        'tokyo',
        nginxYaml({ name: 'nginx-e', policy: 'PreferDualStack', families: ['IPv4', 'IPv6'] }),
      );
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const before = first.body.items[0].service.spec;
      const planned = await plan('tokyo', nginxYaml({ name: 'nginx-e' }));
      assert.equal(planned.status, 200);
      assert.equal(planned.body.items[0].error, null);
      assert.deepEqual(planned.body.items[0].service.spec.clusterIPs, before.clusterIPs);
      const again = await apply('tokyo', nginxYaml({ name: 'nginx-e' }));
      assert.equal(again.status, 200, JSON.stringify(again.body));
      const spec = again.body.items[0].service.spec;
      assert.equal(spec.ipFamilyPolicy, 'PreferDualStack');
      assert.deepEqual(spec.ipFamilies, ['IPv4', 'IPv6']);
      assert.deepEqual(spec.clusterIPs, before.clusterIPs);
      const got = await t.http
        .get('/v1/clusters/tokyo/namespaces/default/services/nginx-e')
        .set(...bearer(tenant.viewer));
      assert.deepEqual(got.body.spec.clusterIPs, before.clusterIPs);
      assert.equal(got.body.spec.ipFamilyPolicy, 'PreferDualStack');
    });

    it('a PUT that omits policy, families and IPs is identical to (e); its variants fail or downgrade as §11 says', async () => {
      const path = '/v1/clusters/tokyo/namespaces/default/services/nginx-put';
      const created = await t.http
        .post('/v1/clusters/tokyo/namespaces/default/services')
        .set(...bearer(tenant.planner))
        .send(
          nginxJson({ name: 'nginx-put', policy: 'PreferDualStack', families: ['IPv4', 'IPv6'] }),
        );
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const ips: string[] = created.body.spec.clusterIPs;
      const put = await t.http
        .put(path)
        .set(...bearer(tenant.planner))
        .send(nginxJson({ name: 'nginx-put' }));
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.spec.ipFamilyPolicy, 'PreferDualStack');
      assert.deepEqual(put.body.spec.ipFamilies, ['IPv4', 'IPv6']);
      assert.deepEqual(put.body.spec.clusterIPs, ips);

      const onlyPrimary = await t.http
        .put(path)
        .set(...bearer(tenant.planner))
        .send(nginxJson({ name: 'nginx-put', clusterIP: ips[0], clusterIPs: [ips[0]!] }));
      assert.equal(onlyPrimary.status, 422);
      assert.equal(
        onlyPrimary.body.message,
        `Service "nginx-put" is invalid: spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be 'SingleStack' to release the secondary cluster IP`,
      );
      const onlyFamily = await t.http
        .put(path)
        .set(...bearer(tenant.planner))
        .send(nginxJson({ name: 'nginx-put', families: ['IPv4'] }));
      assert.equal(onlyFamily.status, 422);
      assert.equal(
        onlyFamily.body.message,
        `Service "nginx-put" is invalid: spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be 'SingleStack' to release the secondary IP family`,
      );
      const down = await t.http
        .put(path)
        .set(...bearer(tenant.planner))
        .send(nginxJson({ name: 'nginx-put', policy: 'SingleStack' }));
      assert.equal(down.status, 200, JSON.stringify(down.body));
      assert.deepEqual(down.body.spec.ipFamilies, ['IPv4']);
      assert.deepEqual(down.body.spec.clusterIPs, [ips[0]]);
      // The released IPv6 address can be requested again.
      const reuse = await plan(
        'tokyo',
        nginxYaml({
          name: 'reuse-v6',
          policy: 'SingleStack',
          families: ['IPv6'],
          clusterIP: ips[1]!,
        }),
      );
      assert.equal(reuse.body.items[0].error, null, JSON.stringify(reuse.body.items[0].error));
    });
  });

  describe('IPv4-only cluster: the exact errors of §11', () => {
    it('(a) SingleStack [IPv4]', async () => {
      const res = await apply('osaka', nginxYaml());
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.items[0].service.spec.ipFamilyPolicy, 'SingleStack');
      assert.deepEqual(res.body.items[0].service.spec.ipFamilies, ['IPv4']);
    });

    const cases: Array<[string, Parameters<typeof nginxYaml>[0], string, Array<[string, string]>]> =
      [
        [
          '(b)',
          { name: 'nginx', policy: 'SingleStack', families: ['IPv6'] },
          'spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster',
          [['spec.ipFamilies[0]', 'FieldValueInvalid']],
        ],
        [
          '(c)',
          { name: 'nginx', policy: 'PreferDualStack', families: ['IPv4', 'IPv6'] },
          'spec.ipFamilies[1]: Invalid value: "IPv6": not configured on this cluster',
          [['spec.ipFamilies[1]', 'FieldValueInvalid']],
        ],
        [
          '(d)',
          { name: 'nginx', policy: 'RequireDualStack', families: ['IPv4', 'IPv6'] },
          '[spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services, spec.ipFamilies[1]: Invalid value: "IPv6": not configured on this cluster]',
          [
            ['spec.ipFamilyPolicy', 'FieldValueInvalid'],
            ['spec.ipFamilies[1]', 'FieldValueInvalid'],
          ],
        ],
      ];
    for (const [label, manifest, message, causes] of cases) {
      it(`${label} ${message.slice(0, 60)}…`, async () => {
        for (const res of [
          await plan('osaka', nginxYaml({ ...manifest, name: 'nginx-new' })),
          await t.http
            .post('/v1/clusters/osaka/namespaces/default/services')
            .set(...bearer(tenant.planner))
            .send(nginxJson({ ...manifest, name: 'nginx-new' })),
        ]) {
          const status = res.body.items ? res.body.items[0].error : res.body;
          assert.equal(status.kind, 'Status');
          assert.equal(status.code, 422);
          assert.equal(status.reason, 'Invalid');
          assert.equal(status.message, `Service "nginx-new" is invalid: ${message}`);
          assert.deepEqual(
            status.details.causes.map((c: { field: string; reason: string }) => [
              c.field,
              c.reason,
            ]),
            causes,
          );
        }
      });
    }

    it('(c) without families gives PreferDualStack [IPv4]; (e) it stays so on re-apply', async () => {
      const res = await apply('osaka', nginxYaml({ name: 'prefer', policy: 'PreferDualStack' }));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const spec = res.body.items[0].service.spec;
      assert.equal(spec.ipFamilyPolicy, 'PreferDualStack');
      assert.deepEqual(spec.ipFamilies, ['IPv4']);
      const again = await apply('osaka', nginxYaml({ name: 'prefer', policy: 'PreferDualStack' }));
      assert.equal(again.body.items[0].action, 'unchanged');
      assert.deepEqual(again.body.items[0].service.spec.clusterIPs, spec.clusterIPs);
    });
  });
});
