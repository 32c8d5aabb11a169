/**
 * Entry point: parse the configuration (exit 78, EX_CONFIG, when it is wrong), build the
 * app, listen. SIGTERM closes the server: in-flight requests finish, new ones get 503.
 */
import 'reflect-metadata';
import { ConfigError, parseConfig, type AppConfig } from './platform/config/app-config';
import { ensureOperatorToken } from './platform/config/operator-token';
import { createApp } from './configure-app';
import { JsonLogger } from './platform/logging/json-logger';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = ensureOperatorToken(parseConfig(process.env));
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`stackplan: configuration error: ${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  const log = new JsonLogger(config.logLevel);
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  log.log(
    {
      msg: 'stackplan listening',
      port: config.port,
      host: config.host,
      database: config.databaseUrl ? 'postgresql' : 'pglite',
    },
    'main',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`stackplan: failed to start: ${String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
});
