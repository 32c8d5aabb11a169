/**
 * Plan throughput: `POST /v1/clusters/{c}/plan` of one YAML Service against a cluster that
 * already holds 10,000 Services, with 50 concurrent keep-alive connections, then — in the
 * same run, same load — a bare NestJS-Fastify hello endpoint, for the ratio (goal: plan ≥
 * 0.35 × hello). As a control it also loads a bare NestJS-Fastify POST of the same YAML body
 * that does nothing with it (`echo`): what any POST endpoint costs on this stack before work.
 * Loopback only. The server runs on the main thread; the load generator in a worker thread
 * (bench/http-load.ts), so the two do not share an event loop.
 *
 *   npm run build:test && node dist/bench/plan/run.js
 *
 * Env: DATABASE_URL (PostgreSQL; default the embedded PGlite in memory), BENCH_SECONDS (10),
 * BENCH_SERVICES (10000), BENCH_CONNECTIONS (50), BENCH_PROFILE=<dir> (writes a CPU profile of
 * the plan phase of the server's thread there).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/configure-app';
import { parseConfig } from '../../src/platform/config/app-config';
import { Database } from '../../src/platform/database/database.service';
import { type LoadResult as Result, type Target, load as loadIn } from '../http-load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const OPERATOR = 'bench-operator-token-0123456789';

/** The load generator runs in a worker thread: the server's thread serves only. */
const load = (t: Target, seconds: number) => loadIn(t, seconds, CONNECTIONS);

const PLAN_YAML = `apiVersion: v1
kind: Service
metadata:
  name: planned
  namespace: bench
spec:
  selector:
    app: planned
  ports:
  - name: http
    port: 80
    targetPort: 8080
  ipFamilyPolicy: PreferDualStack
`;

/** With BENCH_PROFILE=<dir>, writes a V8 CPU profile of `fn` there (this process only). */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (err, res) => (err ? reject(err) : resolve(res))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  const out = await fn();
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  session.disconnect();
  return out;
}

async function call(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(text ? { 'content-type': 'application/json' } : {}),
    },
    ...(text ? { body: text } : {}),
  });
  return { status: res.status, body: await res.json() };
}

