/**
 * Band arithmetic shared by the Service IP and node-port capacity: size, allocated, free and
 * utilization of a band or range. Which band an item sits in is allocation/'s `ipBandOf` and
 * `nodePortBandOf`.
 */
import type { BandCapacity } from './capacity-outputs';

export const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/**
 * allocated / size as a float, capped at 1. An empty range has nothing left to give, so it
 * counts as full: a zero-size range must never look roomy to an alert.
 */
export function utilization(allocated: bigint, size: bigint): number {
  if (size <= 0n) return 1;
  if (allocated >= size) return 1;
  if (allocated <= 0n) return 0;
  // Each conversion rounds to 53 bits, so the ratio keeps ~15 digits even for 2^64-sized ranges.
  return Number(allocated) / Number(size);
}

export function bandCapacity(size: bigint, allocated: bigint): BandCapacity {
  return {
    size,
    allocated,
    free: maxBig(0n, size - allocated),
    utilization: utilization(allocated, size),
  };
}

/** Splits a usable range into its static and dynamic band sizes. */
export function bandSizes(usable: bigint, offset: bigint): { static: bigint; dynamic: bigint } {
  const staticSize = minBig(maxBig(0n, offset), maxBig(0n, usable));
  return { static: staticSize, dynamic: maxBig(0n, usable) - staticSize };
}
