/**
 * Turns anything thrown into a Status: AppError as is; Fastify/Nest HTTP errors (body too
 * large, malformed JSON, unsupported media type, unknown route) into their Status; anything
 * else is a 500 whose detail is logged, not sent.
 */
import { HttpException } from '@nestjs/common';
import { status, type Status, type StatusReason } from '../../core/errors/status';
import { AppError } from './app-error';

const BY_CODE: Record<number, StatusReason> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
};

export function toStatus(err: unknown): { status: Status; unexpected: boolean } {
  if (err instanceof AppError) return { status: err.status, unexpected: false };
  const code = httpCodeOf(err);
  if (code !== null && code < 500) {
    const reason = BY_CODE[code] ?? 'BadRequest';
    return { status: status(code, reason, messageOf(err, code)), unexpected: false };
  }
  return {
    status: status(500, 'InternalError', 'Internal error occurred: an unexpected error was logged'),
    unexpected: true,
  };
}

function httpCodeOf(err: unknown): number | null {
  if (err instanceof HttpException) return err.getStatus();
  if (typeof err === 'object' && err !== null) {
    const e = err as { statusCode?: unknown; status?: unknown };
    if (typeof e.statusCode === 'number') return e.statusCode;
    if (typeof e.status === 'number') return e.status;
  }
  return null;
}

function messageOf(err: unknown, code: number): string {
  if (code === 413) return 'the request body is too large';
  if (code === 404 && err instanceof HttpException)
    return 'the server could not find the requested resource';
  const m = err instanceof Error ? err.message : String(err);
  return m.length > 500 ? m.slice(0, 500) : m;
}
