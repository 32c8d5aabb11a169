/**
 * Applies prisma/migrations at start-up the way `prisma migrate deploy` does: under
 * Prisma's advisory lock, one transaction per migration, recorded in `_prisma_migrations`
 * with the same columns and sha256 checksum, so the Prisma CLI sees the same history.
 * Several replicas starting at once serialise on the lock; the later ones find nothing to do.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlSession } from './sql-connection';

/** The key `prisma migrate` locks (schema-engine `advisory_lock`). */
const PRISMA_ADVISORY_LOCK = 72707369;

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`migrations directory not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export interface MigrateResult {
  applied: string[];
}

export async function migrate(
  session: SqlSession,
  migrations: Migration[],
): Promise<MigrateResult> {
  await session.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
  try {
    await session.exec(MIGRATIONS_TABLE);
    const done = await session.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const byName = new Map(done.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const m of migrations) {
      const row = byName.get(m.name);
      if (row) {
        if (row.finished_at === null)
          throw new Error(`migration ${m.name} failed earlier and needs attention`);
        if (row.checksum !== m.checksum)
          throw new Error(`migration ${m.name} was modified after it was applied`);
        continue;
      }
      const id = randomUUID();
      await session.exec('BEGIN');
      try {
        await session.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
          [id, m.checksum, m.name],
        );
        await session.exec(m.sql);
        await session.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        );
        await session.exec('COMMIT');
      } catch (err) {
        await session.exec('ROLLBACK');
        throw err;
      }
      applied.push(m.name);
    }
    return { applied };
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
  }
}
