import { Global, Module } from '@nestjs/common';
import { API_KEY_LOOKUP } from '../../platform/auth/principal';
import { TenantsController } from './tenants.controller';
import { TenantsRepository } from './tenants.repository';
import { TenantsService } from './tenants.service';

@Global()
@Module({
  controllers: [TenantsController],
  providers: [
    TenantsRepository,
    TenantsService,
    { provide: API_KEY_LOOKUP, useExisting: TenantsRepository },
  ],
  exports: [API_KEY_LOOKUP],
})
export class TenantsModule {}
