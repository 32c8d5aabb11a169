/**
 * How a dynamic value (a service address or a node port) is chosen against the database
 * without enumerating the range (upstream: allocator/bitmap.go
 * `randomScanStrategyWithOffset`, ipallocator.go `allocateNextService`):
 *
 * 1. a handful of random probes inside the upper (dynamic) band are inserted with
 *    `INSERT … ON CONFLICT DO NOTHING` in one statement; the first free one wins;
 * 2. when the probes come back short the band is dense: the sharded counters say whether the
 *    band is full (the usable count is known), and if not, a gap search walks the primary key
 *    from a random start to the first free value (wrapping inside the band) and that value
 *    is inserted along with fresh probes;
 * 3. only a full upper band sends the search to the lower (static) band, as upstream.
 *
 * The unique constraints decide every race: a lost race is just a probe that came back empty.
 * The probe count adapts to a per-process estimate of the band's fill, which is only a hint.
 */
import {
  type Band,
  type ProbeInterval,
  type RandomSource,
  intervalSize,
  randomStart,
} from '../../core/allocation/candidates';

/** What the chooser needs from a table; every call is one SQL statement. */
export interface CandidateStore<R> {
  /** Takes up to `n` of the free candidates (one statement, writes). */
  take(candidates: readonly bigint[], n: number): Promise<R[]>;
  /** Rows per band now, from the sharded counters. */
  bandCounts(): Promise<Record<Band, bigint>>;
  /** The first free value in [from, to], or null (a read over the primary key). */
  firstFree(from: bigint, to: bigint): Promise<bigint | null>;
}

export type Choice<R> = { ok: true; rows: R[] } | { ok: false; reason: 'full' | 'contended' };

/** Rounds before a request gives up under extreme contention (each round is one insert). */
const MAX_ROUNDS = 24;
/** Probe batch limit for one value; bulk requests scale it with the count. */
const MAX_PROBES_ONE = 128;
const MAX_PROBES = 4096;
/** Per-process fill estimates, keyed by cluster and pool; a hint that sizes probe batches. */
const fillHints = new Map<string, number>();
/** A hint at or above this reads the counters before probing. */
const FULL_HINT = 0.999;

/**
 * Probes needed so that `n` free values are found with high probability at fill `f`:
 * n/(1-f) expected, plus enough for one value to be missed with probability below 5 %.
 */
export function probeCount(n: number, fill: number, bandSize: bigint): number {
  const f = Math.min(Math.max(fill, 0), 0.99);
  const extra = f <= 0.01 ? 1 : Math.ceil(Math.log(0.05) / Math.log(f));
  const cap = n === 1 ? MAX_PROBES_ONE : MAX_PROBES;
  const k = Math.min(cap, Math.ceil((n * 1.5) / (1 - f)) + extra);
  return bandSize < BigInt(k) ? Number(bandSize) : k;
}

function randomProbes(band: ProbeInterval, k: number, rand: RandomSource): bigint[] {
  const size = intervalSize(band);
  const seen = new Set<bigint>();
  // For a band no larger than the batch, every value is a candidate (in random order).
  if (size <= BigInt(k)) {
    const all: bigint[] = [];
    for (let v = band.from; v <= band.to; v++) all.push(v);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Number(rand(BigInt(i + 1)));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    return all;
  }
  while (seen.size < k) seen.add(band.from + rand(size));
  return [...seen];
}

/**
 * Chooses and takes `n` values, upper band first. `hintKey` names the pool for the fill hint
 * (cluster id and family, or "nodeport").
 */
export async function chooseAndTake<R>(
  intervals: readonly ProbeInterval[],
  store: CandidateStore<R>,
  n: number,
  rand: RandomSource,
  hintKey: string,
): Promise<Choice<R>> {
  const rows: R[] = [];
  let bandIndex = 0;
  let counts: Record<Band, bigint> | null = null;
  // A band the hint says is full starts with the counters instead of futile probes.
  let dense = (fillHints.get(`${hintKey}/${intervals[0]?.band}`) ?? 0) >= FULL_HINT;
  for (let round = 0; round < MAX_ROUNDS && rows.length < n; round++) {
    const band = intervals[bandIndex];
    if (!band) return { ok: false, reason: 'full' };
    const key = `${hintKey}/${band.band}`;
    const need = n - rows.length;
    const size = intervalSize(band);
    let gap: bigint | null = null;
    if (dense) {
      counts ??= await store.bandCounts();
      const used = counts[band.band];
      setHint(key, Number(used) / Number(size));
      if (used >= size) {
        bandIndex++;
        dense = (fillHints.get(`${hintKey}/${intervals[bandIndex]?.band}`) ?? 0) >= FULL_HINT;
        continue;
      }
      gap = await gapFrom(store, band, randomStart(band, rand));
      if (gap === null) {
        bandIndex++;
        continue;
      }
      counts = null;
    }
    const candidates = randomProbes(band, probeCount(need, fillHints.get(key) ?? 0, size), rand);
    if (gap !== null) candidates.unshift(gap);
    const got = await store.take(dedupe(candidates), need);
    rows.push(...got);
    if (got.length < need) dense = true;
    else if (round === 0) decayHint(key);
  }
  return rows.length >= n ? { ok: true, rows } : { ok: false, reason: 'contended' };
}

/** The scan of one band from `start`, wrapping (candidates.ts `scanSegments`). */
async function gapFrom(
  store: Pick<CandidateStore<unknown>, 'firstFree'>,
  band: ProbeInterval,
  start: bigint,
): Promise<bigint | null> {
  const upper = await store.firstFree(start, band.to);
  if (upper !== null || start === band.from) return upper;
  return store.firstFree(band.from, start - 1n);
}

function dedupe(values: bigint[]): bigint[] {
  return [...new Set(values)];
}

function setHint(key: string, fill: number): void {
  if (fillHints.size > 10_000) fillHints.clear();
  fillHints.set(key, fill);
}

function decayHint(key: string): void {
  const h = fillHints.get(key);
  if (h !== undefined) fillHints.set(key, h * 0.98);
}

/**
 * The first probes a dry run would send into the first band (the upper one when it is not
 * empty), sized by the process's fill hint, so a caller can check them in a statement it
 * makes anyway. A free one among them is exactly what `choosePeek` would answer.
 */
export function firstPeekProbes(
  intervals: readonly ProbeInterval[],
  rand: RandomSource,
  hintKey: string,
): { band: Band; candidates: bigint[] } | null {
  const band = intervals[0];
  if (!band) return null;
  const fill = fillHints.get(`${hintKey}/${band.band}`) ?? 0;
  if (fill >= FULL_HINT) return null;
  const size = intervalSize(band);
  return { band: band.band, candidates: randomProbes(band, probeCount(1, fill, size), rand) };
}

/** Read-only variant for dry runs: the value a real request would take now. */
export async function choosePeek(
  intervals: readonly ProbeInterval[],
  peek: (candidates: readonly bigint[]) => Promise<bigint | null>,
  store: Pick<CandidateStore<unknown>, 'bandCounts' | 'firstFree'>,
  rand: RandomSource,
): Promise<{ value: bigint; band: Band } | null> {
  const counts = await store.bandCounts();
  for (const band of intervals) {
    const size = intervalSize(band);
    if (counts[band.band] >= size) continue;
    const fill = Number(counts[band.band]) / Number(size);
    const hit = await peek(randomProbes(band, probeCount(1, fill, size), rand));
    if (hit !== null) return { value: hit, band: band.band };
    const gap = await gapFrom(store, band, randomStart(band, rand));
    if (gap !== null) return { value: gap, band: band.band };
  }
  return null;
}
