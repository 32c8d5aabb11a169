/**
 * Stored Services; the only Prisma user of the services module. A row holds the Service as
 * kube-apiserver would keep it (`object`), the last configuration `kubectl apply` sent
 * (`last_applied`) and the row's resourceVersion, which every write bumps and every update
 * checks (optimistic concurrency, as etcd's compare-and-swap in the apiserver's store).
 */
import { Injectable } from '@nestjs/common';
import type { Service } from '../../core/services/service-types';
import { Prisma } from '../../generated/prisma/client';
import { Database } from '../../platform/database/database.service';
import { clientOf, type Tx } from '../../platform/database/transactions';

export interface StoredService {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  /** The stored object; its `metadata.resourceVersion` is the row's. */
  readonly object: Service;
  /** The manifest of the last `apply`, or null for objects never applied. */
  readonly lastApplied: Record<string, unknown> | null;
  readonly resourceVersion: string;
}

export interface ServiceKey {
  readonly namespace: string;
  readonly name: string;
}

export interface NewServiceRow extends ServiceKey {
  readonly uid: string;
  readonly object: Service;
  readonly lastApplied: Record<string, unknown> | null;
  readonly resourceVersion: string;
}

export interface ServiceColumns {
  uid: string;
  namespace: string;
  name: string;
  object: unknown;
  lastApplied: unknown;
  resourceVersion: bigint | string;
}

const SELECT = {
  uid: true,
  namespace: true,
  name: true,
  object: true,
  lastApplied: true,
  resourceVersion: true,
} as const;

export function storedOf(r: ServiceColumns): StoredService {
  const object = r.object as Service;
  const resourceVersion = r.resourceVersion.toString();
  object.metadata = { ...(object.metadata ?? {}), resourceVersion };
  return {
    uid: r.uid,
    namespace: r.namespace,
    name: r.name,
    object,
    lastApplied: (r.lastApplied ?? null) as Record<string, unknown> | null,
    resourceVersion,
  };
}

let lastVersion = 0n;

/**
 * The next resourceVersion: microseconds since the epoch, strictly above both the previous
 * one this process handed out and the row's current one, so a version only ever grows for an
 * object, and a re-created object never repeats a version its predecessor had.
 */
export function nextResourceVersion(previous?: string): string {
  let v = BigInt(Date.now()) * 1000n;
  if (v <= lastVersion) v = lastVersion + 1n;
  if (previous !== undefined && /^[0-9]{1,19}$/.test(previous) && v <= BigInt(previous))
    v = BigInt(previous) + 1n;
  lastVersion = v;
  return v.toString();
}

const jsonOf = (v: unknown): object => v as object;

@Injectable()
export class ServicesRepository {
  constructor(private readonly db: Database) {}

  async find(
    tenantId: string,
    clusterId: string,
    key: ServiceKey,
    tx?: Tx,
  ): Promise<StoredService | null> {
    const row = await clientOf(this.db, tx).service.findFirst({
      where: { clusterId, namespace: key.namespace, name: key.name, tenantId },
      select: SELECT,
    });
    return row ? storedOf(row) : null;
  }

  /** Ordered by (namespace, name); `after` is the last key of the previous page. */
  async list(
    tenantId: string,
    clusterId: string,
    namespace: string | undefined,
    limit: number,
    after?: ServiceKey,
  ): Promise<StoredService[]> {
    const page =
      after === undefined
        ? {}
        : {
            OR: [
              { namespace: { gt: after.namespace } },
              { namespace: after.namespace, name: { gt: after.name } },
            ],
          };
    const rows = await this.db.prisma.service.findMany({
      where: { clusterId, tenantId, ...(namespace === undefined ? {} : { namespace }), ...page },
      orderBy: [{ namespace: 'asc' }, { name: 'asc' }],
      take: limit + 1,
      select: SELECT,
    });
    return rows.map(storedOf);
  }

  /** False when a Service of that namespace and name already exists in the cluster. */
  async insert(tx: Tx, tenantId: string, clusterId: string, row: NewServiceRow): Promise<boolean> {
    const object = JSON.stringify(row.object);
    const lastApplied = row.lastApplied === null ? null : JSON.stringify(row.lastApplied);
    const n = await clientOf(this.db, tx).$executeRaw`
      INSERT INTO "services" ("uid", "tenant_id", "cluster_id", "namespace", "name", "object", "last_applied", "resource_version")
      VALUES (${row.uid}::uuid, ${tenantId}::uuid, ${clusterId}::uuid, ${row.namespace}, ${row.name},
              ${object}::jsonb, ${lastApplied}::jsonb, ${BigInt(row.resourceVersion)})
      ON CONFLICT ("cluster_id", "namespace", "name") DO NOTHING`;
    return n > 0;
  }

  /** Compare-and-swap on the resourceVersion read; false when the row changed since. */
  async update(
    tx: Tx,
    tenantId: string,
    uid: string,
    expectedVersion: string,
    next: { object: Service; lastApplied: Record<string, unknown> | null; resourceVersion: string },
  ): Promise<boolean> {
    const n = await clientOf(this.db, tx).service.updateMany({
      where: { uid, tenantId, resourceVersion: BigInt(expectedVersion) },
      data: {
        object: jsonOf(next.object),
        lastApplied: next.lastApplied === null ? Prisma.DbNull : jsonOf(next.lastApplied),
        resourceVersion: BigInt(next.resourceVersion),
      },
    });
    return n.count > 0;
  }

  /** Compare-and-swap delete; false when the row changed or is gone. */
  async delete(tx: Tx, tenantId: string, uid: string, expectedVersion: string): Promise<boolean> {
    const n = await clientOf(this.db, tx).service.deleteMany({
      where: { uid, tenantId, resourceVersion: BigInt(expectedVersion) },
    });
    return n.count > 0;
  }
}
