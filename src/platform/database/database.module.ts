/** Opens the database at boot and provides it, with the transaction runner, to every module. */
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { openDatabase } from './database';
import { Database, OPEN_DATABASE } from './database.service';
import { Transactions } from './transactions';

@Global()
@Module({
  providers: [
    {
      provide: OPEN_DATABASE,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) =>
        openDatabase({
          databaseUrl: c.databaseUrl,
          dataDir: c.dataDir,
          poolSize: c.databasePoolSize,
        }),
    },
    Database,
    Transactions,
  ],
  exports: [Database, Transactions],
})
export class DatabaseModule {}
