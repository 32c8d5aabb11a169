/** Tenants and API keys in the database; the only Prisma user of this module. */
import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database.service';
import type { ApiKeyLookup, Role, TenantPrincipal } from '../../platform/auth/principal';
import { newUuid } from '../../platform/http/uuid';

export interface TenantRecord {
  id: string;
  name: string;
  createdAt: Date;
}

export interface ApiKeyRecord {
  id: string;
  role: Role;
  description: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const isUniqueViolation = (e: unknown): boolean => (e as { code?: string })?.code === 'P2002';

@Injectable()
export class TenantsRepository implements ApiKeyLookup {
  constructor(private readonly db: Database) {}

  /** Null when the name is taken. */
  async create(name: string): Promise<TenantRecord | null> {
    try {
      return await this.db.prisma.tenant.create({ data: { id: newUuid(), name } });
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  list(limit: number, after?: string): Promise<TenantRecord[]> {
    return this.db.prisma.tenant.findMany({
      where: after === undefined ? {} : { name: { gt: after } },
      orderBy: { name: 'asc' },
      take: limit + 1,
    });
  }

  /** By name, or by id when `ref` is a uuid. */
  find(ref: string, refIsUuid: boolean): Promise<TenantRecord | null> {
    return this.db.prisma.tenant.findFirst({
      where: refIsUuid ? { OR: [{ id: ref }, { name: ref }] } : { name: ref },
    });
  }

  async delete(id: string): Promise<void> {
    await this.db.prisma.tenant.deleteMany({ where: { id } });
  }

  async createKey(
    tenantId: string,
    role: Role,
    description: string,
    tokenHash: string,
  ): Promise<ApiKeyRecord> {
    const row = await this.db.prisma.apiKey.create({
      data: { id: newUuid(), tenantId, role, description, tokenHash },
    });
    return { ...row, role: row.role as Role };
  }

  /** Oldest first; `after` is the last (createdAt, id) of the previous page. */
  async listKeys(
    tenantId: string,
    limit: number,
    after?: [string, string],
  ): Promise<ApiKeyRecord[]> {
    const rows = await this.db.prisma.apiKey.findMany({
      where: {
        tenantId,
        ...(after
          ? {
              OR: [
                { createdAt: { gt: new Date(after[0]) } },
                { createdAt: new Date(after[0]), id: { gt: after[1] } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit + 1,
    });
    return rows.map((r) => ({ ...r, role: r.role as Role }));
  }

  /** Revokes a key of this tenant; null when it has no such key. */
  async revokeKey(tenantId: string, keyId: string): Promise<ApiKeyRecord | null> {
    const row = await this.db.prisma.apiKey.findFirst({ where: { tenantId, id: keyId } });
    if (!row) return null;
    const updated = row.revokedAt
      ? row
      : await this.db.prisma.apiKey.update({
          where: { id: keyId },
          data: { revokedAt: new Date() },
        });
    return { ...updated, role: updated.role as Role };
  }

  async findActiveByHash(tokenHash: string): Promise<TenantPrincipal | null> {
    const row = await this.db.prisma.apiKey.findUnique({
      where: { tokenHash },
      include: { tenant: true },
    });
    if (!row || row.revokedAt) return null;
    return {
      kind: 'tenant',
      tenantId: row.tenantId,
      tenantName: row.tenant.name,
      role: row.role as Role,
      keyId: row.id,
    };
  }
}
