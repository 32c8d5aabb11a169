/**
 * Group commit for autocommit reservations on PostgreSQL (platform/database/coalescer.ts):
 * the `take` calls of one pool (cluster, generation, family) that gather while earlier
 * statements of that pool are running go together in one statement, so that concurrent
 * reservations share a round trip, a plan execution and a WAL flush instead of paying for
 * each; a lone call runs at once, in the single-request form of the statement. A request still gets exactly what it would have
 * got alone (its first `n` free candidates, or fewer when a concurrent writer won a race),
 * because a batch only ever holds requests whose candidates are disjoint; a request that
 * overlaps the batch goes into another statement. Nothing here decides a race: the unique
 * constraints still do.
 */
import { Injectable } from '@nestjs/common';
import { Coalescer } from '../../platform/database/coalescer';
import { randomShard } from './allocation-counters.repository';
import { DirectSql } from './direct-sql';
import { TAKE_IPS_SQL, TAKE_ONE_SQL } from './ip-take.sql';
import type { IpPool, IpWriter, RawIpRow } from './ip-allocations.repository';
import { plainArray } from '../../platform/database/plain-array';

/** Requests per statement: bounds the statement's size and one failure's reach. */
const MAX_BATCH = 64;

export interface TakeCandidate {
  ordinal: bigint;
  address: string;
}

/**
 * A row as the statement returns it; `r` is the request's index in its batch. With nothing
 * inserted the statement still answers one row, of nulls but for `live`.
 */
export type TakenRow = RawIpRow & { live: number; r: number | null };

/** One request's outcome: `live` false when the pool's cluster row moved (nothing written). */
export interface Taken {
  live: boolean;
  rows: TakenRow[];
}

export interface TakeRequest {
  pool: IpPool;
  who: IpWriter;
  candidates: readonly TakeCandidate[];
  n: number;
}

/** The statement's parameters for `requests`, all on `pool`. */
export function takeParameters(
  pool: IpPool,
  requests: ReadonlyArray<Pick<TakeRequest, 'who' | 'candidates' | 'n'>>,
): unknown[] {
  const candR: number[] = [];
  const candPos: number[] = [];
  const candOrd: string[] = [];
  const candAddr: string[] = [];
  requests.forEach((q, r) =>
    q.candidates.forEach((c, pos) => {
      candR.push(r);
      candPos.push(pos);
      candOrd.push(c.ordinal.toString());
      candAddr.push(c.address);
    }),
  );
  return [
    pool.clusterId,
    pool.tenantId,
    pool.generation ?? null,
    pool.family,
    pool.cidr,
    pool.staticLast.toString(),
    randomShard(),
    plainArray(requests.map((_, r) => r)),
    requests.map((q) => q.who.owner),
    requests.map((q) => q.who.description),
    requests.map((q) => q.who.serviceUid),
    requests.map((q) => q.who.actor),
    plainArray(requests.map((q) => q.n)),
    plainArray(candR),
    plainArray(candPos),
    plainArray(candOrd),
    plainArray(candAddr),
  ];
}

/** `TAKE_ONE_SQL`'s parameters. */
export function takeOneParameters(q: TakeRequest): unknown[] {
  return [
    q.pool.clusterId,
    q.pool.tenantId,
    q.pool.generation ?? null,
    q.pool.family,
    plainArray(q.candidates.map((c) => c.ordinal)),
    plainArray(q.candidates.map((c) => c.address)),
    q.n,
    q.pool.cidr,
    q.pool.staticLast.toString(),
    q.who.owner,
    q.who.description,
    q.who.serviceUid,
    randomShard(),
    q.who.actor,
  ];
}

const poolKey = (p: IpPool): string =>
  `${p.clusterId}|${p.tenantId}|${p.generation ?? ''}|${p.family}|${p.cidr}|${p.staticLast}`;

@Injectable()
export class IpTakeBatcher {
  /**
   * At most two statements of a pool run at once: on a 2-core machine, fewer and larger
   * batches beat more parallel ones (bench/allocate, 16 and 64 clients: 1 and 2 in flight
   * ~3.3–3.7k and ~4.5–5.1k reservations/s, 4 in flight ~3.0–3.2k and ~4.0–4.4k, 8 ~2.4k and
   * ~3.5–3.9k); a lone request still runs at once.
   */
  private readonly coalescer = new Coalescer<TakeRequest, Taken>(
    (_key, batch) => this.run(batch),
    disjointBatches,
    2,
  );

  constructor(private readonly direct: DirectSql) {}

  /** Statements run and requests they carried, since start. */
  get stats(): { statements: number; requests: number } {
    return { statements: this.coalescer.stats.batches, requests: this.coalescer.stats.calls };
  }

  /** Up to `n` of `candidates` that are free, taken in a statement shared with concurrent calls. */
  take(pool: IpPool, who: IpWriter, candidates: readonly TakeCandidate[], n: number) {
    return this.coalescer.submit(poolKey(pool), { pool, who, candidates, n });
  }

  private async run(batch: TakeRequest[]): Promise<Taken[]> {
    if (batch.length === 1) {
      const rows = await this.direct.query<TakenRow>(
        'ipam_take_ip',
        TAKE_ONE_SQL,
        takeOneParameters(batch[0]!),
      );
      return [{ live: (rows[0]?.live ?? 0) > 0, rows: rows.filter((r) => r.address !== null) }];
    }
    const rows = await this.direct.query<TakenRow>(
      'ipam_take_ips',
      TAKE_IPS_SQL,
      takeParameters(batch[0]!.pool, batch),
    );
    const live = (rows[0]?.live ?? 0) > 0;
    return batch.map((_, r) => ({ live, rows: rows.filter((row) => row.r === r) }));
  }
}

/** Splits requests into batches of at most MAX_BATCH whose candidate sets are disjoint. */
export function disjointBatches<T extends { candidates: readonly TakeCandidate[] }>(
  requests: readonly T[],
): T[][] {
  const batches: Array<{ items: T[]; seen: Set<bigint> }> = [];
  for (const q of requests) {
    const fits = (b: { items: T[]; seen: Set<bigint> }) =>
      b.items.length < MAX_BATCH && q.candidates.every((c) => !b.seen.has(c.ordinal));
    let b = batches.find(fits);
    if (!b) batches.push((b = { items: [], seen: new Set() }));
    b.items.push(q);
    for (const c of q.candidates) b.seen.add(c.ordinal);
  }
  return batches.map((b) => b.items);
}
