/**
 * Candidate choice for dynamic allocation, shared by the in-memory allocator and the
 * persistent one (which turns each segment into a bounded gap search in SQL).
 *
 * allocator/bitmap.go `randomScanStrategyWithOffset.AllocateBit` (and, from 1.34,
 * ipallocator.go `allocateNextService`): pick a random start inside the upper (dynamic) band
 * and scan forward, wrapping inside that band; only when it is full, do the same in the lower
 * (static) band. Static requests may take any free value in either band.
 */
import type { NodePortBands } from './node-port-range';
import type { ServiceIPRange } from './service-ip-range';

export type Band = 'static' | 'dynamic';

/** An inclusive interval of candidate values (addresses as integers, or port numbers). */
export interface ProbeInterval {
  readonly from: bigint;
  readonly to: bigint;
  readonly band: Band;
}

/** Returns a uniformly chosen integer in [0, n); n > 0. */
export type RandomSource = (n: bigint) => bigint;

/** A non-cryptographic random source over Math.random, wide enough for 2^64-address ranges. */
export const mathRandom: RandomSource = (n) => {
  // Up to 2^20 values, one draw of 52 bits (all that V8's Math.random holds) keeps the modulo
  // bias under 2^-32, as the loop below does for wider ranges.
  if (n <= 0x100000n) return BigInt(Math.floor(Math.random() * 2 ** 52) % Number(n));
  let bits = n.toString(2).length + 32;
  let v = 0n;
  while (bits > 0) {
    v = (v << 32n) | BigInt(Math.floor(Math.random() * 0x100000000));
    bits -= 32;
  }
  return v % n;
};

function bandIntervals(first: bigint, staticLast: bigint, last: bigint): ProbeInterval[] {
  const out: ProbeInterval[] = [];
  if (staticLast + 1n <= last) out.push({ from: staticLast + 1n, to: last, band: 'dynamic' });
  if (first <= staticLast) out.push({ from: first, to: staticLast, band: 'static' });
  return out;
}

/** The two bands of a service IP range in scan order: dynamic first; empty bands omitted. */
export const probeIntervals = (r: ServiceIPRange): ProbeInterval[] =>
  bandIntervals(r.first, r.staticLast, r.last);

/** The two bands of a NodePort range in scan order, as bigint intervals. */
export const portProbeIntervals = (b: NodePortBands): ProbeInterval[] =>
  bandIntervals(BigInt(b.base), BigInt(b.staticLast), BigInt(b.last));

export const intervalSize = (i: ProbeInterval): bigint => i.to - i.from + 1n;

/**
 * The scan of one band from a random start: `[start, to]` then `[from, start - 1]`, i.e.
 * `from + ((start - from + k) mod size)` for k = 0..size-1, as two contiguous segments.
 */
export function scanSegments(i: ProbeInterval, start: bigint): Array<{ from: bigint; to: bigint }> {
  const segments = [{ from: start, to: i.to }];
  if (start > i.from) segments.push({ from: i.from, to: start - 1n });
  return segments;
}

/** A random start inside the band (`from + rand(size)`). */
export const randomStart = (i: ProbeInterval, rand: RandomSource): bigint =>
  i.from + rand(intervalSize(i));

/**
 * Every candidate in the order upstream tries them. Lazy: the lower band's random start is
 * drawn only when the scan reaches it, as upstream draws it only once the upper band is full.
 */
export function* probeSequence(
  intervals: readonly ProbeInterval[],
  rand: RandomSource,
): Generator<{ value: bigint; band: Band }> {
  for (const i of intervals) {
    for (const s of scanSegments(i, randomStart(i, rand))) {
      for (let v = s.from; v <= s.to; v++) yield { value: v, band: i.band };
    }
  }
}
