/**
 * Counts SQL statements the application sends, at the driver-adapter boundary (every query
 * Prisma runs, raw or not, on PGlite and PostgreSQL alike). Install before the app's first
 * query: the adapters are wrapped when Prisma connects.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

interface Queryable {
  queryRaw(...args: unknown[]): Promise<unknown>;
  executeRaw(...args: unknown[]): Promise<unknown>;
  startTransaction?(...args: unknown[]): Promise<Queryable>;
}

let statements = 0;
let installed = false;

function wrap<T extends Queryable>(q: T): T {
  for (const m of ['queryRaw', 'executeRaw'] as const) {
    const original = q[m].bind(q);
    q[m] = (...args: unknown[]) => {
      statements++;
      return original(...args);
    };
  }
  const start = q.startTransaction?.bind(q);
  if (start) q.startTransaction = async (...args: unknown[]) => wrap(await start(...args));
  return q;
}

export function installStatementCounter(): { readonly count: () => number } {
  if (!installed) {
    installed = true;
    for (const factory of [PrismaPGlite, PrismaPg] as unknown as {
      prototype: { connect(...a: unknown[]): Promise<Queryable> };
    }[]) {
      const connect = factory.prototype.connect;
      factory.prototype.connect = async function (this: unknown, ...args: unknown[]) {
        return wrap(await connect.apply(this, args));
      };
    }
  }
  return { count: () => statements };
}
