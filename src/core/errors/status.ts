/**
 * The Kubernetes `Status` object (apimachinery `api/errors`), the one error shape of the
 * API. Built here from core outcomes; the HTTP layer only serialises it.
 */
import { type FieldError, errorBody, renderErrorList } from './field-error';

export type StatusReason =
  | 'Invalid'
  | 'AlreadyExists'
  | 'Conflict'
  | 'NotFound'
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'TooManyRequests'
  | 'ServiceUnavailable'
  /** A plain Go error that reached the handler (responsewriters.ErrorToAPIStatus): HTTP 500. */
  | 'Unknown';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

export function status(
  code: number,
  reason: StatusReason,
  message: string,
  details?: Status['details'],
): Status {
  const s: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (details) s.details = details;
  return s;
}

/** `errors.NewInvalid(qualifiedKind, name, errs)`: HTTP 422. */
export function invalidStatus(kind: string, name: string, errors: readonly FieldError[]): Status {
  const causes = errors.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
  return status(422, 'Invalid', `${kind} "${name}" is invalid: ${renderErrorList(errors)}`, {
    name,
    kind,
    causes,
  });
}

/** `errors.NewAlreadyExists`: 409. */
export function alreadyExistsStatus(resource: string, name: string): Status {
  return status(409, 'AlreadyExists', `${resource} "${name}" already exists`, {
    name,
    kind: resource,
  });
}

/** `errors.NewNotFound`: 404. */
export function notFoundStatus(resource: string, name: string): Status {
  return status(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });
}

/** `errors.NewConflict`: 409. */
export function conflictStatus(resource: string, name: string, err: string): Status {
  return status(409, 'Conflict', `Operation cannot be fulfilled on ${resource} "${name}": ${err}`, {
    name,
    kind: resource,
  });
}

/** `errors.NewInternalError`: "Internal error occurred: <msg>". */
export function internalStatus(message: string): Status {
  return status(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}

/** ErrorToAPIStatus of an error that is not an APIStatus: 500, reason Unknown, the bare text. */
export function unknownStatus(message: string): Status {
  return status(500, 'Unknown', message);
}

export function badRequestStatus(message: string, causes?: StatusCause[]): Status {
  return status(400, 'BadRequest', message, causes ? { causes } : undefined);
}
