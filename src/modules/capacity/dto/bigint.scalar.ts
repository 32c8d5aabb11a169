/**
 * `BigInt`: an integer of any size, sent as a decimal string. IPv6 ranges hold more addresses
 * than a double counts exactly (a /64 node block alone is 2^64), so counts never pass through
 * a JavaScript number. Inputs accept a decimal string or a GraphQL Int.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && value.length <= 80 && INTEGER.test(value)) return BigInt(value);
  throw new GraphQLError(
    `BigInt must be an integer as a decimal string, got ${JSON.stringify(value)?.slice(0, 40)}`,
  );
}

function literal(node: ValueNode): bigint {
  if (node.kind === Kind.INT || node.kind === Kind.STRING) return toBigInt(node.value);
  throw new GraphQLError('BigInt must be an integer as a decimal string', { nodes: [node] });
}

export const BigIntScalar = new GraphQLScalarType<bigint, string>({
  name: 'BigInt',
  description: 'An integer of any size as a decimal string (IPv6 ranges exceed 2^53).',
  serialize: (v) => toBigInt(v).toString(),
  parseValue: toBigInt,
  parseLiteral: literal,
});
