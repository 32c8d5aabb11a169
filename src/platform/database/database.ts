/**
 * Opens the database the configuration names: PostgreSQL through `@prisma/adapter-pg` when
 * DATABASE_URL is set, otherwise the embedded PGlite kept in STACKPLAN_DATA_DIR
 * ("memory://" keeps it in memory, for tests). Pending migrations are applied before the
 * Prisma client is handed out.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../generated/prisma/client';
import { migrate, readMigrations, type MigrateResult } from './migrator';
import { pgSession, pgliteSession } from './sql-connection';

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  poolSize: number;
}

export interface OpenDatabase {
  prisma: PrismaClient;
  kind: 'postgresql' | 'pglite';
  migrations: MigrateResult;
  close(): Promise<void>;
}

/** The project root: the nearest folder above this file that holds package.json. */
export function projectRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + from);
    dir = up;
  }
  return dir;
}

export const migrationsDir = (): string => join(projectRoot(), 'prisma', 'migrations');

export async function openDatabase(opts: DatabaseOptions): Promise<OpenDatabase> {
  const migrations = readMigrations(migrationsDir());
  if (opts.databaseUrl) {
    const session = await pgSession(opts.databaseUrl);
    let result: MigrateResult;
    try {
      result = await migrate(session, migrations);
    } finally {
      await session.close();
    }
    const adapter = new PrismaPg({ connectionString: opts.databaseUrl, max: opts.poolSize });
    const prisma = new PrismaClient({ adapter });
    return { prisma, kind: 'postgresql', migrations: result, close: () => prisma.$disconnect() };
  }
  const memory = opts.dataDir.startsWith('memory://');
  const path = memory ? 'memory://' : join(opts.dataDir, 'pgdata');
  if (!memory) mkdirSync(path, { recursive: true });
  const db = await PGlite.create(path);
  const result = await migrate(pgliteSession(db), migrations);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    prisma,
    kind: 'pglite',
    migrations: result,
    close: async () => {
      await prisma.$disconnect();
      await db.close();
    },
  };
}
