/**
 * Reading untyped JSON input without throwing: each reader returns the value or a FieldError
 * that says what was expected and what arrived. Long strings are refused before they are
 * echoed back in an error message.
 */
import { type FieldError, fieldError, goValue } from '../errors/field-error';

/** Longest string any cluster-definition field accepts. */
export const MAX_STRING_LENGTH = 256;

export const jsonTypeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;

/** A short rendering of any JSON value for the `value` of a FieldError. */
export function renderJSON(v: unknown): string {
  if (typeof v === 'string') return goValue.str(v.length > 64 ? `${v.slice(0, 64)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  let text: string;
  try {
    text = JSON.stringify(v) ?? jsonTypeOf(v);
  } catch {
    text = jsonTypeOf(v);
  }
  return text.length > 64 ? `${text.slice(0, 64)}...` : text;
}

export type Read<T> = { ok: true; value: T } | { ok: false; error: FieldError };

export function readString(field: string, v: unknown): Read<string> {
  if (typeof v !== 'string') {
    return {
      ok: false,
      error: fieldError.invalid(field, renderJSON(v), `must be a string, got ${jsonTypeOf(v)}`),
    };
  }
  if (v.length > MAX_STRING_LENGTH) {
    return {
      ok: false,
      error: fieldError.tooLong(field, `may not be more than ${MAX_STRING_LENGTH} bytes`),
    };
  }
  return { ok: true, value: v };
}

/** An integer (a JSON number without fraction), or the error naming the field's range. */
export function readInteger(field: string, v: unknown, min: number, max: number): Read<number> {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    const got = typeof v === 'number' ? 'a non-integer number' : jsonTypeOf(v);
    return {
      ok: false,
      error: fieldError.invalid(field, renderJSON(v), `must be an integer, got ${got}`),
    };
  }
  if (v < min || v > max) {
    return {
      ok: false,
      error: fieldError.invalid(
        field,
        goValue.int(v),
        `must be between ${min} and ${max}, inclusive`,
      ),
    };
  }
  return { ok: true, value: v };
}

export function readArray(field: string, v: unknown, what: string): Read<unknown[]> {
  if (!Array.isArray(v)) {
    return {
      ok: false,
      error: fieldError.invalid(
        field,
        renderJSON(v),
        `must be a list of ${what}, got ${jsonTypeOf(v)}`,
      ),
    };
  }
  return { ok: true, value: v };
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
