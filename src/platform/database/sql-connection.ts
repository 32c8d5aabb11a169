/**
 * A raw SQL session on one connection, for the migrator (multi-statement scripts and a
 * session-level advisory lock need one connection, which Prisma's pool does not promise).
 */
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';

export interface SqlSession {
  /** Runs a script of one or more statements (simple query protocol). */
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function pgSession(url: string): Promise<SqlSession> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}

/** PGlite has one connection; closing the session leaves the database open. */
export function pgliteSession(db: PGlite): SqlSession {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await db.query<T>(sql, params)).rows,
    close: async () => undefined,
  };
}
