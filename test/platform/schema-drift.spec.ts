import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { migrate, readMigrations } from '../../src/platform/database/migrator';
import { pgliteSession, pgSession } from '../../src/platform/database/sql-connection';
import { migrationsDir, projectRoot } from '../../src/platform/database/database';
import { diffShapes, readDatabaseShape } from '../support/db-shape';
import { parsePrismaSchema } from '../support/prisma-schema';
import { createTestDatabase } from '../support/test-database';

const schema = parsePrismaSchema(
  readFileSync(join(projectRoot(), 'prisma', 'schema.prisma'), 'utf8'),
);

async function migratedShape() {
  const db = await createTestDatabase();
  if (db.databaseUrl) {
    const session = await pgSession(db.databaseUrl);
    await migrate(session, readMigrations(migrationsDir()));
    await session.close();
    const c = new Client({ connectionString: db.databaseUrl });
    await c.connect();
    const shape = await readDatabaseShape(async (sql) => (await c.query(sql)).rows);
    await c.end();
    await db.drop();
    return shape;
  }
  const pg = await PGlite.create('memory://');
  await migrate(pgliteSession(pg), readMigrations(migrationsDir()));
  const shape = await readDatabaseShape(
    async (sql) => (await pg.query<Record<string, unknown>>(sql)).rows,
  );
  await pg.close();
  return shape;
}

describe('migrations and schema.prisma agree', () => {
  it('every table, column, type, nullability, key, index and foreign key matches', async () => {
    const diff = diffShapes(schema, await migratedShape());
    assert.deepEqual(diff, []);
  });

  it('a missing or mistyped column is caught', async () => {
    const actual = await migratedShape();
    const missing = structuredClone(schema);
    missing[0]!.columns.push({ name: 'extra_column', type: 'text', nullable: false });
    assert.ok(diffShapes(missing, actual).some((l) => l.includes('extra_column')));
    const mistyped = structuredClone(schema);
    mistyped[0]!.columns[0]!.type = 'integer';
    assert.ok(diffShapes(mistyped, actual).length > 0);
  });

  it('records applied migrations the way prisma migrate deploy does', async () => {
    const pg = await PGlite.create('memory://');
    const first = await migrate(pgliteSession(pg), readMigrations(migrationsDir()));
    const again = await migrate(pgliteSession(pg), readMigrations(migrationsDir()));
    assert.deepEqual(
      first.applied,
      readMigrations(migrationsDir()).map((m) => m.name),
    );
    assert.deepEqual(again.applied, []);
    const rows = (
      await pg.query<{
        migration_name: string;
        checksum: string;
        applied_steps_count: number;
        finished_at: Date | null;
      }>(
        'SELECT migration_name, checksum, applied_steps_count, finished_at FROM _prisma_migrations',
      )
    ).rows;
    assert.equal(rows.length, first.applied.length);
    for (const r of rows) {
      assert.equal(r.applied_steps_count, 1);
      assert.ok(r.finished_at);
      assert.match(r.checksum, /^[0-9a-f]{64}$/);
    }
    await pg.close();
  });
});
