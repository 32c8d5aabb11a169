/** GraphQL input of a what-if; REST takes the same fields as JSON. */
import { Field, InputType, Int } from '@nestjs/graphql';
import { NodeCIDRMaskSizeInput } from '../../clusters/dto/cluster.model';
import { BigIntScalar } from './bigint.scalar';

@InputType('AddServicesInput')
export class AddServicesInput {
  @Field(() => BigIntScalar) count!: bigint;
  @Field({
    nullable: true,
    description: 'SingleStack (default), PreferDualStack or RequireDualStack.',
  })
  policy?: string;
  @Field({ nullable: true, description: "The first family; default the cluster's primary." })
  family?: string;
  @Field(() => Int, { nullable: true, description: 'Node ports each Service takes; default 0.' })
  nodePortsPerService?: number;
}

@InputType('CapacityChangeInput')
export class CapacityChangeInput {
  @Field(() => BigIntScalar, { nullable: true }) addNodes?: bigint;
  @Field(() => AddServicesInput, { nullable: true }) addServices?: AddServicesInput;
  @Field(() => NodeCIDRMaskSizeInput, { nullable: true }) nodeCIDRMaskSize?: NodeCIDRMaskSizeInput;
  @Field(() => Int, { nullable: true }) maxPodsPerNode?: number;
  @Field(() => [String], { nullable: true }) serviceCIDRs?: string[];
  @Field(() => [String], { nullable: true }) podCIDRs?: string[];
}
