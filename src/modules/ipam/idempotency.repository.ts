/**
 * Idempotency records: the first answer to a mutating call made with an `Idempotency-Key`.
 * The primary key (tenant, scope, key) is the arbiter between concurrent retries: the first
 * transaction to insert the row owns the key until it commits; the others wait on the key's
 * index entry and then read the stored answer.
 */
import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database.service';
import { clientOf, type Tx } from '../../platform/database/transactions';

export interface StoredAnswer {
  requestHash: string;
  status: number;
  response: unknown;
}

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: Database) {}

  async find(
    tx: Tx | undefined,
    tenantId: string,
    scope: string,
    key: string,
  ): Promise<StoredAnswer | null> {
    const rows = await clientOf(this.db, tx).$queryRaw<
      Array<{ request_hash: string; status: number; response: unknown }>
    >`
      SELECT request_hash, status, response FROM idempotency_records
      WHERE tenant_id = ${tenantId}::uuid AND scope = ${scope} AND key = ${key}`;
    const r = rows[0];
    // The answer is kept as its JSON text (a jsonb string), so a replay is byte-identical.
    const response = typeof r?.response === 'string' ? (JSON.parse(r.response) as unknown) : null;
    return r ? { requestHash: r.request_hash, status: r.status, response } : null;
  }

  /** Claims the key inside `tx` (true), or finds it taken by a committed request (false). */
  async claim(
    tx: Tx,
    tenantId: string,
    scope: string,
    key: string,
    requestHash: string,
  ): Promise<boolean> {
    const rows = await clientOf(this.db, tx).$queryRaw<unknown[]>`
      INSERT INTO idempotency_records (tenant_id, scope, key, request_hash, status, response)
      VALUES (${tenantId}::uuid, ${scope}, ${key}, ${requestHash}, 0, 'null'::jsonb)
      ON CONFLICT DO NOTHING
      RETURNING 1`;
    return rows.length > 0;
  }

  async complete(
    tx: Tx,
    tenantId: string,
    scope: string,
    key: string,
    status: number,
    response: unknown,
  ): Promise<void> {
    await clientOf(this.db, tx).$executeRaw`
      UPDATE idempotency_records SET status = ${status}, response = to_jsonb(${JSON.stringify(response)}::text)
      WHERE tenant_id = ${tenantId}::uuid AND scope = ${scope} AND key = ${key}`;
  }

  async savepoint(tx: Tx, name: 'idempotent_work'): Promise<void> {
    await clientOf(this.db, tx).$executeRawUnsafe(`SAVEPOINT ${name}`);
  }

  async rollbackTo(tx: Tx, name: 'idempotent_work'): Promise<void> {
    await clientOf(this.db, tx).$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);
  }
}
