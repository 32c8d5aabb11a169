/**
 * Replicas sharing one PostgreSQL database (issue "Persistent allocator and IPAM REST",
 * "Done when"): 4 server processes, 64 concurrent clients, dynamic reservations into a /20
 * (which fills up) and a /16, one process killed with SIGKILL mid-load and restarted. Then:
 * no address twice, every 201 in the database with its owner, nothing written that no
 * request made, counters equal to rows, audit events equal to rows, only 201/409 answers.
 *
 * PostgreSQL: DATABASE_URL, else 127.0.0.1:5432 when reachable. Without PostgreSQL the same
 * load and checks run against one in-process server on the embedded PGlite (the database is
 * then not shared by several processes, which the test reports).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'pg';
import {
  LOCAL_POSTGRES,
  type ScratchDatabase,
  type ServerProcess,
  adminKey,
  createDatabase,
  plannerKey,
  postgresReachable,
  request,
  runPool,
  startServerOnFreePort,
  stopServer,
} from '../../bench/allocate/servers';
import { Database } from '../../src/platform/database/database.service';
import { startTestApp, type TestApp } from '../support/test-app';

const TOTAL = Number(process.env.MP_RESERVATIONS ?? 20_000);
const CLIENTS = 64;
const PROCESSES = 4;
const CLUSTERS = [
  { name: 'mp20', cidr: '10.20.0.0/20', usable: 4094 },
  { name: 'mp16', cidr: '10.16.0.0/16', usable: 65534 },
] as const;

type Query = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

interface Outcome {
  cluster: string;
  owner: string;
  status: number | 'transport';
  address?: string;
}

interface Target {
  base(): string | null;
  /** Called once when a quarter of the load is done. */
  midLoad(): Promise<void>;
  query: Query;
  label: string;
}

async function load(
  target: Target,
  token: string,
  outcomes: Outcome[],
  count: number,
  prefix: string,
): Promise<void> {
  let done = 0;
  let killed: Promise<void> | null = null;
  await runPool(count, CLIENTS, async (i) => {
    const cluster = CLUSTERS[i % 2]!.name;
    const owner = `${prefix}-${i}`;
    const base = target.base();
    if (!base) return;
    try {
      const r = await request(
        base,
        'POST',
        `/v1/clusters/${cluster}/ip-allocations`,
        { owner },
        { authorization: `Bearer ${token}` },
      );
      outcomes.push({
        cluster,
        owner,
        status: r.status,
        address: r.status === 201 ? (r.body as { address: string }).address : undefined,
      });
    } catch {
      outcomes.push({ cluster, owner, status: 'transport' });
    }
    if (++done === Math.floor(count / 4)) killed = target.midLoad();
  });
  if (killed) await killed;
}

async function verify(q: Query, outcomes: Outcome[]): Promise<void> {
  const statuses = new Set(outcomes.map((o) => o.status).filter((s) => s !== 'transport'));
  assert.ok(
    [...statuses].every((s) => s === 201 || s === 409),
    `unexpected statuses ${[...statuses].join(',')}`,
  );
  assert.ok(statuses.has(201));
  for (const c of CLUSTERS) {
    const [cluster] = await q('SELECT id::text AS id FROM clusters WHERE name = $1', [c.name]);
    const id = cluster!.id as string;
    const rows = await q('SELECT address, owner FROM ip_allocations WHERE cluster_id = $1::uuid', [
      id,
    ]);
    const byAddress = new Map(rows.map((r) => [r.address as string, r.owner as string]));
    assert.equal(byAddress.size, rows.length, `${c.name}: an address appears twice`);
    const acked = outcomes.filter((o) => o.cluster === c.name && o.status === 201);
    assert.equal(
      new Set(acked.map((o) => o.address)).size,
      acked.length,
      `${c.name}: one address acknowledged twice`,
    );
    for (const o of acked)
      assert.equal(
        byAddress.get(o.address!),
        o.owner,
        `${c.name}: acknowledged ${o.address} missing`,
      );
    // Rows no request owns: only the seeded kubernetes Service and requests cut off by the kill.
    const cutOff = new Set(
      outcomes.filter((o) => o.cluster === c.name && o.status === 'transport').map((o) => o.owner),
    );
    const ackedOwners = new Set(acked.map((o) => o.owner));
    for (const [address, owner] of byAddress) {
      if (owner === 'service:default/kubernetes' || ackedOwners.has(owner)) continue;
      assert.ok(
        cutOff.has(owner),
        `${c.name}: ${address} held by ${owner}, which no request was answered for or cut off`,
      );
    }
    const counters = await q(
      `SELECT scope, sum(count)::text AS n FROM allocation_counters WHERE cluster_id = $1::uuid AND kind = 'ip' GROUP BY scope HAVING sum(count) <> 0 ORDER BY scope`,
      [id],
    );
    const actual = await q(
      `SELECT family || '/' || band AS scope, count(*)::text AS n FROM ip_allocations WHERE cluster_id = $1::uuid GROUP BY 1 ORDER BY 1`,
      [id],
    );
    assert.deepEqual(counters, actual, `${c.name}: counters differ from rows`);
    const [audit] = await q(
      `SELECT (count(*) FILTER (WHERE action = 'ip.allocate') - count(*) FILTER (WHERE action = 'ip.release'))::int AS n FROM audit_events WHERE cluster_id = $1::uuid`,
      [id],
    );
    assert.equal(audit!.n, rows.length, `${c.name}: audit events differ from rows`);
    const requests = outcomes.filter((o) => o.cluster === c.name).length;
    if (requests >= c.usable)
      assert.equal(rows.length, c.usable, `${c.name} should be exactly full`);
  }
}

