/** Plan, apply and import under /v1/clusters/{cluster} (API.md "Plan and apply", "Import"). */
import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TenantRole } from '../../platform/auth/access.decorator';
import { CurrentTenant } from '../../platform/auth/current-tenant.decorator';
import type { TenantPrincipal } from '../../platform/auth/principal';
import { sendWarnings } from '../../platform/http/warnings';
import { ImportService } from './import.service';
import { manifestBody } from './manifest-input';
import { type PlanResult, PlanService } from './plan.service';

const bodyOf = (req: FastifyRequest) => manifestBody(req.rawBody, req.headers['content-type']);

/** Every item's unknown-field findings, once each, as kube-apiserver's Warning headers. */
const warningsOf = (r: PlanResult): string[] => [...new Set(r.items.flatMap((i) => i.warnings))];

@Controller('v1/clusters/:cluster')
export class PlanController {
  constructor(
    private readonly plans: PlanService,
    private readonly imports: ImportService,
  ) {}

  @Post('plan')
  @HttpCode(200)
  @TenantRole('viewer')
  async plan(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.plans.plan(p, cluster, bodyOf(req));
    sendWarnings(reply, warningsOf(result));
    return result;
  }

  /** 200 when every item was stored; 422 (nothing stored) when any item failed. */
  @Post('apply')
  @HttpCode(200)
  @TenantRole('planner')
  async apply(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { ok, items } = await this.plans.apply(p, cluster, bodyOf(req));
    sendWarnings(reply, warningsOf({ items }));
    if (!ok) void reply.status(422);
    return { items };
  }

  @Post('import')
  @HttpCode(200)
  @TenantRole('planner')
  async import(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') cluster: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.imports.import(p, cluster, bodyOf(req));
    sendWarnings(reply, result.warnings.slice(0, 50));
    return result;
  }
}
