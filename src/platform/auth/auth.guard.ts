/**
 * The one guard, for REST and GraphQL: authenticates the bearer token, then checks the
 * handler's access rule. 401 for a missing, unknown or revoked token; 403 for a known token
 * whose role (or kind) is not enough.
 */
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { forbidden, unauthorized } from '../errors/app-error';
import { ACCESS_KEY, type AccessRule } from './access.decorator';
import { AuthCache } from './auth-cache';
import { API_KEY_LOOKUP, type ApiKeyLookup, type Principal, roleAtLeast } from './principal';
import { requestOf } from './request-context';
import { hashToken, hashesEqual } from './tokens';

@Injectable()
export class AuthGuard implements CanActivate {
  /** The operator token's hash: each request hashes its token once, for both comparisons. */
  private readonly adminHash: string | null;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(API_KEY_LOOKUP) private readonly keys: ApiKeyLookup,
    private readonly cache: AuthCache,
  ) {
    this.adminHash = config.adminToken === null ? null : hashToken(config.adminToken);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (rule?.kind === 'public') return true;
    const req = requestOf(ctx);
    const principal = await this.authenticate(req.headers.authorization);
    req.principal = principal;
    if (!rule) throw forbidden('this endpoint declares no access rule');
    if (rule.kind === 'operator') {
      if (principal.kind !== 'operator')
        throw forbidden('only the operator token may manage tenants and API keys');
      return true;
    }
    if (principal.kind !== 'tenant')
      throw forbidden('the operator token may only manage tenants and API keys');
    if (!roleAtLeast(principal.role, rule.role)) {
      throw forbidden(`role "${principal.role}" may not do this; it needs "${rule.role}"`);
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const m = typeof header === 'string' ? /^Bearer +(\S{1,512})$/i.exec(header.trim()) : null;
    if (!m) throw unauthorized();
    const hash = hashToken(m[1]!);
    if (this.adminHash !== null && hashesEqual(hash, this.adminHash)) return { kind: 'operator' };
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const found = await this.keys.findActiveByHash(hash);
    if (!found) throw unauthorized();
    this.cache.set(hash, found);
    return found;
  }
}
