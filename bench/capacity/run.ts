/**
 * Capacity bench: one tenant with 200 dual-stack clusters and 1,000,000 allocated Service IPs
 * (with their audit history, so forecasts have something to read), then the tenant summary
 * over GraphQL: latency p50/p99 and SQL statements per request, at 20 and at 200 clusters.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/capacity/run.js
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node dist/bench/capacity/run.js
 *
 * With DATABASE_URL a fresh database is created beside it and dropped afterwards; otherwise
 * the embedded PGlite runs in a temporary folder. Requests go through Fastify's `inject` (the whole
 * server path: routing, auth, GraphQL, database; no socket). Figures are printed and written
 * to bench/results/capacity.json. Forecast history totals are cached for 30 s per process
 * (capacity.service.ts), so `firstMs` shows the cost of counting a window cold.
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../src/configure-app';
import { parseConfig } from '../../src/platform/config/app-config';
import { projectRoot } from '../../src/platform/database/database';
import { Database } from '../../src/platform/database/database.service';
import { SUMMARY_QUERY, SUMMARY_RANKING_QUERY } from '../../test/capacity/capacity-queries';
import { installStatementCounter } from '../../test/capacity/sql-statements';
import { createTestDatabase } from '../../test/support/test-database';

const CLUSTERS = 200;
const ALLOCATIONS_PER_CLUSTER = 5_000;
const WARMUP = 30;
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const OPERATOR = 'bench-operator-token-0123456789';

const statements = installStatementCounter();

interface Figures {
  readonly query: string;
  readonly clusters: number;
  readonly runs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly statementsPerRequest: number;
  /** The first request: nothing cached (parsed definitions, forecast history totals). */
  readonly firstMs: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number): number => Math.round(n * 100) / 100;
