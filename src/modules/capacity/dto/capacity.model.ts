/**
 * GraphQL shapes of the capacity report: the same fields, names and values (via
 * capacity-view.ts) as `GET /v1/clusters/{cluster}/capacity`. Counts are `BigInt` strings.
 */
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { BigIntScalar } from './bigint.scalar';

@ObjectType('BandCapacity', { description: 'One allocator band (KEP-3070 / KEP-3668).' })
export class BandCapacityModel {
  @Field(() => BigIntScalar) size!: string;
  @Field(() => BigIntScalar) allocated!: string;
  @Field(() => BigIntScalar) free!: string;
  @Field(() => Float, { description: 'allocated / size, 0..1; an empty band counts as full.' })
  utilization!: number;
}

@ObjectType('ServiceCIDRCapacity')
export class ServiceCIDRCapacityModel {
  @Field() family!: string;
  @Field() cidr!: string;
  @Field(() => BigIntScalar, { description: 'All addresses of the CIDR.' }) size!: string;
  @Field(() => BigIntScalar, { description: 'Addresses the cluster-IP allocator hands out.' })
  usable!: string;
  @Field(() => BigIntScalar) allocated!: string;
  @Field(() => BigIntScalar) free!: string;
  @Field(() => Float) utilization!: number;
  @Field(() => BandCapacityModel) static!: BandCapacityModel;
  @Field(() => BandCapacityModel) dynamic!: BandCapacityModel;
}

@ObjectType('NodePortCapacity')
export class NodePortCapacityModel {
  @Field() range!: string;
  @Field(() => BigIntScalar) size!: string;
  @Field(() => BigIntScalar) allocated!: string;
  @Field(() => BigIntScalar) free!: string;
  @Field(() => Float) utilization!: number;
  @Field(() => BandCapacityModel) static!: BandCapacityModel;
  @Field(() => BandCapacityModel) dynamic!: BandCapacityModel;
}

@ObjectType('PodCIDRCapacity')
export class PodCIDRCapacityModel {
  @Field() family!: string;
  @Field() cidr!: string;
  @Field(() => Int) nodeMask!: number;
  @Field(() => BigIntScalar, { description: 'Addresses in one node block.' }) blockSize!: string;
  @Field(() => BigIntScalar) podsPerBlock!: string;
  @Field(() => BigIntScalar) blocks!: string;
  @Field(() => BigIntScalar, { description: 'Blocks overlapping a service CIDR.' })
  reservedBlocks!: string;
  @Field(() => BigIntScalar) maxNodes!: string;
  @Field(() => BigIntScalar) allocatedNodes!: string;
  @Field(() => BigIntScalar) freeNodes!: string;
  @Field(() => Float) utilization!: number;
  @Field(() => BigIntScalar) maxPods!: string;
}

@ObjectType('NodeCapacity', {
  description: 'Nodes over all pod families (each node takes a block of each).',
})
export class NodeCapacityModel {
  @Field(() => BigIntScalar) maxNodes!: string;
  @Field(() => BigIntScalar) allocatedNodes!: string;
  @Field(() => BigIntScalar) freeNodes!: string;
  @Field(() => Float) utilization!: number;
  @Field(() => BigIntScalar) podsPerNode!: string;
  @Field(() => BigIntScalar) maxPods!: string;
}

@ObjectType('CapacityRange')
export class CapacityRangeModel {
  @Field({
    description: '"serviceCIDR 10.1.0.0/16", "nodePorts 30000-32767", "podCIDR 10.0.0.0/16".',
  })
  name!: string;
  @Field({ description: 'serviceCIDR, nodePorts or podCIDR.' }) kind!: string;
  @Field(() => String, { nullable: true }) family!: string | null;
  @Field(() => Float) utilization!: number;
  @Field(() => BigIntScalar) free!: string;
}

@ObjectType('RangeForecast', {
  description: 'Linear exhaustion forecast from the allocation history.',
})
export class RangeForecastModel {
  @Field() range!: string;
  @Field() kind!: string;
  @Field(() => String, { nullable: true }) family!: string | null;
  @Field(() => BigIntScalar) free!: string;
  @Field({ description: 'exhausts, insufficient-history, not-growing or beyond-horizon.' })
  status!: string;
  @Field() windowStart!: string;
  @Field() windowEnd!: string;
  @Field(() => Int) observations!: number;
  @Field(() => BigIntScalar) netChange!: string;
  @Field(() => Float, { nullable: true, description: 'Net allocations per day.' })
  ratePerDay!: number | null;
  @Field(() => String, { nullable: true, description: 'When free reaches 0; null when unknown.' })
  exhaustsAt!: string | null;
}

@ObjectType('ClusterCapacity')
export class ClusterCapacityModel {
  @Field() cluster!: string;
  @Field(() => [ServiceCIDRCapacityModel]) serviceCIDRs!: ServiceCIDRCapacityModel[];
  @Field(() => NodePortCapacityModel) nodePorts!: NodePortCapacityModel;
  @Field(() => [PodCIDRCapacityModel]) podCIDRs!: PodCIDRCapacityModel[];
  @Field(() => NodeCapacityModel, { nullable: true }) nodes!: NodeCapacityModel | null;
  @Field(() => BigIntScalar, {
    description: 'Single-stack Services of the primary family that still fit.',
  })
  singleStackServices!: string;
  @Field(() => BigIntScalar, {
    nullable: true,
    description: 'RequireDualStack Services that still fit; null on a single-stack cluster.',
  })
  dualStackServices!: string | null;
  @Field(() => CapacityRangeModel) tightest!: CapacityRangeModel;
  @Field(() => [CapacityRangeModel]) ranges!: CapacityRangeModel[];
}

@ObjectType('RankedCluster')
export class RankedClusterModel {
  @Field() cluster!: string;
  @Field(() => CapacityRangeModel) tightest!: CapacityRangeModel;
  @Field(() => ClusterCapacityModel) capacity!: ClusterCapacityModel;
}

@ObjectType('CapacitySummary')
export class CapacitySummaryModel {
  @Field(() => [RankedClusterModel], { description: 'Tightest first.' })
  clusters!: RankedClusterModel[];
  @Field(() => RankedClusterModel, { nullable: true }) tightest!: RankedClusterModel | null;
}

@ObjectType('WhatIfResult')
export class WhatIfResultModel {
  @Field() fits!: boolean;
  @Field(() => ClusterCapacityModel) before!: ClusterCapacityModel;
  @Field(() => ClusterCapacityModel) after!: ClusterCapacityModel;
  @Field(() => [String], { description: 'Ranges that run out, the first to run out first.' })
  exhausted!: string[];
  @Field(() => [String]) reasons!: string[];
}
