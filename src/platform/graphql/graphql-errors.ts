/**
 * GraphQL errors in the same vocabulary as REST: each error's extensions carry the code of
 * REASON_TABLE and the Kubernetes Status, so a client sees the same 401/403/404/422 facts.
 */
import type { FormattedExecutionResult, GraphQLError } from 'graphql';
import { REASON_TABLE } from '../errors/app-error';
import { toStatus } from '../errors/to-status';

export function formatGraphQLError(err: GraphQLError, log: (msg: object) => void): GraphQLError {
  const original = err.originalError;
  if (!original || (original as { name?: string }).name === 'GraphQLError') return err;
  const { status, unexpected } = toStatus(original);
  if (unexpected) log({ msg: 'unhandled GraphQL error', err: String(original.stack ?? original) });
  const out = Object.create(Object.getPrototypeOf(err)) as GraphQLError;
  Object.assign(out, err, {
    message: status.message,
    extensions: { code: REASON_TABLE[status.reason].graphql, status },
  });
  return out;
}

/**
 * Mercurius' errorFormatter: validation failures (parse, depth, cost) arrive wrapped in one
 * MER_ERR_GQL_VALIDATION error whose `errors` carry the real messages; they are unwrapped
 * and answered with its 400. Resolver errors get the Status treatment above and HTTP 200, as
 * GraphQL over HTTP expects when a result was produced.
 */
export function formatExecution(
  execution: { data?: unknown; errors?: readonly GraphQLError[] },
  log: (msg: object) => void,
): { statusCode: number; response: FormattedExecutionResult } {
  let statusCode = 200;
  const errors: GraphQLError[] = [];
  for (const e of execution.errors ?? []) {
    const wrapped =
      (e.originalError as { errors?: unknown; statusCode?: unknown } | undefined) ?? undefined;
    if (wrapped && Array.isArray(wrapped.errors)) {
      if (typeof wrapped.statusCode === 'number') statusCode = wrapped.statusCode;
      errors.push(...(wrapped.errors as GraphQLError[]));
    } else {
      errors.push(formatGraphQLError(e, log));
    }
  }
  return {
    statusCode,
    response: {
      data: (execution.data ?? null) as FormattedExecutionResult['data'],
      errors: errors.map((e) =>
        typeof e.toJSON === 'function' ? e.toJSON() : { message: String(e.message) },
      ),
    },
  };
}
