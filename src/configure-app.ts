/**
 * Builds the application exactly as production runs it; main.ts and the tests both call
 * this, so the tests exercise the real parsers, filter, hooks and limits.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import type { AppConfig } from './platform/config/app-config';
import { StatusFilter } from './platform/errors/status.filter';
import { toStatus } from './platform/errors/to-status';
import { registerBodyParsers } from './platform/http/body-parsers';
import { JsonLogger } from './platform/logging/json-logger';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimit,
    // Fastify's request logs in the JsonLogger's shape: level names and ISO times.
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            formatters: { level: (label: string) => ({ level: label }) },
            timestamp: () => `,"time":"${new Date().toISOString()}"`,
          },
    disableRequestLogging: true,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new JsonLogger(config.logLevel),
    abortOnError: false,
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerBodyParsers(fastify);
  // Errors raised before Nest's pipeline (body too large, unparsable body, unknown media
  // type) get the same Status shape.
  fastify.setErrorHandler((err, _req, reply) => {
    const { status } = toStatus(err);
    void reply.status(status.code).header('content-type', 'application/json').send(status);
  });
  // Hooks take callbacks: an async hook costs a promise per request.
  fastify.addHook('onSend', (req, reply, payload, done) => {
    void reply.header('x-request-id', req.id);
    done(null, payload);
  });
  const logEvery = config.logLevel === 'debug' || config.logLevel === 'trace';
  fastify.addHook('onResponse', (req, reply, done) => {
    if (reply.statusCode >= 500 || logEvery) {
      req.log.info({
        method: req.method,
        url: req.url,
        status: reply.statusCode,
        ms: reply.elapsedTime,
      });
    }
    done();
  });
  app.useGlobalFilters(new StatusFilter());
  // After an orderly stop, exit 0 (Nest's default re-raises the signal: status 143).
  app.enableShutdownHooks([], { useProcessExit: true });
  await app.init();
  return app;
}
