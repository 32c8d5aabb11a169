/**
 * Allocation benchmark (issue "Persistent allocator and IPAM REST"), PostgreSQL only, loopback
 * only. Build with `npx tsc -p tsconfig.json`, run with `node dist/bench/allocate/run.js`.
 *
 * 1. Reservations per second through REST (`POST /ip-allocations`, dynamic) at 1, 16 and 64
 *    concurrent clients (autocannon keep-alive connections, bench/http-load.ts), and in the
 *    same run raw `pg` `INSERT … ON CONFLICT DO NOTHING` of random addresses at the same
 *    concurrency; the ratio is the figure of merit (goal ≥ 0.5). A control runs beside them:
 *    a bare NestJS-Fastify POST executing the same reservation statement and nothing else
 *    (control-server.ts), which shows what this stack reaches with the statement alone.
 * 2. p50/p99 latency of one dynamic reservation at 0 %, 50 % and 95 % fill of a /16, and on
 *    an IPv6 /64 holding 1,000,000 allocations (fills are bulk-inserted with generate_series).
 *
 * Environment: DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres; a scratch
 * database is created beside it and dropped), BENCH_SECONDS per throughput level (default 5),
 * BENCH_SERVERS server processes sharing the database (default 1), BENCH_LATENCY_SAMPLES
 * (default 500), BENCH_V6_FILL (default 1000000).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { type Target, load } from '../http-load';
import {
  LOCAL_POSTGRES,
  type ServerProcess,
  adminKey,
  createDatabase,
  percentile,
  plannerKey,
  request,
  startServerOnFreePort,
  stopServer,
} from './servers';

const env = (name: string, def: number): number =>
  process.env[name] ? Number(process.env[name]) : def;
const SECONDS = env('BENCH_SECONDS', 5);
const SERVERS = env('BENCH_SERVERS', 1);
const SAMPLES = env('BENCH_LATENCY_SAMPLES', 500);
const V6_FILL = env('BENCH_V6_FILL', 1_000_000);
const LEVELS = [1, 16, 64];

interface Ctx {
  servers: ServerProcess[];
  token: string;
  admin: string;
  db: Client;
  dbUrl: string;
}

async function makeCluster(ctx: Ctx, name: string, version: string, cidr: string): Promise<string> {
  const res = await request(
    ctx.servers[0]!.url,
    'POST',
    '/v1/clusters',
    { name, kubernetesVersion: version, serviceCIDRs: [cidr], dnsServiceIP: 'none' },
    { authorization: `Bearer ${ctx.admin}` },
  );
  if (res.status !== 201)
    throw new Error(`cluster ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/** Calls `op` from `clients` loops for `seconds`; returns successes per second. */
