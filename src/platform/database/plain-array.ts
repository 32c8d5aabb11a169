/**
 * A PostgreSQL array literal (`{1,2,3}`) for values that never need quoting: numbers,
 * bigints, UUIDs, IP addresses, fixed words. `pg` would quote and escape every element of
 * a JavaScript array one by one, which showed in the profiles of the hot statements.
 * Text that a user wrote (names, owners) must stay a JavaScript array for `pg` to escape.
 */
export type PlainElement = number | bigint | string;

export function plainArray(values: readonly PlainElement[]): string {
  return `{${values.join(',')}}`;
}
