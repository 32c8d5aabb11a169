/**
 * Shape checks at the edge for our own (non-Kubernetes) JSON bodies: an object, no unknown
 * fields (kube-style strict decoding, 400), each field of the expected JSON type (422 with
 * the field named). Meaning is validated in the core.
 */
import { fieldError, type FieldError, goValue } from '../../core/errors/field-error';
import { invalidStatus } from '../../core/errors/status';
import { AppError } from '../errors/app-error';

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'string[]' | 'object';

export function requireObject(body: unknown, kind: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw AppError.of(
      400,
      'BadRequest',
      `the request body must be a JSON object describing a ${kind}`,
    );
  }
  return body as Record<string, unknown>;
}

export function rejectUnknownFields(body: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(body).filter((k) => !known.includes(k));
  if (unknown.length === 0) return;
  const names = unknown.map((k) => JSON.stringify(k.slice(0, 100)));
  throw AppError.of(
    400,
    'BadRequest',
    `strict decoding error: ${names.map((n) => `unknown field ${n}`).join(', ')}`,
    {
      causes: unknown.map((k) => ({
        reason: 'FieldValueUnknown',
        field: k.slice(0, 100),
        message: 'unknown field',
      })),
    },
  );
}

/** A type error for `field`, rendered like a field.Invalid with a short description. */
export function typeError(field: string, value: unknown, expected: string): FieldError {
  const shown =
    typeof value === 'string'
      ? goValue.str(value.length > 64 ? value.slice(0, 64) + '...' : value)
      : goValue.str(describe(value));
  return fieldError.invalid(field, shown, `must be ${expected}`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

export function throwInvalid(kind: string, name: string, errors: FieldError[]): never {
  throw new AppError(invalidStatus(kind, name, errors));
}
