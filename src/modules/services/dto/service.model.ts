/** GraphQL shapes of the Service endpoints; the same facts REST returns. */
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { KubernetesObjectScalar } from './kubernetes-object.scalar';

@ObjectType('PlanDecision')
export class PlanDecisionModel {
  @Field() step!: string;
  @Field() message!: string;
}

@ObjectType('PlanItem')
export class PlanItemModel {
  @Field(() => Int) index!: number;
  @Field(() => KubernetesObjectScalar, {
    nullable: true,
    description: 'The Service as it would be (plan) or was (apply) stored.',
  })
  service!: Record<string, unknown> | null;
  @Field(() => String, {
    nullable: true,
    description: 'create, update or unchanged; null when the object is not a Service.',
  })
  action!: string | null;
  @Field(() => [String]) warnings!: string[];
  @Field(() => [PlanDecisionModel]) explanation!: PlanDecisionModel[];
  @Field(() => KubernetesObjectScalar, {
    nullable: true,
    description: 'The Kubernetes Status of a failed item.',
  })
  error!: Record<string, unknown> | null;
}

@ObjectType('PlanResult')
export class PlanResultModel {
  @Field(() => [PlanItemModel]) items!: PlanItemModel[];
  @Field({
    description:
      'Apply: whether every item was stored (false: nothing was). Plan: whether every item would succeed.',
  })
  ok!: boolean;
}

@ObjectType('ServicePage')
export class ServicePageModel {
  @Field(() => [KubernetesObjectScalar]) items!: Record<string, unknown>[];
  @Field(() => String, { nullable: true }) continue?: string;
}
