/**
 * Runs the built server (`node dist/src/main.js`) as a child process on loopback, the way an
 * operator starts it, for the specs that need a real process: signals, exit codes, files,
 * stdout. Every process started here is tracked so `killAll()` in an `after` hook can
 * SIGKILL whatever a failed test left running.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../../src/platform/database/database';

export const MAIN_JS = join(projectRoot(), 'dist', 'src', 'main.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly port: number;
  readonly proc: ChildProcess;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<Exit>;
  /** Polls /readyz until 200; fails with the process output when it exits or times out. */
  waitReady(timeoutMs?: number): Promise<void>;
  /** Sends `signal` and waits for the exit (SIGKILL after timeoutMs, and then fails). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit>;
}

const running = new Set<ChildProcess>();

/** A port free on 127.0.0.1 right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts the server with exactly `env` plus PATH/HOST/PORT: nothing is inherited, so a
 * DATABASE_URL or STACKPLAN_ADMIN_TOKEN of the test runner never leaks in.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} not found: run tsc before the tests`);
  const port = await freePort();
  const proc = spawn(process.execPath, [MAIN_JS], {
    cwd: projectRoot(),
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  let out = '';
  let err = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<Exit>((resolve) => {
    proc.once('exit', (code, signal) => {
      running.delete(proc);
      resolve({ code, signal });
    });
  });
  let exit: Exit | null = null;
  void exited.then((e) => (exit = e));
  const describe = () =>
    `exit=${JSON.stringify(exit)}\n--- stdout (tail)\n${out.slice(-3000)}\n--- stderr (tail)\n${err.slice(-3000)}`;

  return {
    port,
    proc,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitReady(timeoutMs = 45_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (exit)
          throw new Error(`server on port ${port} exited before it was ready: ${describe()}`);
        const res = await call(port, 'GET', '/readyz').catch(() => null);
        if (res?.status === 200) return;
        await sleep(100);
      }
      throw new Error(`server on port ${port} not ready after ${timeoutMs} ms: ${describe()}`);
    },
    async stop(signal = 'SIGTERM', timeoutMs = 10_000) {
      if (exit) return exit;
      proc.kill(signal);
      const timer = sleep(timeoutMs).then(() => null);
      const result = await Promise.race([exited, timer]);
      if (result) return result;
      proc.kill('SIGKILL');
      await exited;
      throw new Error(`server did not exit within ${timeoutMs} ms of ${signal}: ${describe()}`);
    },
  };
}

/** For `after` hooks: SIGKILL every server still running and wait for them. */
export async function killAll(): Promise<void> {
  const left = [...running];
  await Promise.all(
    left.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.exitCode !== null || p.signalCode !== null) return resolve();
          p.once('exit', () => resolve());
          p.kill('SIGKILL');
        }),
    ),
  );
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = unknown>(): T;
}

/** One HTTP request on its own connection (no keep-alive pool hiding refused connections). */
export function call(
  port: number,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers: opts.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A JSON request with a bearer token. */
export function callJson(
  port: number,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return call(port, method, path, {
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Resolves with the error code when a TCP connect to the port fails, null when it succeeds. */
export function connectError(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(null);
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
