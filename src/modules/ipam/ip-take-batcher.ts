/**
 * Group commit for autocommit reservations on PostgreSQL: the `take` calls that arrive in
 * the same turn of the event loop for the same pool (cluster, generation, family) run as
 * one statement, so that concurrent reservations share a round trip, a plan execution and
 * a WAL flush instead of paying for each. A request still gets exactly what it would have
 * got alone (its first `n` free candidates, or fewer when a concurrent writer won a race),
 * because a batch only ever holds requests whose candidates are disjoint; a request that
 * overlaps the batch goes into another statement. Nothing here decides a race: the unique
 * constraints still do.
 */
import { Injectable } from '@nestjs/common';
import { randomShard } from './allocation-counters.repository';
import { DirectSql } from './direct-sql';
import { TAKE_IPS_SQL } from './ip-take.sql';
import type { IpPool, IpWriter, RawIpRow } from './ip-allocations.repository';

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

interface Pending {
  who: IpWriter;
  candidates: readonly TakeCandidate[];
  n: number;
  resolve: (taken: Taken) => void;
  reject: (e: unknown) => void;
}

/** The statement's parameters for `requests`, all on `pool`. */
export function takeParameters(
  pool: IpPool,
  requests: ReadonlyArray<Pick<Pending, 'who' | 'candidates' | 'n'>>,
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
    requests.map((_, r) => r),
    requests.map((q) => q.who.owner),
    requests.map((q) => q.who.description),
    requests.map((q) => q.who.serviceUid),
    requests.map((q) => q.who.actor),
    requests.map((q) => q.n),
    candR,
    candPos,
    candOrd,
    candAddr,
  ];
}

const poolKey = (p: IpPool): string =>
  [p.clusterId, p.tenantId, p.generation ?? '', p.family, p.cidr, p.staticLast].join('|');

@Injectable()
export class IpTakeBatcher {
  private readonly queued = new Map<string, { pool: IpPool; requests: Pending[] }>();
  private scheduled = false;
  /** Statements run and requests they carried, since start (requests/statements = batch size). */
  readonly stats = { statements: 0, requests: 0 };

  constructor(private readonly direct: DirectSql) {}

  /** Up to `n` of `candidates` that are free, taken in a statement shared with concurrent calls. */
  take(pool: IpPool, who: IpWriter, candidates: readonly TakeCandidate[], n: number) {
    return new Promise<Taken>((resolve, reject) => {
      const key = poolKey(pool);
      let group = this.queued.get(key);
      if (!group) this.queued.set(key, (group = { pool, requests: [] }));
      group.requests.push({ who, candidates, n, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const groups = [...this.queued.values()];
    this.queued.clear();
    for (const { pool, requests } of groups)
      for (const batch of disjointBatches(requests)) void this.run(pool, batch);
  }

  private async run(pool: IpPool, batch: Pending[]): Promise<void> {
    this.stats.statements++;
    this.stats.requests += batch.length;
    try {
      const rows = await this.direct.query<TakenRow>(
        'ipam_take_ips',
        TAKE_IPS_SQL,
        takeParameters(pool, batch),
      );
      const live = (rows[0]?.live ?? 0) > 0;
      batch.forEach((q, r) => q.resolve({ live, rows: rows.filter((row) => row.r === r) }));
    } catch (e) {
      for (const q of batch) q.reject(e);
    }
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
