/**
 * Session affinity and traffic-policy rules of ValidateService: validation.go
 * `validateClientIPAffinityConfig`, `validateServiceExternalTrafficPolicy`,
 * `validateServiceInternalTrafficFieldsValue` and `validateServiceTrafficDistribution`.
 */
import { type FieldError, fieldError, goValue } from '../../errors/field-error';
import { externallyAccessible, needsHealthCheck } from '../service-predicates';
import type { Service } from '../service-types';
import { isValidPortNum } from './names';

/** `core.MaxClientIPServiceAffinitySeconds`. */
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const POLICIES = ['Cluster', 'Local'];

/** sessionAffinity, then the ClientIP config (or its absence for None). */
export function validateSessionAffinity(svc: Service): FieldError[] {
  const affinity = svc.spec.sessionAffinity ?? '';
  const config = svc.spec.sessionAffinityConfig ?? null;
  const errs: FieldError[] = [];
  if (!affinity) errs.push(fieldError.required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') {
    errs.push(
      fieldError.notSupported('spec.sessionAffinity', goValue.str(affinity), ['ClientIP', 'None']),
    );
  }
  if (affinity === 'ClientIP') {
    const path = 'spec.sessionAffinityConfig';
    const detail = 'when session affinity type is ClientIP';
    if (config === null) return [...errs, fieldError.required(path, detail)];
    if (config.clientIP == null) return [...errs, fieldError.required(`${path}.clientIP`, detail)];
    const timeout = config.clientIP.timeoutSeconds;
    if (timeout == null)
      return [...errs, fieldError.required(`${path}.clientIP.timeoutSeconds`, detail)];
    if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
      errs.push(
        fieldError.invalid(
          `${path}.clientIP.timeoutSeconds`,
          goValue.int(timeout),
          `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`,
        ),
      );
    }
  } else if (affinity === 'None' && config !== null) {
    errs.push(
      fieldError.forbidden(
        'spec.sessionAffinityConfig',
        'must not be set when session affinity is None',
      ),
    );
  }
  return errs;
}

/**
 * externalTrafficPolicy belongs to externally accessible Services only; healthCheckNodePort
 * to LoadBalancer + Local only (NodePort + Local never gets one).
 */
export function validateExternalTrafficPolicy(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const etp = svc.spec.externalTrafficPolicy ?? '';
  if (!externallyAccessible(svc)) {
    if (etp) {
      errs.push(
        fieldError.invalid(
          'spec.externalTrafficPolicy',
          goValue.str(etp),
          'may only be set for externally-accessible services',
        ),
      );
    }
  } else if (!etp) errs.push(fieldError.required('spec.externalTrafficPolicy'));
  else if (!POLICIES.includes(etp)) {
    errs.push(fieldError.notSupported('spec.externalTrafficPolicy', goValue.str(etp), POLICIES));
  }

  const hc = svc.spec.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(svc)) {
    if (hc !== 0) {
      errs.push(
        fieldError.invalid(
          'spec.healthCheckNodePort',
          goValue.int(hc),
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        ),
      );
    }
  } else if (hc === 0) errs.push(fieldError.required('spec.healthCheckNodePort'));
  else
    for (const msg of isValidPortNum(hc))
      errs.push(fieldError.invalid('spec.healthCheckNodePort', goValue.int(hc), msg));
  return errs;
}

/** `validateServiceExternalTrafficFieldsUpdate`: the health-check port is immutable while needed. */
export function validateExternalTrafficFieldsUpdate(old: Service, svc: Service): FieldError[] {
  if (needsHealthCheck(old) && needsHealthCheck(svc)) {
    if ((svc.spec.healthCheckNodePort ?? 0) !== (old.spec.healthCheckNodePort ?? 0)) {
      return [fieldError.forbidden('spec.healthCheckNodePort', 'field is immutable')];
    }
  }
  return [];
}

/**
 * internalTrafficPolicy is required on ClusterIP, NodePort and LoadBalancer; on ExternalName
 * it is tolerated for historical reasons (stored objects must stay valid).
 */
export function validateInternalTrafficPolicy(svc: Service): FieldError[] {
  const itp = svc.spec.internalTrafficPolicy ?? null;
  const type = svc.spec.type;
  if (itp === null) {
    return type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP'
      ? [fieldError.required('spec.internalTrafficPolicy')]
      : [];
  }
  return POLICIES.includes(itp)
    ? []
    : [fieldError.notSupported('spec.internalTrafficPolicy', goValue.str(itp), POLICIES)];
}

/** trafficDistribution: only PreferClose in the version mirrored. */
export function validateTrafficDistribution(svc: Service): FieldError[] {
  const td = svc.spec.trafficDistribution ?? null;
  if (td === null || td === 'PreferClose') return [];
  return [fieldError.notSupported('spec.trafficDistribution', goValue.str(td), ['PreferClose'])];
}
