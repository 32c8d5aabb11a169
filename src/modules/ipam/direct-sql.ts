/**
 * A small `pg` pool for the IPAM hot path on PostgreSQL: single-statement, autocommit
 * reservations run as named prepared statements with generic plans, which skips Prisma's
 * per-query overhead and PostgreSQL's re-planning of the multi-CTE statement (measured in
 * bench/allocate). Anything
 * transactional stays on Prisma. Absent on the embedded PGlite, where callers use Prisma.
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';

@Injectable()
export class DirectSql implements OnApplicationShutdown {
  private readonly pool: Pool | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pool = config.databaseUrl
      ? new Pool({
          connectionString: config.databaseUrl,
          max: Math.max(2, Math.ceil(config.databasePoolSize / 2)),
          // The hot statements are prepared once per connection. PostgreSQL would otherwise
          // re-plan the multi-CTE reservation on every execution (a custom plan costs more
          // than executing it; measured with bench/allocate and EXPLAIN ANALYZE).
          options: '-c plan_cache_mode=force_generic_plan',
        })
      : null;
    // An idle client's error (server restart) must not crash the process; the pool drops it.
    this.pool?.on('error', () => undefined);
  }

  get available(): boolean {
    return this.pool !== null;
  }

  /** Runs a named prepared statement; `name` must always go with the same `text`. */
  async query<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    if (!this.pool) throw new Error('DirectSql is only available on PostgreSQL');
    return (await this.pool.query({ name, text, values })).rows as T[];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end();
  }
}
