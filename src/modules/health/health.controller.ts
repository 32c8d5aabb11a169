/** Liveness and readiness (API.md "Operations"). */
import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../../platform/auth/access.decorator';
import { Database } from '../../platform/database/database.service';

@Controller()
@Public()
export class HealthController {
  constructor(private readonly db: Database) {}

  @Get('healthz')
  healthz() {
    return { status: 'ok' };
  }

  /** Ready when the database answers; migrations were applied before the app was built. */
  @Get('readyz')
  async readyz(@Res({ passthrough: true }) reply: FastifyReply) {
    const database = await this.db.ping();
    if (!database) void reply.status(503);
    return {
      status: database ? 'ok' : 'unavailable',
      database: this.db.kind,
      migrations: 'applied',
    };
  }
}
