/**
 * Real server processes on loopback for the allocation benchmark and the multi-process
 * test: `node dist/src/main.js` on chosen ports, a throwaway PostgreSQL database, and a
 * keep-alive HTTP client.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../../src/platform/database/database';

export const ADMIN_TOKEN = 'bench-operator-token-0123456789';
export const LOCAL_POSTGRES = 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * A port nothing listens on right now, below the kernel's ephemeral range (where test
 * clients and `listen(0)` servers of other processes keep taking ports).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.unref();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export async function postgresReachable(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database beside `baseUrl`'s, dropped by `drop()`. */
export async function createDatabase(baseUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface ServerProcess {
  port: number;
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/** Starts `node dist/src/main.js` on `port` and waits until /readyz answers 200. */
export async function startServer(
  port: number,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the servers.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const main = join(projectRoot(__dirname), 'dist', 'src', 'main.js');
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      STACKPLAN_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      if (stderr.includes('EADDRINUSE')) throw new PortTaken(port);
      throw new Error(`server on ${port} exited ${child.exitCode}: ${stderr}`);
    }
    const res = await request(url, 'GET', '/readyz').catch(() => null);
    // Another process may have taken the port: only our operator token proves it is ours.
    if (res?.status === 200) {
      const mine = await request(url, 'GET', '/v1/tenants', undefined, {
        authorization: `Bearer ${ADMIN_TOKEN}`,
      }).catch(() => null);
      if (mine?.status === 200 && child.exitCode === null) return { port, url, child, exited };
      if (mine?.status === 401) {
        child.kill('SIGKILL');
        throw new PortTaken(port);
      }
    }
    if (Date.now() > deadline) throw new Error(`server on ${port} not ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The port was taken by another process between choosing it and listening on it. */
export class PortTaken extends Error {
  constructor(port: number) {
    super(`port ${port} is served by another process`);
  }
}

/** `startServer` on a free port, choosing another one if the port is taken meanwhile. */
export async function startServerOnFreePort(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServer(await freePort(), databaseUrl, env);
    } catch (e) {
      if (!(e instanceof PortTaken) || attempt >= 5) throw e;
    }
  }
}

export async function stopServer(
  s: ServerProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill(signal);
  await s.exited;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** One JSON request over a keep-alive connection; rejects on a transport failure. */
export function request(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(data
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // Non-JSON bodies (metrics) are returned as text.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

/** A tenant with a planner key, made through the operator token. */
export async function plannerKey(base: string, tenant: string): Promise<string> {
  const op = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const t = await request(base, 'POST', '/v1/tenants', { name: tenant }, op);
  if (t.status !== 201) throw new Error(`tenant: ${t.status} ${JSON.stringify(t.body)}`);
  const k = await request(base, 'POST', `/v1/tenants/${tenant}/api-keys`, { role: 'planner' }, op);
  if (k.status !== 201) throw new Error(`key: ${k.status} ${JSON.stringify(k.body)}`);
  return (k.body as { token: string }).token;
}

export async function adminKey(base: string, tenant: string): Promise<string> {
  const k = await request(
    base,
    'POST',
    `/v1/tenants/${tenant}/api-keys`,
    { role: 'admin' },
    { authorization: `Bearer ${ADMIN_TOKEN}` },
  );
  if (k.status !== 201) throw new Error(`key: ${k.status} ${JSON.stringify(k.body)}`);
  return (k.body as { token: string }).token;
}

/** Runs `jobs` over `concurrency` workers; each worker takes the next index. */
export async function runPool(
  count: number,
  concurrency: number,
  job: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) await job(i);
    }),
  );
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
