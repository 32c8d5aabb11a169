/**
 * `@CurrentTenant()`: the calling tenant, set by AuthGuard. Fails loudly (500) when the
 * guard did not run or the caller is not a tenant, so a handler cannot silently act
 * without a tenant.
 */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { TenantPrincipal } from './principal';
import { requestOf } from './request-context';

export const CurrentTenant = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): TenantPrincipal => {
    const p = requestOf(ctx).principal;
    if (!p || p.kind !== 'tenant')
      throw new Error('CurrentTenant used on a handler the tenant guard did not authorise');
    return p;
  },
);
