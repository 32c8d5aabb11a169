/**
 * A fresh database per test file. With DATABASE_URL set: a new PostgreSQL database created
 * beside it and dropped afterwards. Otherwise an embedded PGlite in a temporary folder,
 * copied from a template that was initialised and migrated once per migration set (PGlite's
 * initdb is the slow part; copying its files is not).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { migrationsDir, projectRoot } from '../../src/platform/database/database';
import { migrate, readMigrations } from '../../src/platform/database/migrator';
import { pgliteSession } from '../../src/platform/database/sql-connection';

export interface TestDatabase {
  databaseUrl: string | null;
  dataDir: string;
  drop(): Promise<void>;
}

async function pgliteTemplate(): Promise<string> {
  const migrations = readMigrations(migrationsDir());
  const key = createHash('sha256')
    .update(migrations.map((m) => m.checksum).join())
    .digest('hex')
    .slice(0, 16);
  const dir = join(projectRoot(), 'dist', `.pglite-template-${key}`);
  if (existsSync(join(dir, 'READY'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
  mkdirSync(tmp, { recursive: true });
  const db = await PGlite.create(join(tmp, 'pgdata'));
  await migrate(pgliteSession(db), migrations);
  await db.close();
  writeFileSync(join(tmp, 'READY'), '');
  try {
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, 'READY'))) throw e;
  }
  return dir;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const template = await pgliteTemplate();
    const dataDir = mkdtempSync(join(tmpdir(), 'stackplan-test-'));
    cpSync(join(template, 'pgdata'), join(dataDir, 'pgdata'), { recursive: true });
    return {
      databaseUrl: null,
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `stackplan_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir: 'memory://',
    drop: async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
