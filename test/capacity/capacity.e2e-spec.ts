import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Database } from '../../src/platform/database/database.service';
import { gql, gqlCode, SEED_CLUSTER } from '../support/fixtures';
import {
  bearer,
  OPERATOR_TOKEN,
  startTestApp,
  type TestApp,
  type TestTenant,
} from '../support/test-app';
import { CLUSTER_CAPACITY_QUERY, WHAT_IF_QUERY } from './capacity-queries';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Forecast fields that depend on the moment of the request. */
const TIMED = ['windowStart', 'windowEnd', 'exhaustsAt'];
const untimed = (c: Json): Json => ({
  ...c,
  forecasts: (c.forecasts as Json[]).map((f) =>
    Object.fromEntries(Object.entries(f).filter(([k]) => !TIMED.includes(k))),
  ),
});

describe('capacity over REST and GraphQL', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let sql: Database['prisma'];
  let clusterId: string;

  const rest = (token: string, path: string) => t.http.get(path).set(...bearer(token));
  const capacity = async (name = 'tokyo-prod', token = a.viewer): Promise<Json> => {
    const res = await rest(token, `/v1/clusters/${name}/capacity`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as Json;
  };
  /** Adds `n` to one counter shard, as the allocator does. */
  const count = (cluster: string, kind: string, scope: string, n: number) =>
    sql.$executeRaw`INSERT INTO allocation_counters (cluster_id, kind, scope, shard, count)
      VALUES (${cluster}::uuid, ${kind}, ${scope}, 7, ${n})
      ON CONFLICT (cluster_id, kind, scope, shard) DO UPDATE SET count = allocation_counters.count + EXCLUDED.count`;

  before(async () => {
    t = await startTestApp();
    a = await t.tenant();
    b = await t.tenant();
    sql = t.app.get(Database).prisma;
    const res = await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .send(SEED_CLUSTER);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    clusterId = res.body.id;
  });
  after(async () => t.close());

  it("reports the seed cluster's service, node-port and pod ranges exactly", async () => {
    const c = await capacity();
    assert.equal(c.cluster, 'tokyo-prod');
    const [v4, v6] = c.serviceCIDRs as Json[];
    // /16: network and broadcast are never handed out; the static band is min(max(16, 65536/16), 256).
    // default/kubernetes (10.1.0.1) and kube-system/kube-dns (10.1.0.10) sit in the static band.
    assert.deepEqual(v4, {
      family: 'IPv4',
      cidr: '10.1.0.0/16',
      size: '65536',
      usable: '65534',
      allocated: '2',
      free: '65532',
      utilization: 2 / 65534,
      static: { size: '256', allocated: '2', free: '254', utilization: 2 / 256 },
      dynamic: { size: '65278', allocated: '0', free: '65278', utilization: 0 },
    });
    // /112 on 1.26: the bitmap allocator skips only the network address.
    assert.deepEqual(v6, {
      family: 'IPv6',
      cidr: 'fd12:b5e0:383f::/112',
      size: '65536',
      usable: '65535',
      allocated: '0',
      free: '65535',
      utilization: 0,
      static: { size: '256', allocated: '0', free: '256', utilization: 0 },
      dynamic: { size: '65279', allocated: '0', free: '65279', utilization: 0 },
    });
    // 1.26 predates the node-port static band (1.28, KEP-3668).
    assert.deepEqual(c.nodePorts, {
      range: '30000-32767',
      size: '2768',
      allocated: '0',
      free: '2768',
      utilization: 0,
      static: { size: '0', allocated: '0', free: '0', utilization: 1 },
      dynamic: { size: '2768', allocated: '0', free: '2768', utilization: 0 },
    });
    const p4 = (c.podCIDRs as Json[])[0]!;
    const p6 = (c.podCIDRs as Json[])[1]!;
    // A /16 cut into /24s is 256 nodes; 110 pods fit in a /24's 254 addresses.
    assert.deepEqual(p4, {
      family: 'IPv4',
      cidr: '10.0.0.0/16',
      nodeMask: 24,
      blockSize: '256',
      podsPerBlock: '254',
      blocks: '256',
      reservedBlocks: '0',
      maxNodes: '256',
      allocatedNodes: '0',
      freeNodes: '256',
      utilization: 0,
      maxPods: String(256 * 110),
    });
    // A /56 cut into /64s is 256 nodes; a /64 block holds 2^64 addresses, exact as a string.
    assert.equal(p6.cidr, 'fd12:b5e0:383e::/56');
    assert.equal(p6.maxNodes, '256');
    assert.equal(p6.blockSize, '18446744073709551616');
    assert.equal(p6.podsPerBlock, '18446744073709551615');
    assert.equal(p6.maxPods, String(256 * 110));
    assert.deepEqual(c.nodes, {
      maxNodes: '256',
      allocatedNodes: '0',
      freeNodes: '256',
      utilization: 0,
      podsPerNode: '110',
      maxPods: '28160',
    });
    assert.equal(c.singleStackServices, '65532');
    assert.equal(c.dualStackServices, '65532');
    // Ties on utilization go to fewer free addresses: the IPv4 range, holding the two Services.
    assert.equal(c.tightest.name, 'serviceCIDR 10.1.0.0/16');
    assert.equal((c.ranges as Json[]).length, 5);
  });

  it('sizes a /108 IPv6 service range as the version in use allocates it', async () => {
    for (const [version, usable] of [
      ['1.33', '65535'],
      ['1.34', '1048575'],
    ] as const) {
      const name = `v6-${version.replace('.', '-')}`;
      const res = await t.http
        .post('/v1/clusters')
        .set(...bearer(a.admin))
        .send({ name, kubernetesVersion: version, serviceCIDRs: ['fd00:10::/108'], podCIDRs: [] });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const c = await capacity(name);
      const s = (c.serviceCIDRs as Json[])[0]!;
      assert.equal(s.size, '1048576');
      assert.equal(s.usable, usable, version);
      assert.equal(s.static.size, '256');
      assert.equal(c.nodes, null);
      assert.deepEqual(c.podCIDRs, []);
      assert.equal(c.dualStackServices, null);
    }
  });

  it('GraphQL answers the same numbers as REST', async () => {
    await count(clusterId, 'ip', 'IPv4/dynamic', 1234);
    await count(clusterId, 'nodecidr', 'IPv4', 3);
    await count(clusterId, 'nodecidr', 'IPv6', 3);
    const restBody = await capacity();
    const g = await gql(t, a.viewer, CLUSTER_CAPACITY_QUERY, { name: 'tokyo-prod' });
    assert.equal(g.errors, undefined, JSON.stringify(g.errors));
    const graph = (g.data!.cluster as Json).capacity as Json;
    assert.deepEqual(untimed(graph), untimed(restBody));
    assert.equal(graph.serviceCIDRs[0].dynamic.allocated, '1234');
    assert.equal(graph.nodes.allocatedNodes, '3');
  });

  it('reflects allocations made through the IPAM API, by band', async () => {
    const before = await capacity();
    const alloc = await t.http
      .post('/v1/clusters/tokyo-prod/ip-allocations')
      .set(...bearer(a.planner))
      .send({ family: 'IPv6', owner: 'capacity-test' });
    assert.equal(alloc.status, 201, JSON.stringify(alloc.body));
    const fixed = await t.http
      .post('/v1/clusters/tokyo-prod/ip-allocations')
      .set(...bearer(a.planner))
      .send({ family: 'IPv6', address: 'fd12:b5e0:383f::20', owner: 'capacity-test' });
    assert.equal(fixed.status, 201, JSON.stringify(fixed.body));
    const after = await capacity();
    const v6 = (after.serviceCIDRs as Json[])[1]!;
    assert.equal(v6.allocated, String(BigInt(before.serviceCIDRs[1].allocated) + 2n));
    // fd12:b5e0:383f::20 is index 32, inside the static band (1..256).
    assert.equal(v6.static.allocated, '1');
    assert.equal(v6.dynamic.allocated, '1');
    assert.equal(
      after.dualStackServices,
      v6.free < after.serviceCIDRs[0].free ? v6.free : after.serviceCIDRs[0].free,
    );
  });

  it('forecasts exhaustion from the allocation history, null when unknown', async () => {
    const res = await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .send({
        name: 'forecast',
        kubernetesVersion: '1.30',
        serviceCIDRs: ['10.9.0.0/24'],
        podCIDRs: ['10.8.0.0/16'],
        dnsServiceIP: 'none',
      });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const id = res.body.id as string;
    // default/kubernetes took 10.9.0.1 (one event); add 30 allocations and 6 releases over the
    // last 20 days: 37 events, +25 in a 30-day window.
    await sql.$executeRaw`INSERT INTO audit_events (tenant_id, cluster_id, actor, action, subject, details, created_at)
      SELECT ${a.id}::uuid, ${id}::uuid, 'test', CASE WHEN g <= 30 THEN 'ip.allocate' ELSE 'ip.release' END, 'x',
             jsonb_build_object('family', 'IPv4', 'band', 'dynamic'), now() - make_interval(days => g % 20, mins => 5)
      FROM generate_series(1, 36) AS g`;
    await count(id, 'ip', 'IPv4/dynamic', 24);
    const c = await capacity('forecast');
    const [ips, ports, nodes] = c.forecasts as Json[];
    assert.equal(ips!.range, 'serviceCIDR 10.9.0.0/24');
    assert.equal(ips!.status, 'exhausts');
    assert.equal(ips!.observations, 37);
    assert.equal(ips!.netChange, '25');
    assert.equal(ips!.free, '229');
    const rate = (25 * 86_400_000) / (30 * 86_400_000);
    assert.equal(ips!.ratePerDay, rate);
    // /24: 254 usable, 25 allocated, 229 free at 25/30 a day: 274.8 days from now.
    const eta = Date.parse(ips!.exhaustsAt) - Date.parse(ips!.windowEnd);
    assert.ok(Math.abs(eta - (229 / rate) * 86_400_000) <= 1, String(eta));
    assert.equal(ports!.status, 'insufficient-history');
    assert.equal(ports!.exhaustsAt, null);
    assert.equal(ports!.ratePerDay, null);
    assert.equal(nodes!.range, 'podCIDR 10.8.0.0/16');
    assert.equal(nodes!.exhaustsAt, null);
    // A window that misses the history knows nothing.
    const short = await rest(a.viewer, '/v1/clusters/forecast/capacity?windowDays=1');
    assert.equal(short.status, 200);
    assert.ok(short.body.forecasts[0].observations < 37);
    const bad = await rest(a.viewer, '/v1/clusters/forecast/capacity?windowDays=0');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.details.causes[0].field, 'windowDays');
  });

  it('answers what-if questions the same way over REST and GraphQL', async () => {
    const cases: [Json, boolean, string[]][] = [
      [{ addNodes: 300 }, false, ['podCIDR 10.0.0.0/16', 'podCIDR fd12:b5e0:383e::/56']],
      [{ addNodes: '253' }, true, []],
      [{ addServices: { count: 10, policy: 'RequireDualStack' } }, true, []],
      [
        { addServices: { count: '70000', policy: 'SingleStack', family: 'IPv6' } },
        false,
        ['serviceCIDR fd12:b5e0:383f::/112'],
      ],
      [{ nodeCIDRMaskSize: { IPv4: 26 } }, true, []],
    ];
    for (const [change, fits, exhausted] of cases) {
      const r = await t.http
        .post('/v1/clusters/tokyo-prod/capacity/what-if')
        .set(...bearer(a.viewer))
        .send(change);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.fits, fits, JSON.stringify(change));
      assert.deepEqual(r.body.exhausted, exhausted);
      const g = await gql(t, a.viewer, WHAT_IF_QUERY, { name: 'tokyo-prod', change });
      assert.equal(g.errors, undefined, JSON.stringify(g.errors));
      assert.deepEqual(g.data!.whatIf, r.body);
    }
    const dual = await t.http
      .post('/v1/clusters/tokyo-prod/capacity/what-if')
      .set(...bearer(a.viewer))
      .send({ addServices: { count: 10, policy: 'RequireDualStack' } });
    for (const i of [0, 1]) {
      assert.equal(
        BigInt(dual.body.after.serviceCIDRs[i].allocated) -
          BigInt(dual.body.before.serviceCIDRs[i].allocated),
        10n,
      );
    }
    const mask = await t.http
      .post('/v1/clusters/tokyo-prod/capacity/what-if')
      .set(...bearer(a.viewer))
      .send({ nodeCIDRMaskSize: { IPv4: 26 } });
    assert.equal(mask.body.after.podCIDRs[0].maxNodes, '1024');
    assert.equal(mask.body.after.podCIDRs[0].maxPods, String(1024 * 62));
  });

  it('rejects a malformed what-if naming the field', async () => {
    const cases: [Json, number, string][] = [
      [{ serviceCIDRs: ['10.1.0.0/33'] }, 422, 'serviceCIDRs[0]'],
      [{ addNodes: -1 }, 422, 'addNodes'],
      [{ addServices: { count: 1, policy: 'Sometimes' } }, 422, 'addServices.policy'],
      [{ addServices: { policy: 'SingleStack' } }, 422, 'addServices.count'],
      [{ maxPodsPerNode: 0 }, 422, 'maxPodsPerNode'],
      [{ addNode: 1 }, 400, 'addNode'],
    ];
    for (const [change, code, field] of cases) {
      const r = await t.http
        .post('/v1/clusters/tokyo-prod/capacity/what-if')
        .set(...bearer(a.viewer))
        .send(change);
      assert.equal(r.status, code, JSON.stringify(change));
      assert.equal(r.body.details.causes[0].field, field);
    }
    const g = await gql(t, a.viewer, WHAT_IF_QUERY, {
      name: 'tokyo-prod',
      change: { serviceCIDRs: ['nope'] },
    });
    assert.equal(g.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(gqlCode(g), 422);
  });

  it("ranks the tenant summary by each cluster's tightest range", async () => {
    for (const name of ['calm', 'tight']) {
      const r = await t.http
        .post('/v1/clusters')
        .set(...bearer(a.admin))
        .send({ name, serviceCIDRs: ['10.20.0.0/24'], dnsServiceIP: 'none' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      if (name === 'tight') await count(r.body.id, 'ip', 'IPv4/dynamic', 230);
    }
    const g = await gql(
      t,
      a.viewer,
      '{ capacitySummary { tightest { cluster } clusters { cluster tightest { name utilization } capacity { cluster } } } }',
    );
    assert.equal(g.errors, undefined, JSON.stringify(g.errors));
    const s = g.data!.capacitySummary as Json;
    const ranked = s.clusters as Json[];
    assert.equal(s.tightest.cluster, 'tight');
    assert.equal(ranked[0]!.tightest.name, 'serviceCIDR 10.20.0.0/24');
    // 230 counted here plus default/kubernetes at 10.20.0.1.
    assert.equal(ranked[0]!.tightest.utilization, 231 / 254);
    const utils = ranked.map((c) => c.tightest.utilization as number);
    assert.deepEqual(
      utils,
      [...utils].sort((x, y) => y - x),
    );
    for (const c of ranked) assert.equal(c.capacity.cluster, c.cluster);
    assert.ok(!ranked.some((c) => c.cluster === 'tokyo-prod-b'));
    const other = await gql(
      t,
      b.viewer,
      '{ capacitySummary { clusters { cluster } tightest { cluster } } }',
    );
    assert.deepEqual(other.data!.capacitySummary, { clusters: [], tightest: null });
  });

  it("requires a key (401), a tenant key (403) and hides other tenants' clusters (404)", async () => {
    const path = '/v1/clusters/tokyo-prod/capacity';
    assert.equal((await t.http.get(path)).status, 401);
    assert.equal((await rest(a.revoked, path)).status, 401);
    assert.equal((await rest('sp_unknown', path)).status, 401);
    assert.equal((await rest(OPERATOR_TOKEN, path)).status, 403);
    const hidden = await rest(b.admin, path);
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.reason, 'NotFound');
    const whatIf = await t.http
      .post('/v1/clusters/tokyo-prod/capacity/what-if')
      .set(...bearer(b.admin))
      .send({ addNodes: 1 });
    assert.equal(whatIf.status, 404);
    assert.equal(
      (await t.http.post('/v1/clusters/tokyo-prod/capacity/what-if').send({})).status,
      401,
    );

    assert.equal(gqlCode(await gql(t, null, '{ capacitySummary { clusters { cluster } } }')), 401);
    assert.equal(
      gqlCode(await gql(t, a.revoked, '{ capacitySummary { clusters { cluster } } }')),
      401,
    );
    assert.equal(
      gqlCode(await gql(t, OPERATOR_TOKEN, '{ capacitySummary { clusters { cluster } } }')),
      403,
    );
    assert.equal(
      gqlCode(await gql(t, b.viewer, CLUSTER_CAPACITY_QUERY, { name: 'tokyo-prod' })),
      404,
    );
    assert.equal(
      gqlCode(
        await gql(t, b.viewer, WHAT_IF_QUERY, { name: 'tokyo-prod', change: { addNodes: 1 } }),
      ),
      404,
    );
  });

  it('rejects documents that are too deep or too costly (and accepts the same shapes within the limits)', async () => {
    const nested = (levels: number) => {
      let deep = 'name';
      for (let i = 0; i < levels; i++) deep = `ofType { ${deep} }`;
      return `{ __type(name: "ClusterCapacity") { fields { type { ${deep} } } } }`;
    };
    const shallow = await gql(t, a.viewer, nested(5));
    assert.equal(shallow.errors, undefined, JSON.stringify(shallow.errors));
    const tooDeep = await gql(t, a.viewer, nested(12));
    assert.equal(tooDeep.data, null);
    assert.equal(gqlCode(tooDeep), 400, JSON.stringify(tooDeep.errors));
    assert.match(tooDeep.errors![0]!.message, /depth/i);

    const costOf = (limit: number) =>
      `{ clusters(limit: ${limit}) { items { name capacity { serviceCIDRs { cidr size usable allocated free } nodePorts { size } } } } }`;
    const cheap = await gql(t, a.viewer, costOf(100));
    assert.equal(cheap.errors, undefined, JSON.stringify(cheap.errors));
    const costly = await gql(t, a.viewer, costOf(5000));
    assert.equal(costly.data, null);
    assert.equal(gqlCode(costly), 400, JSON.stringify(costly.errors));
    assert.match(costly.errors![0]!.message, /query cost \d+ exceeds the limit of 20000/);
  });
});
