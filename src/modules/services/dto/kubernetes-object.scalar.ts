/**
 * A Kubernetes object (a Service, a Status) as JSON, exactly as REST returns it: GraphQL
 * clients get the same bytes without a second, drifting schema of the v1 Service.
 */
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.LIST:
      return node.values.map(literal);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value)]));
    default:
      return null;
  }
}

export const KubernetesObjectScalar = new GraphQLScalarType({
  name: 'KubernetesObject',
  description: 'A Kubernetes object (Service or Status) as JSON, as the REST API returns it.',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: literal,
});
