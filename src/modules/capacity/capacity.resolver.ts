/**
 * GraphQL capacity: `Cluster.capacity` (batched: one statement for every cluster of a
 * document), `ClusterCapacity.forecasts` (batched the same way), `capacitySummary` and
 * `whatIf`. Thin over CapacityService; REST answers the same values.
 */
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { ClusterCapacity } from '../../core/capacity';
import { TenantRole } from '../../platform/auth/access.decorator';
import { CurrentTenant } from '../../platform/auth/current-tenant.decorator';
import type { TenantPrincipal } from '../../platform/auth/principal';
import { ClusterModel } from '../clusters/dto/cluster.model';
import { CapacityLoaders } from './capacity-loaders';
import { CapacityService, DEFAULT_WINDOW_DAYS, parseWindowDays } from './capacity.service';
import { CapacityChangeInput } from './dto/capacity-change.input';
import {
  CapacitySummaryModel,
  ClusterCapacityModel,
  RangeForecastModel,
  WhatIfResultModel,
} from './dto/capacity.model';

@Resolver(() => ClusterModel)
export class ClusterCapacityResolver {
  constructor(private readonly loaders: CapacityLoaders) {}

  @ResolveField('capacity', () => ClusterCapacityModel)
  capacity(
    @Parent() cluster: { id: string },
    @CurrentTenant() p: TenantPrincipal,
    @Context() ctx: object,
  ) {
    return this.loaders.of(ctx, p.tenantId).capacity.load(cluster.id);
  }
}

@Resolver(() => ClusterCapacityModel)
export class CapacityResolver {
  constructor(
    private readonly service: CapacityService,
    private readonly loaders: CapacityLoaders,
  ) {}

  @ResolveField('forecasts', () => [RangeForecastModel])
  forecasts(
    @Parent() report: ClusterCapacity,
    @CurrentTenant() p: TenantPrincipal,
    @Context() ctx: object,
    @Args('windowDays', { type: () => Int, defaultValue: DEFAULT_WINDOW_DAYS }) windowDays: number,
  ) {
    return this.loaders.of(ctx, p.tenantId).forecasts(parseWindowDays(windowDays)).load(report);
  }

  @Query(() => CapacitySummaryModel, {
    description: "The tenant's clusters, tightest range first.",
  })
  @TenantRole('viewer')
  async capacitySummary(@CurrentTenant() p: TenantPrincipal) {
    const s = await this.service.summary(p.tenantId);
    const ranked = s.clusters.map((c) => ({ ...c, capacity: s.reports.get(c.cluster) }));
    return { clusters: ranked, tightest: ranked[0] ?? null };
  }

  @Query(() => WhatIfResultModel, {
    description: 'Would these nodes, Services or changed ranges fit? Nothing is stored.',
  })
  @TenantRole('viewer')
  whatIf(
    @CurrentTenant() p: TenantPrincipal,
    @Args('clusterName') clusterName: string,
    @Args('change', { type: () => CapacityChangeInput }) change: CapacityChangeInput,
  ) {
    return this.service.whatIf(p.tenantId, clusterName, { ...change });
  }
}
