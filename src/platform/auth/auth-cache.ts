/**
 * Resolved API keys, cached per process for `ttlMs` so authentication costs no database
 * round trip on most requests. A revocation is seen at once by the replica that made it
 * (it evicts) and by every other replica within ttlMs.
 */
import type { TenantPrincipal } from './principal';

interface Entry {
  principal: TenantPrincipal;
  expires: number;
}

export class AuthCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(hash: string, now = Date.now()): TenantPrincipal | undefined {
    const e = this.entries.get(hash);
    if (!e) return undefined;
    if (e.expires <= now) {
      this.entries.delete(hash);
      return undefined;
    }
    return e.principal;
  }

  set(hash: string, principal: TenantPrincipal, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(hash, { principal, expires: now + this.ttlMs });
  }

  evictWhere(pred: (p: TenantPrincipal) => boolean): void {
    for (const [k, e] of this.entries) if (pred(e.principal)) this.entries.delete(k);
  }
}
