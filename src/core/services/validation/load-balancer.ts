/**
 * LoadBalancer-only fields of ValidateService: source ranges (field or the legacy
 * annotation, as service.GetLoadBalancerSourceRanges reads them), allocateLoadBalancerNodePorts
 * and validation.go `validateLoadBalancerClassField`.
 */
import { type FieldError, fieldError, goValue } from '../../errors/field-error';
import type { Service } from '../service-types';
import { isValidCIDR } from './ip-checks';
import { isQualifiedName } from './names';

/** `core.AnnotationLoadBalancerSourceRangesKey`. */
export const LB_SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

const ONLY_LOAD_BALANCER = "may only be used when `type` is 'LoadBalancer'";

/**
 * The field wins over the annotation. Values may be space-padded, a historical accident of
 * the move from the annotation to the field. The field path keeps upstream's capital "L".
 */
export function validateLoadBalancerSourceRanges(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const isLB = svc.spec.type === 'LoadBalancer';
  const ranges = svc.spec.loadBalancerSourceRanges ?? [];
  const annotation = svc.metadata.annotations?.[LB_SOURCE_RANGES_ANNOTATION];
  if (ranges.length > 0) {
    const path = 'spec.LoadBalancerSourceRanges';
    if (!isLB) errs.push(fieldError.forbidden(path, ONLY_LOAD_BALANCER));
    ranges.forEach((value, i) => errs.push(...isValidCIDR(`${path}[${i}]`, value.trim())));
  } else if (annotation !== undefined) {
    const path = `metadata.annotations[${LB_SOURCE_RANGES_ANNOTATION}]`;
    if (!isLB) errs.push(fieldError.forbidden(path, ONLY_LOAD_BALANCER));
    const val = annotation.trim();
    if (val !== '')
      for (const value of val.split(',')) errs.push(...isValidCIDR(path, value.trim()));
  }
  return errs;
}

/**
 * Set on another type: Forbidden. Nil on a LoadBalancer: Required at the path
 * "allocateLoadBalancerNodePorts" without "spec.", an upstream quirk that v1 defaulting
 * keeps out of reach.
 */
export function validateAllocateLoadBalancerNodePorts(svc: Service): FieldError[] {
  const set = svc.spec.allocateLoadBalancerNodePorts != null;
  const isLB = svc.spec.type === 'LoadBalancer';
  if (set && !isLB)
    return [fieldError.forbidden('spec.allocateLoadBalancerNodePorts', ONLY_LOAD_BALANCER)];
  if (!set && isLB) return [fieldError.required('allocateLoadBalancerNodePorts')];
  return [];
}

/** `validateLoadBalancerClassField`: immutable between LoadBalancers, a qualified name, LB only. */
export function validateLoadBalancerClassField(
  old: Service | undefined,
  svc: Service,
): FieldError[] {
  const errs: FieldError[] = [];
  const cls = svc.spec.loadBalancerClass ?? null;
  const isLB = svc.spec.type === 'LoadBalancer';
  if (
    old &&
    old.spec.type === 'LoadBalancer' &&
    isLB &&
    (old.spec.loadBalancerClass ?? null) !== cls
  ) {
    errs.push(
      fieldError.invalid(
        'spec.loadBalancerClass',
        goValue.nullable(cls),
        'may not change once set',
      ),
    );
  }
  if (cls === null) return errs;
  if (isLB) {
    for (const msg of isQualifiedName(cls))
      errs.push(fieldError.invalid('spec.loadBalancerClass', goValue.str(cls), msg));
  } else {
    errs.push(fieldError.forbidden('spec.loadBalancerClass', ONLY_LOAD_BALANCER));
  }
  return errs;
}
