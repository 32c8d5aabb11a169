/** Who is calling: the operator, or a tenant API key with its role (API.md "Auth"). */
export type Role = 'viewer' | 'planner' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'planner', 'admin'];

export interface TenantPrincipal {
  readonly kind: 'tenant';
  readonly tenantId: string;
  readonly tenantName: string;
  readonly role: Role;
  readonly keyId: string;
}

export type Principal = { readonly kind: 'operator' } | TenantPrincipal;

const RANK: Record<Role, number> = { viewer: 0, planner: 1, admin: 2 };
export const roleAtLeast = (have: Role, need: Role): boolean => RANK[have] >= RANK[need];

/** What the guard needs from the tenants module: a key by its token's hash. */
export interface ApiKeyLookup {
  findActiveByHash(tokenHash: string): Promise<TenantPrincipal | null>;
}
export const API_KEY_LOOKUP = Symbol('API_KEY_LOOKUP');
