import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { join } from 'node:path';
import type { AppConfig } from './platform/config/app-config';
import { ConfigModule } from './platform/config/config.module';
import { DatabaseModule } from './platform/database/database.module';
import { projectRoot } from './platform/database/database';
import { AuthModule } from './platform/auth/auth.module';
import { formatExecution } from './platform/graphql/graphql-errors';
import { costLimitRule, MAX_QUERY_DEPTH } from './platform/graphql/query-limits';
import { FEATURE_MODULES } from './modules/feature-modules';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const log = new Logger('graphql');
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        AuthModule,
        GraphQLModule.forRoot<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          autoSchemaFile: join(projectRoot(), 'schema.gql'),
          sortSchema: true,
          graphiql: false,
          jit: 1,
          queryDepth: MAX_QUERY_DEPTH,
          validationRules: [costLimitRule],
          context: (req: unknown) => ({ req }),
          errorFormatter: (execution) => formatExecution(execution, (m) => log.error(m)),
        }),
        ...FEATURE_MODULES,
      ],
    };
  }
}
