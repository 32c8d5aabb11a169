import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantRole } from '../../platform/auth/access.decorator';
import { CurrentTenant } from '../../platform/auth/current-tenant.decorator';
import type { TenantPrincipal } from '../../platform/auth/principal';
import {
  ClusterInput,
  ClusterModel,
  ClusterPageModel,
  ClusterPatchInput,
} from './dto/cluster.model';
import { ClustersService } from './clusters.service';

/** GraphQL input objects carry no prototype pollution risk but do carry nulls: drop them. */
const plain = (o: object): Record<string, unknown> =>
  JSON.parse(JSON.stringify(o)) as Record<string, unknown>;

@Resolver(() => ClusterModel)
export class ClustersResolver {
  constructor(private readonly service: ClustersService) {}

  @Query(() => ClusterPageModel)
  @TenantRole('viewer')
  async clusters(
    @CurrentTenant() p: TenantPrincipal,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
    @Args('continue', { nullable: true }) cont?: string,
  ) {
    const page = await this.service.list(p, {
      limit: limit === undefined ? undefined : String(limit),
      continue: cont,
    });
    return { items: page.items, continue: page.metadata.continue };
  }

  @Query(() => ClusterModel)
  @TenantRole('viewer')
  cluster(@CurrentTenant() p: TenantPrincipal, @Args('name') name: string) {
    return this.service.get(p, name);
  }

  @Mutation(() => ClusterModel)
  @TenantRole('admin')
  async createCluster(@CurrentTenant() p: TenantPrincipal, @Args('input') input: ClusterInput) {
    return (await this.service.create(p, plain(input))).value;
  }

  @Mutation(() => ClusterModel)
  @TenantRole('admin')
  async updateCluster(
    @CurrentTenant() p: TenantPrincipal,
    @Args('name') name: string,
    @Args('patch') patch: ClusterPatchInput,
  ) {
    return (await this.service.patch(p, name, plain(patch))).value;
  }

  @Mutation(() => ClusterModel)
  @TenantRole('admin')
  deleteCluster(@CurrentTenant() p: TenantPrincipal, @Args('name') name: string) {
    return this.service.delete(p, name);
  }
}
