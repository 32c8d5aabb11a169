/** Audit events: one row per change, naming the API key that made it. */
import { Global, Injectable, Module } from '@nestjs/common';
import { Database } from '../../platform/database/database.service';
import { clientOf, type Tx } from '../../platform/database/transactions';

export interface AuditEventInput {
  tenantId: string;
  clusterId?: string | null;
  /** The API key id (or "operator"). */
  actor: string;
  action: string;
  subject: string;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async record(tx: Tx | undefined, events: AuditEventInput | AuditEventInput[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return;
    await clientOf(this.db, tx).auditEvent.createMany({
      data: list.map((e) => ({
        tenantId: e.tenantId,
        clusterId: e.clusterId ?? null,
        actor: e.actor,
        action: e.action,
        subject: e.subject,
        details: (e.details ?? {}) as object,
      })),
    });
  }
}

@Global()
@Module({ providers: [AuditRepository], exports: [AuditRepository] })
export class AuditModule {}
