/**
 * A cost limit for GraphQL documents: every selected field costs 1, a field under a list
 * multiplies by the list's `limit`/`first` argument when given (else 10). Depth is limited
 * by Mercurius' own `queryDepth`.
 */
import {
  GraphQLError,
  type ValidationContext,
  type ASTVisitor,
  type SelectionSetNode,
  Kind,
} from 'graphql';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 20_000;

function costOf(set: SelectionSetNode | undefined, ctx: ValidationContext, depth: number): number {
  if (!set || depth > 50) return 0;
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const arg = sel.arguments?.find((a) => a.name.value === 'limit' || a.name.value === 'first');
      const mult = arg && arg.value.kind === Kind.INT ? Math.max(1, Number(arg.value.value)) : 1;
      total += 1 + mult * costOf(sel.selectionSet, ctx, depth + 1);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      total += costOf(sel.selectionSet, ctx, depth + 1);
    } else {
      const frag = ctx.getFragment(sel.name.value);
      total += costOf(frag?.selectionSet, ctx, depth + 1);
    }
  }
  return total;
}

export function costLimitRule(ctx: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      const cost = costOf(node.selectionSet, ctx, 0);
      if (cost > MAX_QUERY_COST) {
        ctx.reportError(
          new GraphQLError(`query cost ${cost} exceeds the limit of ${MAX_QUERY_COST}`, {
            nodes: [node],
          }),
        );
      }
    },
  };
}
