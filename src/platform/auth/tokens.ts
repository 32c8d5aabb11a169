/**
 * API key tokens: 32 random bytes, shown once, stored as a SHA-256 hash. A fast hash is the
 * right tool for high-entropy secrets (no dictionary to guess from); the lookup is by hash,
 * so the secret is never compared byte by byte.
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_PREFIX = 'sp_';

export const newToken = (): string => TOKEN_PREFIX + randomBytes(32).toString('base64url');

/** One-shot `crypto.hash` (Node ≥ 20.12): runs per request at under half the cost of createHash. */
export const hashToken = (token: string): string => hash('sha256', token, 'hex');

/** Constant-time equality of two `hashToken` digests. */
export const hashesEqual = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Constant-time equality of two secrets of any length (compares their digests). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(hash('sha256', a, 'buffer'), hash('sha256', b, 'buffer'));
}
