/**
 * The one exception filter, for REST. GraphQL errors pass through Mercurius' errorFormatter
 * (graphql-errors.ts), which uses the same toStatus.
 */
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toStatus } from './to-status';

@Catch()
export class StatusFilter implements ExceptionFilter {
  private readonly log = new Logger('errors');

  catch(err: unknown, host: ArgumentsHost): void {
    if (host.getType<string>() === 'graphql') throw err;
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const req = http.getRequest<FastifyRequest>();
    const { status, unexpected } = toStatus(err);
    if (unexpected)
      this.log.error({
        msg: 'unhandled error',
        reqId: req.id,
        err: String((err as Error)?.stack ?? err),
      });
    void reply.status(status.code).header('content-type', 'application/json').send(status);
  }
}