async function timed(
  clients: number,
  seconds: number,
  op: (client: number) => Promise<boolean>,
): Promise<{ rate: number; ok: number; failed: number }> {
  const end = Date.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (Date.now() < end) {
        if (await op(c)) ok++;
        else failed++;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return { rate: ok / elapsed, ok, failed };
}

async function commits(db: Client): Promise<number> {
  await new Promise((r) => setTimeout(r, 1200));
  const r = await db.query<{ n: string }>(
    'SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  return Number(r.rows[0]!.n);
}

async function throughput(ctx: Ctx): Promise<void> {
  const clusterName = 'tput';
  await makeCluster(ctx, clusterName, '1.30', '10.96.0.0/12');
  const rawCluster = await makeCluster(ctx, 'raw', '1.30', '10.64.0.0/12');
  const controlCidr = '10.32.0.0/12';
  const controlCluster = await makeCluster(ctx, 'control', '1.30', controlCidr);
  const tenant = (
    await ctx.db.query<{ tenant_id: string }>('SELECT tenant_id FROM clusters WHERE id = $1', [
      rawCluster,
    ])
  ).rows[0]!.tenant_id;
  const auth = { authorization: `Bearer ${ctx.token}` };
  // Warm up: JIT, connection pools, PostgreSQL caches (not measured).
  await timed(16, 2, async (c) => {
    const s = ctx.servers[c % ctx.servers.length]!;
    return (
      (
        await request(
          s.url,
          'POST',
          `/v1/clusters/${clusterName}/ip-allocations`,
          { owner: 'warm-up' },
          auth,
        )
      ).status === 201
    );
  });
  const control = await startControl(ctx.dbUrl, controlCluster, tenant, controlCidr);
  try {
    await load(controlTarget(control.port), 2, 16);
    console.log(
      `\nThroughput (${SECONDS}s per level, ${SERVERS} server process(es), cluster /12):`,
    );
    console.log(
      'clients | REST reservations/s | raw pg INSERT/s | ratio | REST non-201 | control/s | control/raw',
    );
    for (const clients of LEVELS)
      await level(ctx, clusterName, rawCluster, tenant, control.port, clients);
  } finally {
    control.child.kill();
  }
}

async function level(
  ctx: Ctx,
  clusterName: string,
  rawCluster: string,
  tenant: string,
  controlPort: number,
  clients: number,
): Promise<void> {
  const before = await commits(ctx.db);
  const rest = await restLoad(ctx, clusterName, clients);
  const after = await commits(ctx.db);
  const pool = new Pool({ connectionString: ctx.dbUrl, max: clients });
  pool.on('error', () => undefined);
  await Promise.all(Array.from({ length: clients }, () => pool.query('SELECT 1')));
  const base = 0x0a400000n;
  const raw = await timed(clients, SECONDS, async () => {
    const ord = base + 1n + BigInt(Math.floor(Math.random() * 1048574));
    const v = Number(ord);
    const address = `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
    const r = await pool.query(
      `INSERT INTO ip_allocations (cluster_id, tenant_id, family, ordinal, address, cidr, band, owner)
       VALUES ($1, $2, 'IPv4', $3, $4, '10.64.0.0/12', 'dynamic', 'raw') ON CONFLICT DO NOTHING`,
      [rawCluster, tenant, ord.toString(), address],
    );
    return (r.rowCount ?? 0) > 0;
  });
  await pool.end();
  const ctl = await load(controlTarget(controlPort), SECONDS, clients);
  const ctlRate = ctl.perSecond * ((ctl.statuses[201] ?? 0) / Math.max(1, ctl.requests));
  const perReservation = (after - before) / Math.max(1, rest.ok + rest.failed);
  console.log(
    `${String(clients).padStart(7)} | ${rest.rate.toFixed(0).padStart(19)} | ${raw.rate.toFixed(0).padStart(15)} | ${(rest.rate / raw.rate).toFixed(2).padStart(5)} | ${String(rest.failed).padStart(12)} | ${ctlRate.toFixed(0).padStart(9)} | ${(ctlRate / raw.rate).toFixed(2).padStart(11)}` +
      `   (database transactions per REST reservation: ${perReservation.toFixed(2)})`,
  );
}

/** bench/allocate/control-server.ts in its own process, on the scratch database. */
async function startControl(
  dbUrl: string,
  clusterId: string,
  tenantId: string,
  cidr: string,
): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(__dirname, 'control-server.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: dbUrl,
      CONTROL_CLUSTER_ID: clusterId,
      CONTROL_TENANT_ID: tenantId,
      CONTROL_CIDR: cidr,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`control server exited ${code}`)));
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
  });
  return { port, child };
}

const controlTarget = (port: number): Target => ({
  port,
  method: 'POST',
  path: '/take',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ owner: 'bench' }),
});

/**
 * REST reservations from `clients` keep-alive connections, spread over the servers: autocannon
 * (bench/http-load.ts) in a worker thread per server, so that the HTTP client costs about as
 * little CPU as the `pg` client of the raw side does (on 2 cores the load generator competes
 * with the server and PostgreSQL). Counts only 201s.
 */
async function restLoad(
  ctx: Ctx,
  clusterName: string,
  clients: number,
): Promise<{ rate: number; ok: number; failed: number }> {
  const body = JSON.stringify({ owner: 'bench' });
  const shares = ctx.servers
    .map((s, i) => ({
      s,
      connections:
        Math.floor(clients / ctx.servers.length) + (i < clients % ctx.servers.length ? 1 : 0),
    }))
    .filter((x) => x.connections > 0);
  const results = await Promise.all(
    shares.map(({ s, connections }) =>
      load(
        {
          port: s.port,
          method: 'POST',
          path: `/v1/clusters/${clusterName}/ip-allocations`,
          headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
          body,
        },
        SECONDS,
        connections,
      ),
    ),
  );
  let ok = 0;
  let failed = 0;
  let rate = 0;
  for (const r of results) {
    const created = r.statuses[201] ?? 0;
    ok += created;
    failed += r.requests - created + (r.statuses[0] ?? 0);
    if (r.requests > 0) rate += (r.perSecond * created) / r.requests;
  }
  return { rate, ok, failed };
}

/** Fills a cluster's range to `fraction` with random addresses (SQL), counters rebuilt to match. */
async function fillV4(
  ctx: Ctx,
  clusterId: string,
  network: bigint,
  size: number,
  fraction: number,
): Promise<number> {
  const net = `${Number(network >> 24n)}.${Number((network >> 16n) & 255n)}.${Number((network >> 8n) & 255n)}.${Number(network & 255n)}`;
  await ctx.db.query(
    `INSERT INTO ip_allocations (cluster_id, tenant_id, family, ordinal, address, cidr, band, owner)
     SELECT c.id, c.tenant_id, 'IPv4', $2::numeric + g, host($3::inet + g), $4, CASE WHEN g <= 256 THEN 'static' ELSE 'dynamic' END, 'fill'
     FROM clusters c, generate_series(1, $5::int - 2) g
     WHERE c.id = $1 AND random() < $6
     ON CONFLICT DO NOTHING`,
    [clusterId, network.toString(), net, `${net}/16`, size, fraction],
  );
  return rebuildCounters(ctx, clusterId);
}

async function rebuildCounters(ctx: Ctx, clusterId: string): Promise<number> {
  await ctx.db.query(`DELETE FROM allocation_counters WHERE cluster_id = $1 AND kind = 'ip'`, [
    clusterId,
  ]);
  await ctx.db.query(
    `INSERT INTO allocation_counters (cluster_id, kind, scope, shard, count)
     SELECT $1::uuid, 'ip', family || '/' || band, 0, count(*) FROM ip_allocations WHERE cluster_id = $1 GROUP BY family, band`,
    [clusterId],
  );
  await ctx.db.query('ANALYZE ip_allocations');
  const r = await ctx.db.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM ip_allocations WHERE cluster_id = $1',
    [clusterId],
  );
  return Number(r.rows[0]!.n);
}

async function latency(ctx: Ctx, cluster: string, label: string): Promise<number> {
  const auth = { authorization: `Bearer ${ctx.token}` };
  const times: number[] = [];
  let failures = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = process.hrtime.bigint();
    const r = await request(
      ctx.servers[0]!.url,
      'POST',
      `/v1/clusters/${cluster}/ip-allocations`,
      { owner: 'latency' },
      auth,
    );
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status === 201) times.push(ms);
    else failures++;
  }
  times.sort((a, b) => a - b);
  const p99 = percentile(times, 99);
  console.log(
    `${label.padEnd(34)} | ${percentile(times, 50).toFixed(2).padStart(8)} | ${p99.toFixed(2).padStart(8)} | ${failures}`,
  );
  return p99;
}

async function latencies(ctx: Ctx): Promise<void> {
  const size = 65536;
  const network = 0x0a100000n; // 10.16.0.0/16
  const id16 = await makeCluster(ctx, 'lat16', '1.30', '10.16.0.0/16');
  const id64 = await makeCluster(ctx, 'lat64', '1.34', 'fd00::/64');
  console.log(`\nLatency of one dynamic reservation (1 client, ${SAMPLES} samples each):`);
  console.log('range and fill                     |  p50 ms  |  p99 ms  | non-201');
  // Warm the path (connections, plans) before the first measured level.
  await latency(ctx, 'tput', '(warm-up on the /12)');
  const p0 = await latency(ctx, 'lat16', `/16 at 0% fill`);
  let rows = await fillV4(ctx, id16, network, size, 0.5);
  await latency(ctx, 'lat16', `/16 at ${((rows / (size - 2)) * 100).toFixed(1)}% fill`);
  rows = await fillV4(ctx, id16, network, size, 0.9);
  const p95 = await latency(ctx, 'lat16', `/16 at ${((rows / (size - 2)) * 100).toFixed(1)}% fill`);
  console.log(`p99 at 95% / p99 at 0% = ${(p95 / p0).toFixed(2)} (goal ≤ 3)`);

  const t0 = Date.now();
  await ctx.db.query(
    `INSERT INTO ip_allocations (cluster_id, tenant_id, family, ordinal, address, cidr, band, owner)
     SELECT c.id, c.tenant_id, 'IPv6', o.ord, host(('fd00::'::inet + (o.off / 2)::bigint) + (o.off - o.off / 2)::bigint), 'fd00::/64',
            CASE WHEN o.off <= 256 THEN 'static' ELSE 'dynamic' END, 'fill'
     FROM clusters c,
          (SELECT (floor(random() * 4294967296)::numeric * 4294967296 + floor(random() * 4294967296)::numeric) AS off FROM generate_series(1, $2::int)) r,
          LATERAL (SELECT trunc(r.off) AS off, 336294029345327023254307467296981417984::numeric + trunc(r.off) AS ord) o
     WHERE c.id = $1 AND o.off > 0
     ON CONFLICT DO NOTHING`,
    [id64, V6_FILL],
  );
  const v6rows = await rebuildCounters(ctx, id64);
  console.log(
    `(filled the /64 with ${v6rows} allocations in ${((Date.now() - t0) / 1000).toFixed(1)}s)`,
  );
  await latency(ctx, 'lat64', `IPv6 /64 holding ${v6rows}`);
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL || LOCAL_POSTGRES;
  const scratch = await createDatabase(base, 'stackplan_bench');
  const db = new Client({ connectionString: scratch.url });
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < SERVERS; i++)
      servers.push(await startServerOnFreePort(scratch.url, { DATABASE_POOL_SIZE: '16' }));
    await db.connect();
    const token = await plannerKey(servers[0]!.url, 'bench');
    const ctx: Ctx = {
      servers,
      token,
      admin: await adminKey(servers[0]!.url, 'bench'),
      db,
      dbUrl: scratch.url,
    };
    console.log(
      `stackplan allocation benchmark — PostgreSQL ${(await db.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version}, node ${process.version}`,
    );
    await throughput(ctx);
    await latencies(ctx);
  } finally {
    await db.end().catch(() => undefined);
    for (const s of servers) await stopServer(s);
    await scratch.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
