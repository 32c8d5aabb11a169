/** Reads the HTTP request behind a REST or GraphQL execution context. */
import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

export type AuthedRequest = FastifyRequest & { principal?: Principal };

export function requestOf(ctx: ExecutionContext): AuthedRequest {
  if (ctx.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(ctx).getContext<{ req: AuthedRequest }>().req;
  }
  return ctx.switchToHttp().getRequest<AuthedRequest>();
}
