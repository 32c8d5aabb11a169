/**
 * `GET /metrics` in the Prometheus text format (API.md "Operations"): public by default;
 * when STACKPLAN_METRICS_TOKEN is set, only `Authorization: Bearer <that token>` may scrape.
 */
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../../platform/auth/access.decorator';
import { secretsEqual } from '../../platform/auth/tokens';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { unauthorized } from '../../platform/errors/app-error';
import { MetricsService } from './metrics.service';

@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const token = this.config.metricsToken;
    if (token !== null) {
      const m =
        typeof authorization === 'string'
          ? /^Bearer +(\S{1,512})$/i.exec(authorization.trim())
          : null;
      if (!m || !secretsEqual(m[1]!, token)) throw unauthorized();
    }
    const body = await this.metrics.scrape();
    void reply.header('content-type', this.metrics.contentType).header('cache-control', 'no-store');
    return body;
  }
}
