/** IPAM REST under /v1/clusters/{cluster} (API.md "IPAM"); thin over the two services. */
import { Body, Controller, Delete, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { TenantRole } from '../../platform/auth/access.decorator';
import { CurrentTenant } from '../../platform/auth/current-tenant.decorator';
import type { TenantPrincipal } from '../../platform/auth/principal';
import type { Answer } from './idempotency';
import { IDEMPOTENCY_HEADER } from './idempotency';
import { IpAllocationsService } from './ip-allocations.service';
import { NodesService } from './nodes.service';

const send = <T>(reply: FastifyReply, answer: Answer<T>): T => {
  void reply.status(answer.status);
  return answer.body;
};

@Controller('v1/clusters/:cluster')
export class IpamController {
  constructor(
    private readonly ips: IpAllocationsService,
    private readonly nodes: NodesService,
  ) {}

  @Post('ip-allocations')
  @TenantRole('planner')
  async reserve(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Body() body: unknown,
    @Headers(IDEMPOTENCY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.ips.reserve(p, cluster, body, key));
  }

  /** `ip-allocations:bulk`: find-my-way reads `::` as one literal colon. */
  @Post('ip-allocations::bulk')
  @TenantRole('planner')
  async reserveBulk(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Body() body: unknown,
    @Headers(IDEMPOTENCY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.ips.reserveBulk(p, cluster, body, key));
  }

  @Get('ip-allocations')
  @TenantRole('viewer')
  list(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.ips.list(p, cluster, query);
  }

  @Delete('ip-allocations/:address')
  @TenantRole('planner')
  async release(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Param('address') address: string,
    @Headers(IDEMPOTENCY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.ips.release(p, cluster, address, key));
  }

  @Post('nodes')
  @TenantRole('planner')
  async createNode(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Body() body: unknown,
    @Headers(IDEMPOTENCY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.nodes.create(p, cluster, body, key));
  }

  @Get('nodes')
  @TenantRole('viewer')
  listNodes(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.nodes.list(p, cluster, query);
  }

  @Delete('nodes/:name')
  @TenantRole('planner')
  async deleteNode(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Param('name') name: string,
    @Headers(IDEMPOTENCY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.nodes.delete(p, cluster, name, key));
  }
}
