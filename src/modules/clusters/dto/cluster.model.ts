/** GraphQL shapes of a cluster definition; the same fields REST returns. */
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('NodeCIDRMaskSize')
export class NodeCIDRMaskSizeModel {
  @Field(() => Int, { nullable: true }) IPv4?: number;
  @Field(() => Int, { nullable: true }) IPv6?: number;
}

@ObjectType('Cluster')
export class ClusterModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() kubernetesVersion!: string;
  @Field(() => [String]) serviceCIDRs!: string[];
  @Field(() => [String]) podCIDRs!: string[];
  @Field(() => NodeCIDRMaskSizeModel) nodeCIDRMaskSize!: NodeCIDRMaskSizeModel;
  @Field() serviceNodePortRange!: string;
  @Field(() => Int) maxPodsPerNode!: number;
  @Field() dnsServiceIP!: string;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
}

@InputType('NodeCIDRMaskSizeInput')
export class NodeCIDRMaskSizeInput {
  @Field(() => Int, { nullable: true }) IPv4?: number;
  @Field(() => Int, { nullable: true }) IPv6?: number;
}

/** Create input (REST sends the same fields as JSON). */
@InputType('ClusterInput')
export class ClusterInput {
  @Field() name!: string;
  @Field({ nullable: true }) kubernetesVersion?: string;
  @Field(() => [String]) serviceCIDRs!: string[];
  @Field(() => [String], { nullable: true }) podCIDRs?: string[];
  @Field(() => NodeCIDRMaskSizeInput, { nullable: true }) nodeCIDRMaskSize?: NodeCIDRMaskSizeInput;
  @Field({ nullable: true }) serviceNodePortRange?: string;
  @Field(() => Int, { nullable: true }) maxPodsPerNode?: number;
  @Field({ nullable: true }) dnsServiceIP?: string;
}

/** Patch input: every field optional; the name is the target. */
@InputType('ClusterPatchInput')
export class ClusterPatchInput {
  @Field({ nullable: true }) kubernetesVersion?: string;
  @Field(() => [String], { nullable: true }) serviceCIDRs?: string[];
  @Field(() => [String], { nullable: true }) podCIDRs?: string[];
  @Field(() => NodeCIDRMaskSizeInput, { nullable: true }) nodeCIDRMaskSize?: NodeCIDRMaskSizeInput;
  @Field({ nullable: true }) serviceNodePortRange?: string;
  @Field(() => Int, { nullable: true }) maxPodsPerNode?: number;
  @Field({ nullable: true }) dnsServiceIP?: string;
}

@ObjectType('ClusterPage')
export class ClusterPageModel {
  @Field(() => [ClusterModel]) items!: ClusterModel[];
  @Field({ nullable: true }) continue?: string;
}
