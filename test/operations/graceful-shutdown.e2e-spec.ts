/**
 * SIGTERM while requests are in flight: the listening socket closes at once (new connections
 * are refused), the requests already received complete with their normal answers and their
 * writes are kept, and the process exits 0 within a few seconds of the last answer.
 *
 * "In flight" is made deterministic by the client: each request sends its headers and half
 * its body before the signal and the rest after it, so the server has accepted it and is
 * still reading it when it is told to stop, however fast the server is.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  callJson,
  connectError,
  killAll,
  type ServerProcess,
  sleep,
  startServer,
} from './server-process';

const OPERATOR = 'graceful-shutdown-operator-token';

interface Upload {
  /** Sends the rest of the body. */
  finish(): void;
  reply: Promise<{ status: number; body: Record<string, unknown>; at: number }>;
}

/** A JSON request whose body is sent in two halves. */
function slowUpload(
  port: number,
  method: string,
  path: string,
  token: string,
  body: unknown,
): Upload {
  const payload = Buffer.from(JSON.stringify(body));
  const half = Math.floor(payload.length / 2);
  const req = http.request({
    host: '127.0.0.1',
    port,
    method,
    path,
    agent: false,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': String(payload.length),
    },
  });
  const reply = new Promise<{ status: number; body: Record<string, unknown>; at: number }>(
    (resolve, reject) => {
      req.on('error', reject);
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(text) as Record<string, unknown>,
            at: Date.now(),
          }),
        );
      });
    },
  );
  req.flushHeaders();
  req.write(payload.subarray(0, half));
  return { finish: () => req.end(payload.subarray(half)), reply };
}

function planList(n: number): unknown {
  const items = Array.from({ length: n }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `svc-${i}`, namespace: 'default' },
    spec: { type: 'NodePort', selector: { app: `a${i}` }, ports: [{ port: 80 }, { port: 443 }] },
  }));
  return { apiVersion: 'v1', kind: 'List', items };
}

describe('graceful shutdown on SIGTERM', () => {
  let db: TestDatabase | undefined;
  after(async () => {
    await killAll();
    await db?.drop();
  });

  it('refuses new connections, completes in-flight requests, keeps their writes, exits 0', async () => {
    db = await createTestDatabase();
    const env: Record<string, string> = {
      STACKPLAN_ADMIN_TOKEN: OPERATOR,
      LOG_LEVEL: 'warn',
      STACKPLAN_DATA_DIR: db.dataDir,
    };
    if (db.databaseUrl) env.DATABASE_URL = db.databaseUrl;
    const srv: ServerProcess = await startServer(env);
    await srv.waitReady();
    assert.equal(
      (await callJson(srv.port, 'POST', '/v1/tenants', OPERATOR, { name: 'acme' })).status,
      201,
    );
    const key = (
      await callJson(srv.port, 'POST', '/v1/tenants/acme/api-keys', OPERATOR, { role: 'admin' })
    ).json<{ token: string }>().token;
    assert.equal(
      (
        await callJson(srv.port, 'POST', '/v1/clusters', key, {
          name: 'c1',
          serviceCIDRs: ['10.0.0.0/16'],
        })
      ).status,
      201,
    );

    const uploads = {
      plan: slowUpload(srv.port, 'POST', '/v1/clusters/c1/plan', key, planList(40)),
      reserve: slowUpload(srv.port, 'POST', '/v1/clusters/c1/ip-allocations', key, {
        address: '10.0.0.77',
        owner: 'drain-test',
      }),
      tenant: slowUpload(srv.port, 'POST', '/v1/tenants', OPERATOR, { name: 'late-tenant' }),
    };
    await sleep(500); // the idle server reads the three requests' headers
    const signalledAt = Date.now();
    srv.proc.kill('SIGTERM');
    const exited = srv.exited.then((e) => ({ ...e, at: Date.now() }));

    let refused: string | null = null;
    while (
      Date.now() - signalledAt < 5_000 &&
      (refused = await connectError(srv.port)) !== 'ECONNREFUSED'
    )
      await sleep(10);
    assert.equal(
      refused,
      'ECONNREFUSED',
      'new connections are refused while requests are in flight',
    );
    const refusedAfter = Date.now() - signalledAt;

    for (const u of Object.values(uploads)) u.finish();
    const [plan, reserve, tenant] = await Promise.all([
      uploads.plan.reply,
      uploads.reserve.reply,
      uploads.tenant.reply,
    ]);
    assert.equal(plan.status, 200, JSON.stringify(plan.body).slice(0, 500));
    assert.equal((plan.body.items as unknown[]).length, 40);
    assert.equal(reserve.status, 201, JSON.stringify(reserve.body));
    assert.equal(reserve.body.address, '10.0.0.77');
    assert.equal(tenant.status, 201, JSON.stringify(tenant.body));
    const lastAt = Math.max(plan.at, reserve.at, tenant.at);

    const exit = await Promise.race([exited, sleep(10_000).then(() => null)]);
    assert.ok(exit, `exits within 10 s of the last answer\n${srv.stderr().slice(-2000)}`);
    assert.deepEqual(
      { code: exit.code, signal: exit.signal },
      { code: 0, signal: null },
      `exit status\n${srv.stderr().slice(-2000)}`,
    );
    assert.ok(exit.at - lastAt < 5_000, `exited ${exit.at - lastAt} ms after the last answer`);
    assert.ok(refusedAfter < 2_000, `listener closed ${refusedAfter} ms after SIGTERM`);
    assert.equal(await connectError(srv.port), 'ECONNREFUSED');

    const again = await startServer(env);
    await again.waitReady();
    assert.equal(
      (await callJson(again.port, 'GET', '/v1/tenants/late-tenant', OPERATOR)).status,
      200,
      'the drained write was committed',
    );
    const ips = await callJson(
      again.port,
      'GET',
      '/v1/clusters/c1/ip-allocations?owner=drain-test',
      key,
    );
    assert.deepEqual(
      ips.json<{ items: { address: string }[] }>().items.map((i) => i.address),
      ['10.0.0.77'],
    );
    assert.deepEqual(await again.stop('SIGTERM', 10_000), { code: 0, signal: null });
  });
});
