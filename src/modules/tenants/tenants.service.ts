/** Tenants and their API keys (operator only): create, list, get, delete, issue, revoke. */
import { Injectable } from '@nestjs/common';
import { fieldError, goValue, type FieldError } from '../../core/errors/field-error';
import { AuthCache } from '../../platform/auth/auth-cache';
import { ROLES, type Role } from '../../platform/auth/principal';
import { hashToken, newToken } from '../../platform/auth/tokens';
import { AppError, notFound } from '../../platform/errors/app-error';
import {
  requireObject,
  rejectUnknownFields,
  throwInvalid,
  typeError,
} from '../../platform/http/body-shape';
import { decodeContinue, pageOf, parseLimit, type Page } from '../../platform/http/pagination';
import { isUuid } from '../../platform/http/uuid';
import { type ApiKeyRecord, type TenantRecord, TenantsRepository } from './tenants.repository';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface TenantView {
  id: string;
  name: string;
  createdAt: string;
}

export interface ApiKeyView {
  id: string;
  role: Role;
  description: string;
  createdAt: string;
  revokedAt: string | null;
}

const tenantView = (t: TenantRecord): TenantView => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
});
const keyView = (k: ApiKeyRecord): ApiKeyView => ({
  id: k.id,
  role: k.role,
  description: k.description,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

@Injectable()
export class TenantsService {
  constructor(
    private readonly repo: TenantsRepository,
    private readonly authCache: AuthCache,
  ) {}

  async create(body: unknown): Promise<TenantView> {
    const input = requireObject(body, 'Tenant');
    rejectUnknownFields(input, ['name']);
    const name = input.name;
    const errors: FieldError[] = [];
    if (name === undefined || name === '') errors.push(fieldError.required('name'));
    else if (typeof name !== 'string') errors.push(typeError('name', name, 'a string'));
    else if (name.length > 63 || !DNS1123_LABEL.test(name)) {
      errors.push(
        fieldError.invalid(
          'name',
          goValue.str(name.length > 100 ? name.slice(0, 100) + '...' : name),
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character, at most 63 characters",
        ),
      );
    }
    if (errors.length)
      throwInvalid('Tenant', typeof name === 'string' ? name.slice(0, 100) : '', errors);
    const created = await this.repo.create(name as string);
    if (!created)
      throw AppError.of(409, 'AlreadyExists', `tenants "${name as string}" already exists`, {
        name: name as string,
        kind: 'tenants',
      });
    return tenantView(created);
  }

  async list(query: { limit?: unknown; continue?: unknown }): Promise<Page<TenantView>> {
    const limit = parseLimit(query.limit);
    const after = decodeContinue(query.continue, (v): v is string => typeof v === 'string');
    const rows = await this.repo.list(limit, after);
    return pageOf(rows, limit, tenantView, (t) => t.name);
  }

  async get(ref: string): Promise<TenantView> {
    return tenantView(await this.resolve(ref));
  }

  async delete(ref: string): Promise<TenantView> {
    const t = await this.resolve(ref);
    await this.repo.delete(t.id);
    this.authCache.evictWhere((p) => p.tenantId === t.id);
    return tenantView(t);
  }

  async createKey(ref: string, body: unknown): Promise<ApiKeyView & { token: string }> {
    const t = await this.resolve(ref);
    const input = requireObject(body, 'API key');
    rejectUnknownFields(input, ['role', 'description']);
    const errors: FieldError[] = [];
    const { role, description } = input;
    if (role === undefined || role === '') errors.push(fieldError.required('role'));
    else if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
      errors.push(
        fieldError.notSupported(
          'role',
          goValue.str(typeof role === 'string' ? role.slice(0, 100) : String(role)),
          ROLES,
        ),
      );
    }
    if (description !== undefined && typeof description !== 'string')
      errors.push(typeError('description', description, 'a string'));
    else if (typeof description === 'string' && description.length > 1024) {
      errors.push(fieldError.tooLong('description', 'may not be more than 1024 bytes'));
    }
    if (errors.length) throwInvalid('APIKey', '', errors);
    const token = newToken();
    const key = await this.repo.createKey(
      t.id,
      role as Role,
      (description as string | undefined) ?? '',
      hashToken(token),
    );
    return { ...keyView(key), token };
  }

  async listKeys(
    ref: string,
    query: { limit?: unknown; continue?: unknown },
  ): Promise<Page<ApiKeyView>> {
    const t = await this.resolve(ref);
    const limit = parseLimit(query.limit);
    const after = decodeContinue(
      query.continue,
      (v): v is [string, string] =>
        Array.isArray(v) &&
        v.length === 2 &&
        !Number.isNaN(Date.parse(String(v[0]))) &&
        isUuid(String(v[1])),
    );
    const rows = await this.repo.listKeys(t.id, limit, after);
    return pageOf(rows, limit, keyView, (k) => [k.createdAt.toISOString(), k.id]);
  }

  async revokeKey(ref: string, keyId: string): Promise<ApiKeyView> {
    const t = await this.resolve(ref);
    const key = isUuid(keyId) ? await this.repo.revokeKey(t.id, keyId) : null;
    if (!key) throw notFound('apikeys', keyId.slice(0, 100));
    this.authCache.evictWhere((p) => p.keyId === key.id);
    return keyView(key);
  }

  private async resolve(ref: string): Promise<TenantRecord> {
    const t = ref.length <= 253 ? await this.repo.find(ref, isUuid(ref)) : null;
    if (!t) throw notFound('tenants', ref.slice(0, 100));
    return t;
  }
}
