/**
 * The wire form of capacity values, shared by REST and GraphQL so both give the same bytes:
 * every bigint becomes its decimal string (exact beyond 2^53), every Date an RFC 3339 string.
 */
export type Viewed<T> = T extends bigint
  ? string
  : T extends Date
    ? string
    : T extends readonly (infer U)[]
      ? Viewed<U>[]
      : T extends object
        ? { -readonly [K in keyof T]: Viewed<T[K]> }
        : T;

export function viewed<T>(value: T): Viewed<T> {
  return convert(value) as Viewed<T>;
}

function convert(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
  }
  return value;
}
