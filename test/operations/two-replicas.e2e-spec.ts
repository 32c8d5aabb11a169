/**
 * Two replicas started at the same moment against one empty PostgreSQL database: both
 * become ready, the migrations ran exactly once (the migrator's advisory lock), and they
 * share state. PostgreSQL is required: when it cannot be reached this test fails, it does
 * not skip.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { Client } from 'pg';
import { migrationsDir } from '../../src/platform/database/database';
import { readMigrations } from '../../src/platform/database/migrator';
import { callJson, killAll, startServer } from './server-process';

const OPERATOR = 'two-replicas-operator-token';
const BASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function admin<T>(fn: (c: Client) => Promise<T>, url = BASE_URL): Promise<T> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${url.replace(/:[^:@/]*@/, ':***@')} (${(e as Error).message}); ` +
        'this test needs a PostgreSQL server: start one or set DATABASE_URL',
    );
  }
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('two replicas on one fresh PostgreSQL database', () => {
  const name = `stackplan_ops_${randomBytes(6).toString('hex')}`;
  let created = false;
  after(async () => {
    await killAll();
    if (created) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it('start together, both become ready, migrations ran once', async () => {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    created = true;
    const url = new URL(BASE_URL);
    url.pathname = `/${name}`;
    const env = {
      DATABASE_URL: url.toString(),
      STACKPLAN_ADMIN_TOKEN: OPERATOR,
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: '4',
    };

    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    await Promise.all([a.waitReady(), b.waitReady()]);

    const expected = readMigrations(migrationsDir()).map((m) => ({
      name: m.name,
      checksum: m.checksum,
    }));
    assert.ok(expected.length > 0);
    const rows = await admin(
      async (c) =>
        (
          await c.query<{
            migration_name: string;
            checksum: string;
            finished: boolean;
            rolled_back: boolean;
          }>(
            'SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM "_prisma_migrations" ORDER BY migration_name',
          )
        ).rows,
      url.toString(),
    );
    assert.deepEqual(
      rows.map((r) => ({ name: r.migration_name, checksum: r.checksum })),
      expected,
      'exactly one row per migration directory, with its checksum',
    );
    assert.ok(
      rows.every((r) => r.finished && !r.rolled_back),
      'every migration finished',
    );

    const tenant = await callJson(a.port, 'POST', '/v1/tenants', OPERATOR, { name: 'shared' });
    assert.equal(tenant.status, 201, tenant.text);
    const seen = await callJson(b.port, 'GET', '/v1/tenants/shared', OPERATOR);
    assert.equal(seen.status, 200, 'the other replica sees the same database');
    assert.deepEqual(seen.json(), tenant.json());
    const dup = await callJson(b.port, 'POST', '/v1/tenants', OPERATOR, { name: 'shared' });
    assert.equal(dup.status, 409, dup.text);

    const exits = await Promise.all([a.stop(), b.stop()]);
    assert.deepEqual(exits, [
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  });
});
