/**
 * Units of work. Services run a use case inside `Transactions.run`; repositories receive the
 * opaque `Tx` and reach the Prisma transaction client through `clientOf`. Prisma types stay
 * in repositories. Serialization failures and deadlocks are retried (the database has the
 * last word on conflicts; several replicas may run).
 */
import { Injectable } from '@nestjs/common';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Prisma } from '../../generated/prisma/client';
import { Database } from './database.service';

declare const txBrand: unique symbol;
/** An open transaction, opaque outside repositories. */
export type Tx = { readonly [txBrand]: true };

export type TxClient = Prisma.TransactionClient;

/** For repositories: the Prisma client of a transaction, or the pool when none is given. */
export const clientOf = (db: Database, tx?: Tx): TxClient | PrismaClient =>
  (tx as unknown as TxClient | undefined) ?? db.prisma;

const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryable(e: unknown): boolean {
  const err = e as {
    code?: string;
    meta?: { code?: string };
    cause?: { code?: string };
    message?: string;
  };
  if (err?.code === 'P2034') return true;
  const code = err?.meta?.code ?? err?.cause?.code ?? err?.code;
  if (code && RETRYABLE.has(code)) return true;
  return /could not serialize access|deadlock detected/.test(err?.message ?? '');
}

@Injectable()
export class Transactions {
  constructor(private readonly db: Database) {}

  async run<T>(
    fn: (tx: Tx) => Promise<T>,
    opts: { attempts?: number; timeoutMs?: number } = {},
  ): Promise<T> {
    const attempts = opts.attempts ?? 5;
    for (let i = 1; ; i++) {
      try {
        return await this.db.prisma.$transaction((tx) => fn(tx as unknown as Tx), {
          timeout: opts.timeoutMs ?? 30_000,
          maxWait: 10_000,
        });
      } catch (e) {
        if (i >= attempts || !isRetryable(e)) throw e;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * i));
      }
    }
  }
}
