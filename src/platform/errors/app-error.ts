/**
 * The one error type the service layer throws: it carries the Kubernetes `Status` to send.
 * Core functions return Status values; services turn them into AppError at the boundary of
 * a use case (so transactions roll back), and the global filter renders them for REST and
 * GraphQL alike.
 */
import type { Status, StatusReason } from '../../core/errors/status';
import { status as makeStatus } from '../../core/errors/status';

export class AppError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
    this.name = 'AppError';
  }

  static of(
    code: number,
    reason: StatusReason,
    message: string,
    details?: Status['details'],
  ): AppError {
    return new AppError(makeStatus(code, reason, message, details));
  }
}

/**
 * Each reason's HTTP status and GraphQL error code. A Record over the union, so adding a
 * reason without a row does not compile.
 */
export const REASON_TABLE: Record<StatusReason, { http: number; graphql: string }> = {
  Invalid: { http: 422, graphql: 'BAD_USER_INPUT' },
  AlreadyExists: { http: 409, graphql: 'ALREADY_EXISTS' },
  Conflict: { http: 409, graphql: 'CONFLICT' },
  NotFound: { http: 404, graphql: 'NOT_FOUND' },
  BadRequest: { http: 400, graphql: 'BAD_REQUEST' },
  Unauthorized: { http: 401, graphql: 'UNAUTHENTICATED' },
  Forbidden: { http: 403, graphql: 'FORBIDDEN' },
  MethodNotAllowed: { http: 405, graphql: 'METHOD_NOT_ALLOWED' },
  RequestEntityTooLarge: { http: 413, graphql: 'PAYLOAD_TOO_LARGE' },
  UnsupportedMediaType: { http: 415, graphql: 'UNSUPPORTED_MEDIA_TYPE' },
  InternalError: { http: 500, graphql: 'INTERNAL_SERVER_ERROR' },
  TooManyRequests: { http: 429, graphql: 'TOO_MANY_REQUESTS' },
  ServiceUnavailable: { http: 503, graphql: 'SERVICE_UNAVAILABLE' },
  Unknown: { http: 500, graphql: 'INTERNAL_SERVER_ERROR' },
};

export const unauthorized = (): AppError => AppError.of(401, 'Unauthorized', 'Unauthorized');
export const forbidden = (message: string): AppError => AppError.of(403, 'Forbidden', message);
export const notFound = (resource: string, name: string): AppError =>
  AppError.of(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });
export const badRequest = (message: string, field?: string): AppError =>
  AppError.of(
    400,
    'BadRequest',
    message,
    field ? { causes: [{ reason: 'FieldValueInvalid', field, message }] } : undefined,
  );
