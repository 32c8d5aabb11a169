/**
 * GraphQL errors in the same vocabulary as REST: each error's extensions carry the code of
 * REASON_TABLE and the Kubernetes Status, so a client sees the same 401/403/404/422 facts.
 */
import type { GraphQLError } from 'graphql';
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
