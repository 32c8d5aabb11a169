import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { TenantRole } from '../../platform/auth/access.decorator';
import { CurrentTenant } from '../../platform/auth/current-tenant.decorator';
import type { TenantPrincipal } from '../../platform/auth/principal';
import { sendWarnings } from '../../platform/http/warnings';
import { ClustersService } from './clusters.service';

@Controller('v1/clusters')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @Post()
  @TenantRole('admin')
  async create(
    @CurrentTenant() p: TenantPrincipal,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { value, warnings } = await this.clusters.create(p, body);
    sendWarnings(reply, warnings);
    return value;
  }

  @Get()
  @TenantRole('viewer')
  list(@CurrentTenant() p: TenantPrincipal, @Query() query: Record<string, unknown>) {
    return this.clusters.list(p, query);
  }

  @Get(':cluster')
  @TenantRole('viewer')
  get(@CurrentTenant() p: TenantPrincipal, @Param('cluster') name: string) {
    return this.clusters.get(p, name);
  }

  @Patch(':cluster')
  @TenantRole('admin')
  async patch(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') name: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { value, warnings } = await this.clusters.patch(p, name, body);
    sendWarnings(reply, warnings);
    return value;
  }

  @Delete(':cluster')
  @HttpCode(200)
  @TenantRole('admin')
  delete(@CurrentTenant() p: TenantPrincipal, @Param('cluster') name: string) {
    return this.clusters.delete(p, name);
  }
}
