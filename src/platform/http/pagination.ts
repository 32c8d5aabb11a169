/**
 * Kubernetes-style list paging: `?limit=N&continue=TOKEN` → `{items, metadata: {continue}}`.
 * The token is opaque to clients: base64url JSON of the last key returned.
 */
import { AppError } from '../errors/app-error';

export const DEFAULT_LIMIT = 500;
export const MAX_LIMIT = 1000;

export interface Page<T> {
  items: T[];
  metadata: { continue?: string };
}

export function parseLimit(raw: unknown): number {
  if (raw === undefined || raw === '') return DEFAULT_LIMIT;
  if (typeof raw !== 'string' || !/^[0-9]{1,7}$/.test(raw) || Number(raw) < 1) {
    throw AppError.of(400, 'BadRequest', 'limit must be a positive integer', {
      causes: [
        {
          reason: 'FieldValueInvalid',
          field: 'limit',
          message: `Invalid value: ${JSON.stringify(String(raw)).slice(0, 100)}`,
        },
      ],
    });
  }
  return Math.min(Number(raw), MAX_LIMIT);
}

export function encodeContinue(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeContinue<T>(raw: unknown, check: (v: unknown) => v is T): T | undefined {
  if (raw === undefined || raw === '') return undefined;
  const bad = () =>
    AppError.of(400, 'BadRequest', 'continue token is not valid', {
      causes: [
        {
          reason: 'FieldValueInvalid',
          field: 'continue',
          message: 'Invalid value: the continue token is malformed',
        },
      ],
    });
  if (typeof raw !== 'string' || raw.length > 1024) throw bad();
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!check(v)) throw bad();
  return v;
}

/** Builds a page from `limit + 1` fetched rows. */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  map: (r: R) => T,
  keyOf: (r: R) => unknown,
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(map),
    metadata: more && last !== undefined ? { continue: encodeContinue(keyOf(last)) } : {},
  };
}
