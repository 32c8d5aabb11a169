/** REST capacity: the same service and the same values as GraphQL (API.md "Capacity"). */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { TenantRole } from '../../platform/auth/access.decorator';
import { CurrentTenant } from '../../platform/auth/current-tenant.decorator';
import type { TenantPrincipal } from '../../platform/auth/principal';
import { viewed } from './capacity-view';
import { CapacityService, parseWindowDays } from './capacity.service';

@Controller('v1/clusters/:cluster/capacity')
export class CapacityController {
  constructor(private readonly service: CapacityService) {}

  /** The report with a forecast per range over `?windowDays=` (default 30). */
  @Get()
  @TenantRole('viewer')
  async get(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') name: string,
    @Query('windowDays') windowDays?: string,
  ) {
    const days = parseWindowDays(windowDays);
    const report = await this.service.cluster(p.tenantId, name);
    const [forecasts] = await this.service.forecasts(p.tenantId, [report], days);
    return viewed({ ...report, forecasts: forecasts ?? [] });
  }

  /** Would this change fit? Nothing is stored, so a viewer may ask. */
  @Post('what-if')
  @HttpCode(200)
  @TenantRole('viewer')
  async whatIf(
    @CurrentTenant() p: TenantPrincipal,
    @Param('cluster') name: string,
    @Body() body: unknown,
  ) {
    return viewed(await this.service.whatIf(p.tenantId, name, body));
  }
}