/** 10,000 stored Services with their reserved addresses and counters, in three statements. */
async function seedServices(db: Database, clusterName: string, n: number): Promise<void> {
  const [row] = await db.prisma.$queryRawUnsafe<Array<{ id: string; tenant_id: string }>>(
    'SELECT id::text AS id, tenant_id::text AS tenant_id FROM clusters WHERE name = $1',
    clusterName,
  );
  if (!row) throw new Error('bench cluster missing');
  await db.prisma.$executeRawUnsafe(
    `WITH s AS (
       SELECT g, gen_random_uuid() AS uid, '10.96.1.1'::inet + g AS ip FROM generate_series(0, $3::int - 1) AS g
     ), svc AS (
       INSERT INTO services (uid, tenant_id, cluster_id, namespace, name, object, last_applied, resource_version)
       SELECT uid, $2::uuid, $1::uuid, 'bench', 'svc-' || g,
         jsonb_build_object(
           'apiVersion', 'v1', 'kind', 'Service',
           'metadata', jsonb_build_object('name', 'svc-' || g, 'namespace', 'bench', 'uid', uid::text,
             'resourceVersion', (1000 + g)::text, 'creationTimestamp', '2026-01-01T00:00:00Z'),
           'spec', jsonb_build_object(
             'ports', jsonb_build_array(jsonb_build_object('name', 'http', 'protocol', 'TCP', 'port', 80, 'targetPort', 8080)),
             'selector', jsonb_build_object('app', 'svc-' || g),
             'clusterIP', host(ip), 'clusterIPs', jsonb_build_array(host(ip)), 'type', 'ClusterIP',
             'sessionAffinity', 'None', 'ipFamilies', jsonb_build_array('IPv4'), 'ipFamilyPolicy', 'SingleStack',
             'internalTrafficPolicy', 'Cluster'),
           'status', jsonb_build_object('loadBalancer', '{}'::jsonb)),
         NULL, 1000 + g
       FROM s RETURNING 1
     )
     INSERT INTO ip_allocations (cluster_id, tenant_id, family, ordinal, address, cidr, band, owner, service_uid)
     SELECT $1::uuid, $2::uuid, 'IPv4', (ip - '0.0.0.0'::inet), host(ip), '10.96.0.0/12', 'dynamic', 'service:bench/svc-' || g, uid FROM s`,
    row.id,
    row.tenant_id,
    n,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO allocation_counters (cluster_id, kind, scope, shard, count) VALUES ($1::uuid, 'ip', 'IPv4/dynamic', 0, $2::bigint)
     ON CONFLICT (cluster_id, kind, scope, shard) DO UPDATE SET count = allocation_counters.count + EXCLUDED.count`,
    row.id,
    n,
  );
}

@Controller()
class HelloController {
  @Get('hello')
  hello() {
    return { hello: 'world' };
  }

  /** The control: a bare POST of the same YAML body that does nothing with it. */
  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: string) {
    return { bytes: body.length };
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

async function listen(app: NestFastifyApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

async function main(): Promise<void> {
  const config = parseConfig({
    STACKPLAN_ADMIN_TOKEN: OPERATOR,
    LOG_LEVEL: 'silent',
    STACKPLAN_DATA_DIR: 'memory://',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  const app = await createApp(config);
  const port = await listen(app);
  const tenant = `bench-${Date.now()}`;
  await call(port, 'POST', '/v1/tenants', OPERATOR, { name: tenant });
  const key = (
    await call(port, 'POST', `/v1/tenants/${tenant}/api-keys`, OPERATOR, { role: 'viewer' })
  ).body as { token: string };
  const admin = (
    await call(port, 'POST', `/v1/tenants/${tenant}/api-keys`, OPERATOR, { role: 'admin' })
  ).body as { token: string };
  const cluster = `bench-${Date.now()}`;
  const created = await call(port, 'POST', '/v1/clusters', admin.token, {
    name: cluster,
    kubernetesVersion: '1.26',
    serviceCIDRs: ['10.96.0.0/12', 'fd00:10:96::/112'],
  });
  if (created.status !== 201) throw new Error(`cluster: ${JSON.stringify(created.body)}`);
  const t0 = performance.now();
  await seedServices(app.get(Database), cluster, SERVICES);
  const seeded = ((performance.now() - t0) / 1000).toFixed(1);

  const plan: Target = {
    port,
    method: 'POST',
    path: `/v1/clusters/${cluster}/plan`,
    headers: {
      authorization: `Bearer ${key.token}`,
      'content-type': 'application/yaml',
      'content-length': String(Buffer.byteLength(PLAN_YAML)),
    },
    body: PLAN_YAML,
  };
  const check = await call(port, 'GET', `/v1/clusters/${cluster}/services?limit=1`, key.token);
  if (check.status !== 200) throw new Error(`list: ${JSON.stringify(check.body)}`);
  await load(plan, Math.min(2, SECONDS));
  const planResult = await profiled('plan', () => load(plan, SECONDS));
  await app.close();

  const hello = await NestFactory.create<NestFastifyApplication>(
    HelloModule,
    new FastifyAdapter(),
    { logger: false },
  );
  hello
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('application/yaml', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
  const helloPort = await listen(hello);
  const helloTarget: Target = { port: helloPort, method: 'GET', path: '/hello', headers: {} };
  await load(helloTarget, Math.min(2, SECONDS));
  const helloResult = await load(helloTarget, SECONDS);
  const echoTarget: Target = {
    port: helloPort,
    method: 'POST',
    path: '/echo',
    headers: { 'content-type': 'application/yaml' },
    body: PLAN_YAML,
  };
  await load(echoTarget, Math.min(2, SECONDS));
  const echoResult = await load(echoTarget, SECONDS);
  await hello.close();

  const fmt = (name: string, r: Result) =>
    `${name.padEnd(6)} ${r.perSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms   (${r.requests} requests, statuses ${JSON.stringify(r.statuses)})`;
  const ratio = planResult.perSecond / helloResult.perSecond;
  process.stdout.write(
    [
      `database: ${config.databaseUrl ? 'postgresql' : 'pglite (in memory)'}; ${SERVICES} Services seeded in ${seeded}s; ${CONNECTIONS} connections, ${SECONDS}s each`,
      fmt('plan', planResult),
      fmt('hello', helloResult),
      fmt('echo', echoResult),
      `ratio plan/hello: ${ratio.toFixed(3)} (goal >= 0.35: ${ratio >= 0.35 ? 'met' : 'NOT met'})`,
      `control: a bare NestJS-Fastify POST of the same body that does nothing (echo) reaches ${(echoResult.perSecond / helloResult.perSecond).toFixed(3)} x hello; plan/echo: ${(planResult.perSecond / echoResult.perSecond).toFixed(3)}`,
      JSON.stringify({ plan: planResult, hello: helloResult, echo: echoResult, ratio }),
    ].join('\n') + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
});
