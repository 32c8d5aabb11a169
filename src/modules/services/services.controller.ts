/** Kubernetes-shaped Service endpoints under /v1/clusters/{cluster} (API.md "Services"). */
import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TenantRole } from '../../platform/auth/access.decorator';
import { CurrentTenant } from '../../platform/auth/current-tenant.decorator';
import type { TenantPrincipal } from '../../platform/auth/principal';
import { sendWarnings } from '../../platform/http/warnings';
import { manifestBody } from './manifest-input';
import { ServicesService } from './services.service';

type Query = Record<string, unknown>;

const bodyOf = (req: FastifyRequest) => manifestBody(req.rawBody, req.headers['content-type']);

@Controller('v1/clusters/:cluster')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Post('namespaces/:ns/services')
  @TenantRole('viewer')
  async create(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Param('ns') ns: string,
    @Query() query: Query,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { value, warnings } = await this.services.create(p, cluster, ns, bodyOf(req), query);
    sendWarnings(reply, warnings);
    return value;
  }

  @Put('namespaces/:ns/services/:name')
  @TenantRole('viewer')
  async replace(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Param('ns') ns: string,
    @Param('name') name: string,
    @Query() query: Query,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { value, warnings } = await this.services.replace(
      p,
      cluster,
      ns,
      name,
      bodyOf(req),
      query,
    );
    sendWarnings(reply, warnings);
    return value;
  }

  @Get('namespaces/:ns/services/:name')
  @TenantRole('viewer')
  get(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Param('ns') ns: string,
    @Param('name') name: string,
  ) {
    return this.services.get(p, cluster, ns, name);
  }

  @Delete('namespaces/:ns/services/:name')
  @HttpCode(200)
  @TenantRole('viewer')
  delete(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Param('ns') ns: string,
    @Param('name') name: string,
    @Query() query: Query,
  ) {
    return this.services.delete(p, cluster, ns, name, query);
  }

  @Get('services')
  @TenantRole('viewer')
  listAll(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Query() query: Query,
  ) {
    return this.services.list(p, cluster, undefined, query);
  }

  @Get('namespaces/:ns/services')
  @TenantRole('viewer')
  list(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Param('ns') ns: string,
    @Query() query: Query,
  ) {
    return this.services.list(p, cluster, ns, query);
  }
}
