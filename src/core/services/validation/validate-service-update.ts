/**
 * pkg/apis/core/validation `ValidateServiceUpdate`: metadata update rules, the IP and family
 * upgrade/downgrade rules, loadBalancerClass and healthCheckNodePort immutability, then the
 * full ValidateService of the new object (reference §6.3). Both inputs are as upstream sees
 * them: `svc` after patching, allocation and PrepareForUpdate, `old` as stored (read-defaulted).
 */
import type { FieldError } from '../../errors/field-error';
import type { Service } from '../service-types';
import { validateLoadBalancerClassField } from './load-balancer';
import { validateObjectMetaUpdate } from './object-meta';
import { validateExternalTrafficFieldsUpdate } from './traffic-policies';
import {
  validateUpgradeDowngradeClusterIPs,
  validateUpgradeDowngradeIPFamilies,
} from './upgrade-downgrade';
import { validateService } from './validate-service';

/** Mirrors ValidateServiceUpdate. */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  return [
    ...validateObjectMetaUpdate(svc.metadata, old.metadata),
    ...validateUpgradeDowngradeClusterIPs(old, svc),
    ...validateUpgradeDowngradeIPFamilies(old, svc),
    ...validateLoadBalancerClassField(old, svc),
    ...validateExternalTrafficFieldsUpdate(old, svc),
    ...validateService(svc),
  ];
}
