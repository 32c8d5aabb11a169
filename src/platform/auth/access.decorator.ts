/**
 * Declares who may call a handler. Every handler must say; the guard denies a handler that
 * does not (fail closed).
 */
import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal';

export type AccessRule = { kind: 'public' } | { kind: 'operator' } | { kind: 'tenant'; role: Role };
export const ACCESS_KEY = 'stackplan:access';

export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);
export const OperatorOnly = () =>
  SetMetadata(ACCESS_KEY, { kind: 'operator' } satisfies AccessRule);
export const TenantRole = (role: Role) =>
  SetMetadata(ACCESS_KEY, { kind: 'tenant', role } satisfies AccessRule);
