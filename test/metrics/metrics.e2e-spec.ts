import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/configure-app';
import { parseConfig } from '../../src/platform/config/app-config';
import { SEED_CLUSTER } from '../support/fixtures';
import {
  bearer,
  OPERATOR_TOKEN,
  startTestApp,
  type TestApp,
  type TestTenant,
} from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { value } from './prometheus-text';

const IPS = 'stackplan_clusterip_allocator_allocated_ips';
const FREE_IPS = 'stackplan_clusterip_allocator_available_ips';

describe('/metrics', () => {
  let t: TestApp;
  let a: TestTenant;
  const scrape = async (app = t) => {
    const res = await app.http.get('/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^text\/plain; version=0\.0\.4/);
    return res.text;
  };

  before(async () => {
    t = await startTestApp();
    a = await t.tenant();
    const res = await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .send(SEED_CLUSTER);
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });
  after(async () => t.close());

  it('exports allocator gauges per tenant, cluster, CIDR and band, equal to the capacity report', async () => {
    for (const address of ['fd12:b5e0:383f::5', 'fd12:b5e0:383f::ff00']) {
      const r = await t.http
        .post('/v1/clusters/tokyo-prod/ip-allocations')
        .set(...bearer(a.planner))
        .send({ family: 'IPv6', address, owner: 'metrics' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    const node = await t.http
      .post('/v1/clusters/tokyo-prod/nodes')
      .set(...bearer(a.planner))
      .send({ name: 'node-1' });
    assert.equal(node.status, 201, JSON.stringify(node.body));
    const cap = (await t.http.get('/v1/clusters/tokyo-prod/capacity').set(...bearer(a.viewer)))
      .body;
    const text = await scrape();
    const base = { tenant: a.name, cluster: 'tokyo-prod' };
    for (const [i, cidr] of SEED_CLUSTER.serviceCIDRs.entries()) {
      for (const scope of ['static', 'dynamic']) {
        const labels = { ...base, cidr, scope };
        assert.equal(
          value(text, IPS, labels),
          Number(cap.serviceCIDRs[i][scope].allocated),
          `${cidr} ${scope}`,
        );
        assert.equal(
          value(text, FREE_IPS, labels),
          Number(cap.serviceCIDRs[i][scope].free),
          `${cidr} ${scope}`,
        );
      }
    }
    // default/kubernetes and kube-dns sit in the IPv4 static band; one IPv6 address in each band.
    assert.equal(value(text, IPS, { ...base, cidr: '10.1.0.0/16', scope: 'static' }), 2);
    assert.equal(value(text, IPS, { ...base, cidr: 'fd12:b5e0:383f::/112', scope: 'static' }), 1);
    assert.equal(value(text, IPS, { ...base, cidr: 'fd12:b5e0:383f::/112', scope: 'dynamic' }), 1);
    assert.equal(
      value(text, 'stackplan_clusterip_allocator_allocation_total', {
        ...base,
        cidr: 'fd12:b5e0:383f::/112',
        scope: 'dynamic',
      }),
      1,
    );
    assert.equal(
      value(text, 'stackplan_clusterip_allocator_allocation_total', {
        ...base,
        cidr: '10.1.0.0/16',
        scope: 'static',
      }),
      2,
    );
    assert.equal(
      value(text, 'stackplan_nodeport_allocator_available_ports', { ...base, scope: 'dynamic' }),
      2768,
    );
    assert.equal(
      value(text, 'stackplan_nodeport_allocator_allocated_ports', { ...base, scope: 'static' }),
      0,
    );
    for (const cidr of SEED_CLUSTER.podCIDRs) {
      assert.equal(value(text, 'stackplan_node_cidrs_allocated', { ...base, cidr }), 1, cidr);
      assert.equal(value(text, 'stackplan_node_cidrs_available', { ...base, cidr }), 255, cidr);
    }
    assert.equal(
      value(text, 'stackplan_capacity_range_utilization_ratio', {
        ...base,
        range: 'serviceCIDR 10.1.0.0/16',
      }),
      cap.ranges[0].utilization,
    );
  });

  it('times HTTP requests by method, route pattern and status', async () => {
    await t.http.get('/v1/clusters/tokyo-prod/capacity').set(...bearer(a.viewer));
    await t.http.get('/v1/clusters/absent/capacity').set(...bearer(a.viewer));
    await t.http.get('/no/such/route');
    const text = await scrape();
    const route = '/v1/clusters/:cluster/capacity';
    const ok = value(text, 'stackplan_http_request_duration_seconds_count', {
      method: 'GET',
      route,
      status: '200',
    });
    assert.ok(ok !== undefined && ok >= 1, String(ok));
    assert.equal(
      value(text, 'stackplan_http_request_duration_seconds_count', {
        method: 'GET',
        route,
        status: '404',
      }),
      1,
    );
    assert.ok(
      value(text, 'stackplan_http_request_duration_seconds_count', {
        route: 'unmatched',
        status: '404',
      })! >= 1,
    );
    assert.ok(
      value(text, 'stackplan_http_request_duration_seconds_bucket', {
        method: 'GET',
        route,
        status: '200',
        le: '+Inf',
      })! >= 1,
    );
  });

  it('requires the metrics token when one is configured', async () => {
    const secured = await startTestApp({ STACKPLAN_METRICS_TOKEN: 'metrics-token-0123456789' });
    try {
      assert.equal((await secured.http.get('/metrics')).status, 401);
      assert.equal((await secured.http.get('/metrics').set(...bearer('wrong-token'))).status, 401);
      assert.equal((await secured.http.get('/metrics').set(...bearer(OPERATOR_TOKEN))).status, 401);
      const ok = await secured.http.get('/metrics').set(...bearer('metrics-token-0123456789'));
      assert.equal(ok.status, 200);
      assert.match(ok.text, /# TYPE stackplan_clusterip_allocator_allocated_ips gauge/);
    } finally {
      await secured.close();
    }
  });
});

describe('/metrics after a restart on the same database', () => {
  it('reports the allocations on the first scrape of a new process', async () => {
    const db = await createTestDatabase();
    const dataDir = db.databaseUrl
      ? 'memory://'
      : mkdtempSync(join(tmpdir(), 'stackplan-metrics-'));
    const config = parseConfig({
      STACKPLAN_ADMIN_TOKEN: OPERATOR_TOKEN,
      LOG_LEVEL: 'silent',
      STACKPLAN_DATA_DIR: dataDir,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl, DATABASE_POOL_SIZE: '2' } : {}),
    });
    const op = bearer(OPERATOR_TOKEN);
    try {
      const first = await createApp(config);
      await first.getHttpAdapter().getInstance().ready();
      let before: string;
      try {
        const http = request(first.getHttpServer());
        assert.equal(
          (
            await http
              .post('/v1/tenants')
              .set(...op)
              .send({ name: 'restart' })
          ).status,
          201,
        );
        const key = (
          await http
            .post('/v1/tenants/restart/api-keys')
            .set(...op)
            .send({ role: 'admin' })
        ).body.token as string;
        assert.equal(
          (
            await http
              .post('/v1/clusters')
              .set(...bearer(key))
              .send(SEED_CLUSTER)
          ).status,
          201,
        );
        const bulk = await http
          .post('/v1/clusters/tokyo-prod/ip-allocations:bulk')
          .set(...bearer(key))
          .send({ family: 'IPv4', count: 5, owner: 'restart' });
        assert.equal(bulk.status, 201, JSON.stringify(bulk.body));
        before = (await http.get('/metrics')).text;
      } finally {
        await first.close();
      }
      const second = await createApp(config);
      await second.getHttpAdapter().getInstance().ready();
      try {
        const after = (await request(second.getHttpServer()).get('/metrics')).text;
        const labels = { tenant: 'restart', cluster: 'tokyo-prod', cidr: '10.1.0.0/16' };
        const allocated = (text: string) =>
          value(text, IPS, { ...labels, scope: 'static' })! +
          value(text, IPS, { ...labels, scope: 'dynamic' })!;
        assert.equal(allocated(before), 7);
        assert.equal(allocated(after), 7);
        for (const scope of ['static', 'dynamic']) {
          assert.equal(
            value(after, FREE_IPS, { ...labels, scope }),
            value(before, FREE_IPS, { ...labels, scope }),
          );
          assert.equal(
            value(after, 'stackplan_clusterip_allocator_allocation_total', { ...labels, scope }),
            value(before, 'stackplan_clusterip_allocator_allocation_total', { ...labels, scope }),
          );
        }
        // A new instance has its own registry: no request of the first one is counted.
        assert.equal(
          value(after, 'stackplan_http_request_duration_seconds_count', {
            method: 'POST',
            route: '/v1/tenants',
            status: '201',
          }),
          undefined,
        );
      } finally {
        await second.close();
      }
    } finally {
      await db.drop();
      if (!db.databaseUrl) rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
