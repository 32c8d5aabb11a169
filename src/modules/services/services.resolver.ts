/** GraphQL over the same services as REST: planService, applyService, services. */
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantRole } from '../../platform/auth/access.decorator';
import { CurrentTenant } from '../../platform/auth/current-tenant.decorator';
import type { TenantPrincipal } from '../../platform/auth/principal';
import { PlanResultModel, ServicePageModel } from './dto/service.model';
import { manifestText } from './manifest-input';
import { PlanService } from './plan.service';
import { ServicesService } from './services.service';

@Resolver()
export class ServicesResolver {
  constructor(
    private readonly plans: PlanService,
    private readonly serviceList: ServicesService,
  ) {}

  @Query(() => PlanResultModel, {
    description:
      'What the manifest (JSON or YAML, one or more objects) would get; nothing is stored.',
  })
  @TenantRole('viewer')
  async planService(
    @CurrentTenant() p: TenantPrincipal,
    @Args('clusterName') clusterName: string,
    @Args('manifest') manifest: string,
  ) {
    const { items } = await this.plans.plan(p, clusterName, manifestText(manifest));
    return { items, ok: items.every((i) => i.error === null) };
  }

  @Mutation(() => PlanResultModel, {
    description: 'Stores and reserves every object, or nothing when any fails (ok: false).',
  })
  @TenantRole('planner')
  applyService(
    @CurrentTenant() p: TenantPrincipal,
    @Args('clusterName') clusterName: string,
    @Args('manifest') manifest: string,
  ) {
    return this.plans.apply(p, clusterName, manifestText(manifest));
  }

  @Query(() => ServicePageModel)
  @TenantRole('viewer')
  async services(
    @CurrentTenant() p: TenantPrincipal,
    @Args('clusterName') clusterName: string,
    @Args('namespace', { nullable: true }) namespace?: string,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
    @Args('continue', { nullable: true }) cont?: string,
  ) {
    const list = await this.serviceList.list(p, clusterName, namespace ?? undefined, {
      limit: limit == null ? undefined : String(limit),
      continue: cont ?? undefined,
    });
    return { items: list.items, continue: list.metadata.continue };
  }
}
