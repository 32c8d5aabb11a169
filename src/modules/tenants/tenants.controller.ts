import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { OperatorOnly } from '../../platform/auth/access.decorator';
import { TenantsService } from './tenants.service';

@Controller('v1/tenants')
@OperatorOnly()
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  create(@Body() body: unknown) {
    return this.tenants.create(body);
  }

  @Get()
  list(@Query() query: Record<string, unknown>) {
    return this.tenants.list(query);
  }

  @Get(':tenant')
  get(@Param('tenant') tenant: string) {
    return this.tenants.get(tenant);
  }

  @Delete(':tenant')
  @HttpCode(200)
  delete(@Param('tenant') tenant: string) {
    return this.tenants.delete(tenant);
  }

  @Post(':tenant/api-keys')
  createKey(@Param('tenant') tenant: string, @Body() body: unknown) {
    return this.tenants.createKey(tenant, body);
  }

  @Get(':tenant/api-keys')
  listKeys(@Param('tenant') tenant: string, @Query() query: Record<string, unknown>) {
    return this.tenants.listKeys(tenant, query);
  }

  @Delete(':tenant/api-keys/:id')
  @HttpCode(200)
  revokeKey(@Param('tenant') tenant: string, @Param('id') id: string) {
    return this.tenants.revokeKey(tenant, id);
  }
}
