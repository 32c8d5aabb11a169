/** The Prisma client (PostgreSQL or PGlite, migrations applied); inject it in repositories only. */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { PrismaClient } from '../../generated/prisma/client';
import type { OpenDatabase } from './database';

export const OPEN_DATABASE = Symbol('OPEN_DATABASE');

@Injectable()
export class Database implements OnApplicationShutdown {
  readonly prisma: PrismaClient;
  readonly kind: OpenDatabase['kind'];

  constructor(@Inject(OPEN_DATABASE) private readonly db: OpenDatabase) {
    this.prisma = db.prisma;
    this.kind = db.kind;
  }

  async ping(): Promise<boolean> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
      return true;
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
