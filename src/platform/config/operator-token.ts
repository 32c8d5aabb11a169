/**
 * With the embedded database and no STACKPLAN_ADMIN_TOKEN, `npm start` must just work: an
 * operator token is generated once and kept in `<dataDir>/operator-token` (mode 0600), and
 * its location is printed. A PostgreSQL deployment must set the token explicitly.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppConfig, ConfigError } from './app-config';

export function ensureOperatorToken(config: AppConfig): AppConfig {
  if (config.adminToken !== null) return config;
  if (config.databaseUrl !== null) {
    throw new ConfigError('STACKPLAN_ADMIN_TOKEN is required when DATABASE_URL is set');
  }
  if (config.dataDir.startsWith('memory://')) return config;
  const file = join(config.dataDir, 'operator-token');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, 'spop_' + randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
    process.stderr.write(`stackplan: generated an operator token in ${file}\n`);
  }
  return { ...config, adminToken: readFileSync(file, 'utf8').trim() };
}
