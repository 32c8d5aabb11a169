/**
 * `Idempotency-Key` on mutating IPAM calls (API.md "Conventions"): a retry with the same key
 * and body gets the first answer (status and body, errors included) and changes nothing; the
 * same key with a different request is 422. The key is claimed in the same transaction as
 * the work it guards, so N concurrent identical requests make exactly one change: the
 * database's primary key on the record decides which one runs, the rest wait and replay.
 * Unexpected (5xx) failures are not recorded: the transaction rolls back and a retry runs.
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Status } from '../../core/errors/status';
import { Transactions, type Tx } from '../../platform/database/transactions';
import { AppError } from '../../platform/errors/app-error';
import { IdempotencyRepository, type StoredAnswer } from './idempotency.repository';

export interface Answer<T> {
  status: number;
  body: T;
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[\x21-\x7e]{1,255}$/;

/** JSON with object keys sorted, so two equal bodies hash the same whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export const requestHash = (request: unknown): string =>
  createHash('sha256').update(canonical(request)).digest('hex');

type Outcome<T> =
  | { kind: 'done'; answer: Answer<T> }
  | { kind: 'failed'; error: AppError }
  | { kind: 'replay'; stored: StoredAnswer | null };

@Injectable()
export class Idempotency {
  constructor(
    private readonly repo: IdempotencyRepository,
    private readonly transactions: Transactions,
  ) {}

  /**
   * Runs `work` once per key. Without a key, `work` runs in a transaction when `needsTx`
   * (all-or-none work of several statements) and on the pool otherwise (one statement).
   */
  async run<T>(
    tenantId: string,
    scope: string,
    key: string | undefined,
    request: unknown,
    needsTx: boolean,
    work: (tx: Tx | null) => Promise<Answer<T>>,
  ): Promise<Answer<T>> {
    if (key === undefined) return needsTx ? this.transactions.run((tx) => work(tx)) : work(null);
    if (!KEY.test(key)) {
      throw AppError.of(
        400,
        'BadRequest',
        'the Idempotency-Key header must be 1-255 printable ASCII characters',
        {
          causes: [
            { reason: 'FieldValueInvalid', field: 'Idempotency-Key', message: 'Invalid value' },
          ],
        },
      );
    }
    const hash = requestHash(request);
    const earlier = await this.repo.find(undefined, tenantId, scope, key);
    if (earlier) return replay<T>(earlier, hash, key);
    const outcome = await this.transactions.run(async (tx): Promise<Outcome<T>> => {
      if (!(await this.repo.claim(tx, tenantId, scope, key, hash))) {
        return { kind: 'replay', stored: await this.repo.find(tx, tenantId, scope, key) };
      }
      await this.repo.savepoint(tx, 'idempotent_work');
      try {
        const answer = await work(tx);
        await this.repo.complete(tx, tenantId, scope, key, answer.status, answer.body);
        return { kind: 'done', answer };
      } catch (e) {
        if (!(e instanceof AppError) || e.status.code >= 500) throw e;
        await this.repo.rollbackTo(tx, 'idempotent_work');
        await this.repo.complete(tx, tenantId, scope, key, e.status.code, e.status);
        return { kind: 'failed', error: e };
      }
    });
    if (outcome.kind === 'done') return outcome.answer;
    if (outcome.kind === 'failed') throw outcome.error;
    if (!outcome.stored)
      throw AppError.of(
        409,
        'Conflict',
        `a request with Idempotency-Key "${key}" is still in progress; retry later`,
      );
    return replay<T>(outcome.stored, hash, key);
  }
}

function replay<T>(stored: StoredAnswer, hash: string, key: string): Answer<T> {
  if (stored.requestHash !== hash) {
    throw AppError.of(
      422,
      'Invalid',
      `the Idempotency-Key "${key}" was already used with a different request`,
      {
        causes: [
          {
            reason: 'FieldValueInvalid',
            field: 'Idempotency-Key',
            message: 'Invalid value: already used with a different request',
          },
        ],
      },
    );
  }
  if (stored.status >= 400) throw new AppError(stored.response as Status);
  return { status: stored.status, body: stored.response as T };
}
