/**
 * Starts the real application (configure-app.ts, as production) on a fresh database, with
 * helpers to make tenants and keys. One per test file.
 */
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/configure-app';
import { parseConfig, type AppConfig } from '../../src/platform/config/app-config';
import { createTestDatabase } from './test-database';

export const OPERATOR_TOKEN = 'test-operator-token-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: ReturnType<typeof request>;
  /** A new tenant with one key per role. */
  tenant(name?: string): Promise<TestTenant>;
  close(): Promise<void>;
}

export interface TestTenant {
  id: string;
  name: string;
  admin: string;
  planner: string;
  viewer: string;
  /** Revoked admin key. */
  revoked: string;
}

let counter = 0;

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = parseConfig({
    STACKPLAN_ADMIN_TOKEN: OPERATOR_TOKEN,
    LOG_LEVEL: 'silent',
    STACKPLAN_DATA_DIR: db.dataDir,
    STACKPLAN_AUTH_CACHE_TTL_MS: '0',
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl, DATABASE_POOL_SIZE: '4' } : {}),
    ...env,
  });
  const app = await createApp(config);
  await app.getHttpAdapter().getInstance().ready();
  const http = request(app.getHttpServer());
  const op = `Bearer ${OPERATOR_TOKEN}`;
  const key = async (tenant: string, role: string): Promise<string> => {
    const res = await http
      .post(`/v1/tenants/${tenant}/api-keys`)
      .set('authorization', op)
      .send({ role });
    if (res.status !== 201) throw new Error(`key: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { token: string }).token;
  };
  return {
    app,
    config,
    http,
    async tenant(name = `t${process.pid}-${++counter}`) {
      const res = await http.post('/v1/tenants').set('authorization', op).send({ name });
      if (res.status !== 201) throw new Error(`tenant: ${res.status} ${JSON.stringify(res.body)}`);
      const id = (res.body as { id: string }).id;
      const revoked = await key(name, 'admin');
      const keys = await http.get(`/v1/tenants/${name}/api-keys`).set('authorization', op);
      const revokedId = (keys.body as { items: { id: string }[] }).items[0]!.id;
      await http.delete(`/v1/tenants/${name}/api-keys/${revokedId}`).set('authorization', op);
      return {
        id,
        name,
        admin: await key(name, 'admin'),
        planner: await key(name, 'planner'),
        viewer: await key(name, 'viewer'),
        revoked,
      };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export const bearer = (token: string): [string, string] => ['authorization', `Bearer ${token}`];
