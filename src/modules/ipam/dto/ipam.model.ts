/** GraphQL shapes of IPAM: the same fields REST returns. */
import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('IPAllocation')
export class IpAllocationModel {
  @Field() address!: string;
  @Field() family!: string;
  @Field() cidr!: string;
  @Field() owner!: string;
  @Field() description!: string;
  @Field({ description: '"static" (lower band) or "dynamic" (upper band), KEP-3070' })
  band!: string;
  @Field() createdAt!: string;
}

@ObjectType('IPAllocationPage')
export class IpAllocationPageModel {
  @Field(() => [IpAllocationModel]) items!: IpAllocationModel[];
  @Field({ nullable: true }) continue?: string;
}

@ObjectType('Node')
export class NodeModel {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) podCIDR!: string | null;
  @Field(() => [String]) podCIDRs!: string[];
  @Field() createdAt!: string;
}

@ObjectType('NodePage')
export class NodePageModel {
  @Field(() => [NodeModel]) items!: NodeModel[];
  @Field({ nullable: true }) continue?: string;
}

@InputType('IPAllocationInput')
export class IpAllocationInput {
  @Field({ nullable: true }) family?: string;
  @Field({ nullable: true }) address?: string;
  @Field() owner!: string;
  @Field({ nullable: true }) description?: string;
}

@InputType('IPAllocationBulkInput')
export class IpAllocationBulkInput {
  @Field({ nullable: true }) family?: string;
  @Field(() => Int) count!: number;
  @Field() owner!: string;
  @Field({ nullable: true }) description?: string;
}

@ArgsType()
export class IpAllocationListArgs {
  @Field() clusterName!: string;
  @Field({ nullable: true }) family?: string;
  @Field({ nullable: true }) owner?: string;
  @Field(() => Int, { nullable: true }) limit?: number;
  @Field({ nullable: true }) continue?: string;
}