describe(
  'replicas sharing one database under load, one killed mid-load',
  { timeout: 600_000 },
  () => {
    let base: string | null = null;
    before(async () => {
      const candidate = process.env.DATABASE_URL || LOCAL_POSTGRES;
      if (await postgresReachable(candidate)) base = candidate;
    });

    it(`${PROCESSES} processes, ${CLIENTS} clients, ${TOTAL} dynamic reservations into a /20 and a /16`, async (t) => {
      if (!base) {
        t.diagnostic(
          'PostgreSQL is not reachable: running the load against one in-process server on PGlite instead',
        );
        await inProcess(Math.min(TOTAL, 10_000));
        return;
      }
      const scratch: ScratchDatabase = await createDatabase(base, 'stackplan_mp');
      const db = new Client({ connectionString: scratch.url });
      const servers: Array<ServerProcess | null> = [];
      const env = { DATABASE_POOL_SIZE: '6' };
      try {
        servers.push(
          ...(await Promise.all(
            Array.from({ length: PROCESSES }, () => startServerOnFreePort(scratch.url, env)),
          )),
        );
        await db.connect();
        const first = servers[0]!.url;
        const token = await plannerKey(first, 'mp');
        const admin = await adminKey(first, 'mp');
        for (const c of CLUSTERS) {
          const r = await request(
            first,
            'POST',
            '/v1/clusters',
            {
              name: c.name,
              kubernetesVersion: '1.30',
              serviceCIDRs: [c.cidr],
              dnsServiceIP: 'none',
            },
            { authorization: `Bearer ${admin}` },
          );
          assert.equal(r.status, 201, JSON.stringify(r.body));
        }
        const victim = 1;
        let rr = 0;
        let killedAt = 0;
        let restartedAt = 0;
        const target: Target = {
          label: 'postgresql',
          query: async (sql, params) => (await db.query(sql, params)).rows,
          base() {
            for (let k = 0; k < PROCESSES; k++) {
              const s = servers[rr++ % PROCESSES];
              if (s) return s.url;
            }
            return null;
          },
          async midLoad() {
            const s = servers[victim]!;
            servers[victim] = null;
            killedAt = Date.now();
            s.child.kill('SIGKILL');
            await s.exited;
            // A fresh port: the old one may have been taken by another process meanwhile.
            servers[victim] = await startServerOnFreePort(scratch.url, env);
            restartedAt = Date.now();
          },
        };
        const outcomes: Outcome[] = [];
        const started = Date.now();
        await load(target, token, outcomes, TOTAL, 'mp');
        const seconds = (Date.now() - started) / 1000;
        const count = (s: Outcome['status']) => outcomes.filter((o) => o.status === s).length;
        t.diagnostic(
          `${outcomes.length} requests in ${seconds.toFixed(1)}s: ${count(201)} × 201, ${count(409)} × 409, ${count('transport')} cut off by the kill`,
        );
        t.diagnostic(
          `killed after ${((killedAt - started) / 1000).toFixed(1)}s, serving again after ${((restartedAt - killedAt) / 1000).toFixed(1)}s`,
        );
        await verify(target.query, outcomes);

        // The restarted replica serves, and the invariants still hold afterwards.
        const restarted = servers[victim]!.url;
        for (let i = 0; i < 20; i++) {
          const r = await request(
            restarted,
            'POST',
            '/v1/clusters/mp16/ip-allocations',
            { owner: `after-${i}` },
            { authorization: `Bearer ${token}` },
          );
          assert.equal(r.status, 201);
          outcomes.push({
            cluster: 'mp16',
            owner: `after-${i}`,
            status: 201,
            address: (r.body as { address: string }).address,
          });
        }
        await verify(target.query, outcomes);
        assert.equal((await request(restarted, 'GET', '/readyz')).status, 200);
      } finally {
        await db.end().catch(() => undefined);
        for (const s of servers) if (s) await stopServer(s);
        await scratch.drop();
      }
    });
  },
);

/** The same load and checks against one in-process server (no PostgreSQL available). */
async function inProcess(total: number): Promise<void> {
  const app: TestApp = await startTestApp();
  try {
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.app.getHttpServer().address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const tenant = await app.tenant('mp');
    for (const c of CLUSTERS) {
      const r = await request(
        url,
        'POST',
        '/v1/clusters',
        { name: c.name, kubernetesVersion: '1.30', serviceCIDRs: [c.cidr], dnsServiceIP: 'none' },
        { authorization: `Bearer ${tenant.admin}` },
      );
      assert.equal(r.status, 201);
    }
    const prisma = app.app.get(Database).prisma;
    const outcomes: Outcome[] = [];
    await load(
      {
        label: 'pglite',
        base: () => url,
        midLoad: async () => undefined,
        query: (sql, params) => prisma.$queryRawUnsafe(sql, ...params),
      },
      tenant.planner,
      outcomes,
      total,
      'mp',
    );
    await verify((sql, params) => prisma.$queryRawUnsafe(sql, ...params), outcomes);
  } finally {
    await app.close();
  }
}
