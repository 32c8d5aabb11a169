/** GraphQL mirror of the IPAM REST API; thin over the same services. */
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantRole } from '../../platform/auth/access.decorator';
import { CurrentTenant } from '../../platform/auth/current-tenant.decorator';
import type { TenantPrincipal } from '../../platform/auth/principal';
import {
  IpAllocationBulkInput,
  IpAllocationInput,
  IpAllocationListArgs,
  IpAllocationModel,
  IpAllocationPageModel,
  NodeModel,
  NodePageModel,
} from './dto/ipam.model';
import { IpAllocationsService } from './ip-allocations.service';
import { NodesService } from './nodes.service';

/** GraphQL inputs carry nulls for omitted fields; REST bodies omit them. */
const plain = (o: object): Record<string, unknown> =>
  JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
const optional = (v: string | null | undefined): string | undefined => v ?? undefined;

@Resolver()
export class IpamResolver {
  constructor(
    private readonly ips: IpAllocationsService,
    private readonly nodeService: NodesService,
  ) {}

  @Query(() => IpAllocationPageModel)
  @TenantRole('viewer')
  async ipAllocations(@CurrentTenant() p: TenantPrincipal, @Args() a: IpAllocationListArgs) {
    const page = await this.ips.list(p, a.clusterName, {
      family: optional(a.family),
      owner: optional(a.owner),
      limit: a.limit == null ? undefined : String(a.limit),
      continue: optional(a.continue),
    });
    return { items: page.items, continue: page.metadata.continue };
  }

  @Query(() => NodePageModel)
  @TenantRole('viewer')
  async nodes(
    @CurrentTenant() p: TenantPrincipal,
    @Args('clusterName') clusterName: string,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
    @Args('continue', { nullable: true }) cont?: string,
  ) {
    const page = await this.nodeService.list(p, clusterName, {
      limit: limit == null ? undefined : String(limit),
      continue: optional(cont),
    });
    return { items: page.items, continue: page.metadata.continue };
  }

  @Mutation(() => IpAllocationModel)
  @TenantRole('planner')
  async reserveIP(
    @CurrentTenant() p: TenantPrincipal,
    @Args('clusterName') clusterName: string,
    @Args('input') input: IpAllocationInput,
    @Args('idempotencyKey', { nullable: true }) key?: string,
  ) {
    return (await this.ips.reserve(p, clusterName, plain(input), optional(key))).body;
  }

  @Mutation(() => [IpAllocationModel])
  @TenantRole('planner')
  async reserveIPs(
    @CurrentTenant() p: TenantPrincipal,
    @Args('clusterName') clusterName: string,
    @Args('input') input: IpAllocationBulkInput,
    @Args('idempotencyKey', { nullable: true }) key?: string,
  ) {
    return (await this.ips.reserveBulk(p, clusterName, plain(input), optional(key))).body.items;
  }

  @Mutation(() => IpAllocationModel)
  @TenantRole('planner')
  async releaseIP(
    @CurrentTenant() p: TenantPrincipal,
    @Args('clusterName') clusterName: string,
    @Args('address') address: string,
    @Args('idempotencyKey', { nullable: true }) key?: string,
  ) {
    return (await this.ips.release(p, clusterName, address, optional(key))).body;
  }

  @Mutation(() => NodeModel)
  @TenantRole('planner')
  async createNode(
    @CurrentTenant() p: TenantPrincipal,
    @Args('clusterName') clusterName: string,
    @Args('name') name: string,
    @Args('idempotencyKey', { nullable: true }) key?: string,
  ) {
    return (await this.nodeService.create(p, clusterName, { name }, optional(key))).body;
  }

  @Mutation(() => NodeModel)
  @TenantRole('planner')
  async deleteNode(
    @CurrentTenant() p: TenantPrincipal,
    @Args('clusterName') clusterName: string,
    @Args('name') name: string,
    @Args('idempotencyKey', { nullable: true }) key?: string,
  ) {
    return (await this.nodeService.delete(p, clusterName, name, optional(key))).body;
  }
}