const started = performance.now();
const progress = (what: string): void => {
  console.error(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${what}`);
};

async function main(): Promise<void> {
  const db = await createTestDatabase();
  // On disk: a million allocations and their history do not fit PGlite's in-memory heap.
  const dataDir = db.databaseUrl ? 'memory://' : mkdtempSync(join(tmpdir(), 'stackplan-bench-'));
  const config = parseConfig({
    STACKPLAN_ADMIN_TOKEN: OPERATOR,
    LOG_LEVEL: 'silent',
    STACKPLAN_DATA_DIR: dataDir,
    STACKPLAN_AUTH_CACHE_TTL_MS: '5000',
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
  });
  progress(`starting the app on ${db.databaseUrl ? 'PostgreSQL' : 'PGlite'}`);
  const app = await createApp(config);
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const sql = app.get(Database).prisma;
  const call = async (method: 'GET' | 'POST', url: string, token: string, payload?: object) => {
    const res = await fastify.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown>;
  };

  try {
    progress('creating the tenant');
    const tenant = (await call('POST', '/v1/tenants', OPERATOR, { name: 'bench' })) as {
      id: string;
    };
    const admin = (await call('POST', '/v1/tenants/bench/api-keys', OPERATOR, { role: 'admin' }))
      .token as string;
    const viewer = (await call('POST', '/v1/tenants/bench/api-keys', OPERATOR, { role: 'viewer' }))
      .token as string;

    const addClusters = async (from: number, to: number) => {
      const started = performance.now();
      for (let i = from; i < to; i++) {
        await call('POST', '/v1/clusters', admin, {
          name: `bench-${String(i).padStart(3, '0')}`,
          kubernetesVersion: '1.33',
          serviceCIDRs: [`10.${i}.0.0/16`, `fd00:${i.toString(16)}::/108`],
          podCIDRs: [`172.${16 + (i >> 4)}.${(i & 15) << 4}.0/20`, `fd01:${i.toString(16)}::/56`],
        });
      }
      return performance.now() - started;
    };

    const measure = async (label: string, query: string, clusters: number): Promise<Figures> => {
      const request = async () => {
        const res = await fastify.inject({
          method: 'POST',
          url: '/graphql',
          headers: { authorization: `Bearer ${viewer}`, 'content-type': 'application/json' },
          payload: { query },
        });
        const body = res.json() as {
          errors?: unknown;
          data?: { capacitySummary: { clusters: unknown[] } };
        };
        if (body.errors || body.data?.capacitySummary.clusters.length !== clusters) {
          throw new Error(`${label}: ${res.body.slice(0, 500)}`);
        }
      };
      const cold = performance.now();
      await request();
      const firstMs = performance.now() - cold;
      for (let i = 1; i < WARMUP; i++) await request();
      const times: number[] = [];
      const before = statements.count();
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await request();
        times.push(performance.now() - t0);
      }
      const used = statements.count() - before;
      times.sort((a, b) => a - b);
      return {
        query: label,
        clusters,
        runs: RUNS,
        p50Ms: round(percentile(times, 50)),
        p99Ms: round(percentile(times, 99)),
        meanMs: round(times.reduce((a, b) => a + b, 0) / times.length),
        statementsPerRequest: used / RUNS,
        firstMs: round(firstMs),
      };
    };

    const figures: Figures[] = [];
    const small = 20;
    progress('creating clusters');
    const createSmall = await addClusters(0, small);
    progress(`measuring at ${small} clusters`);
    figures.push(await measure('ranking', SUMMARY_RANKING_QUERY, small));
    figures.push(await measure('full', SUMMARY_QUERY, small));
    progress('creating clusters');
    const createRest = await addClusters(small, CLUSTERS);
    progress('inserting 1,000,000 allocations');

    // 1,000,000 allocations: 5,000 dynamic IPv4 addresses per cluster, each with its audit
    // event spread over the last 60 days, and the allocator's counter rows.
    const t0 = performance.now();
    // In slices of 20 clusters (100,000 rows a statement): the embedded PGlite runs in one
    // WebAssembly heap and does not survive one statement of a million rows.
    for (let from = 0; from < CLUSTERS; from += 20) {
      const lo = `bench-${String(from).padStart(3, '0')}`;
      const hi = `bench-${String(from + 20).padStart(3, '0')}`;
      await sql.$executeRaw`
        INSERT INTO ip_allocations (cluster_id, tenant_id, family, ordinal, address, cidr, band, owner, created_at)
        SELECT c.id, c.tenant_id, 'IPv4',
               ((10::bigint << 24) + (split_part(c.service_cidrs[1], '.', 2)::bigint << 16) + g)::numeric,
               '10.' || split_part(c.service_cidrs[1], '.', 2) || '.' || (g >> 8) || '.' || (g & 255),
               c.service_cidrs[1], 'dynamic', 'bench', now() - (g % 60) * interval '1 day'
        FROM clusters c CROSS JOIN generate_series(1000, ${1000 + ALLOCATIONS_PER_CLUSTER - 1}) AS g
        WHERE c.tenant_id = ${tenant.id}::uuid AND c.name >= ${lo} AND c.name < ${hi}`;
      await sql.$executeRaw`
        INSERT INTO audit_events (tenant_id, cluster_id, actor, action, subject, details, created_at)
        SELECT a.tenant_id, a.cluster_id, 'bench', 'ip.allocate', a.address,
               jsonb_build_object('family', a.family, 'address', a.address, 'band', a.band, 'owner', a.owner),
               a.created_at
        FROM ip_allocations a JOIN clusters c ON c.id = a.cluster_id
        WHERE c.tenant_id = ${tenant.id}::uuid AND c.name >= ${lo} AND c.name < ${hi} AND a.owner = 'bench'`;
      // Fresh statistics keep the planner on the indexes as the tables grow.
      await sql.$executeRawUnsafe('ANALYZE ip_allocations');
      progress(`${(from + 20) * ALLOCATIONS_PER_CLUSTER} allocations`);
    }
    await sql.$executeRaw`
      INSERT INTO allocation_counters (cluster_id, kind, scope, shard, count)
      SELECT id, 'ip', 'IPv4/dynamic', 0, ${ALLOCATIONS_PER_CLUSTER} FROM clusters WHERE tenant_id = ${tenant.id}::uuid
      ON CONFLICT (cluster_id, kind, scope, shard) DO UPDATE SET count = allocation_counters.count + EXCLUDED.count`;
    await sql.$executeRawUnsafe('ANALYZE');
    const loadMs = performance.now() - t0;
    const [loaded] = await sql.$queryRaw<{ n: string }[]>`
      SELECT count(*)::text AS n FROM ip_allocations WHERE tenant_id = ${tenant.id}::uuid`;

    progress(`measuring at ${CLUSTERS} clusters`);
    figures.push(await measure('ranking', SUMMARY_RANKING_QUERY, CLUSTERS));
    figures.push(await measure('full', SUMMARY_QUERY, CLUSTERS));

    const result = {
      database: db.databaseUrl ? 'postgresql' : 'pglite (on disk)',
      clusters: CLUSTERS,
      allocations: Number(loaded?.n ?? 0),
      setupSeconds: {
        clusters: round((createSmall + createRest) / 1000),
        allocations: round(loadMs / 1000),
      },
      queries: {
        ranking: 'capacitySummary { clusters { cluster tightest { name kind utilization free } } }',
        full: "capacitySummary with every cluster's full capacity report and 30-day forecasts",
      },
      figures,
    };
    console.log(JSON.stringify(result, null, 2));
    const dir = join(projectRoot(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'capacity.json'), JSON.stringify(result, null, 2) + '\n');
  } finally {
    await app.close();
    await db.drop();
    if (!db.databaseUrl) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
