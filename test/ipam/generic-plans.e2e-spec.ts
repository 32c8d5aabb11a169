/**
 * The hot statements run as prepared statements with generic plans (DirectSql), planned once
 * per connection and kept for its life — often planned while the tables are still empty. Each
 * address probe must then still be a lookup by the whole primary key, and the stored-Service
 * read a lookup by the unique name: a plan that scans a cluster's rows by another index looks
 * the same on an empty table and becomes linear in the cluster's allocations as it fills.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { migrationsDir } from '../../src/platform/database/database';
import { migrate, readMigrations } from '../../src/platform/database/migrator';
import {
  type SqlSession,
  pgSession,
  pgliteSession,
} from '../../src/platform/database/sql-connection';
import { TAKE_IPS_SQL, TAKE_ONE_SQL } from '../../src/modules/ipam/ip-take.sql';
import { SNAPSHOT_SQL } from '../../src/modules/services/plan-reads.repository';
import { createTestDatabase } from '../support/test-database';

/** Every scan of `table` in a plan: its kind and the index it uses, if any. */
function scansOf(plan: string[], table: string): string[] {
  return plan
    .map((line) => new RegExp(`(\\w[\\w ]*Scan)(?: using (\\w+))? on ${table}\\b`).exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]!.trim()} ${m[2] ?? ''}`.trim());
}

async function genericPlan(session: SqlSession, sql: string, params: number): Promise<string[]> {
  const name = `probe_${Math.random().toString(36).slice(2, 10)}`;
  await session.exec('SET plan_cache_mode = force_generic_plan');
  await session.exec(`PREPARE ${name} AS ${sql}`);
  // A generic plan does not depend on the values: nulls are enough to show it.
  const rows = await session.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN EXECUTE ${name}(${Array.from({ length: params }, () => 'NULL').join(', ')})`,
  );
  await session.exec(`DEALLOCATE ${name}`);
  return rows.map((r) => r['QUERY PLAN']);
}

/** A freshly migrated, empty database: PostgreSQL with DATABASE_URL, else PGlite. */
async function withFreshDatabase(fn: (s: SqlSession) => Promise<void>): Promise<void> {
  if (process.env.DATABASE_URL) {
    const db = await createTestDatabase();
    const session = await pgSession(db.databaseUrl!);
    try {
      await migrate(session, readMigrations(migrationsDir()));
      await fn(session);
    } finally {
      await session.close();
      await db.drop();
    }
    return;
  }
  const pg = await PGlite.create('memory://');
  try {
    const session = pgliteSession(pg);
    await migrate(session, readMigrations(migrationsDir()));
    await fn(session);
  } finally {
    await pg.close();
  }
}

describe('generic plans of the hot statements, made on empty tables', () => {
  const onlyPrimaryKey = (scans: string[]) => {
    assert.ok(scans.length > 0, 'the plan probes ip_allocations');
    for (const s of scans) assert.match(s, /^Index (Only )?Scan ip_allocations_pkey$/);
  };

  it('a reservation (single and batch form) probes each candidate by the primary key', async () => {
    await withFreshDatabase(async (s) => {
      onlyPrimaryKey(scansOf(await genericPlan(s, TAKE_ONE_SQL, 14), 'ip_allocations'));
      onlyPrimaryKey(scansOf(await genericPlan(s, TAKE_IPS_SQL, 17), 'ip_allocations'));
    });
  });

  it('a plan read probes by the primary key and reads the Service by its unique name', async () => {
    await withFreshDatabase(async (s) => {
      const plan = await genericPlan(s, SNAPSHOT_SQL, 9);
      onlyPrimaryKey(scansOf(plan, 'ip_allocations'));
      assert.deepEqual(scansOf(plan, 'services'), [
        'Index Scan services_cluster_id_namespace_name_key',
      ]);
    });
  });
});
