/**
 * pkg/apis/core/validation `ValidateService` (= `ValidateServiceCreate`), Kubernetes ≈1.33.
 * Input is a v1 Service after defaulting and registry allocation; errors come back in the
 * upstream evaluation order (reference §6.1), which is the order of the `[...]` message.
 */
import { type FieldError, fieldError, goValue } from '../../errors/field-error';
import type { Service } from '../service-types';
import { isValidIP, validateNonSpecialIP } from './ip-checks';
import {
  validateAllocateLoadBalancerNodePorts,
  validateLoadBalancerClassField,
  validateLoadBalancerSourceRanges,
} from './load-balancer';
import { isDNS1123Subdomain, nameIsDNS1035Label } from './names';
import { validateLabels, validateObjectMeta } from './object-meta';
import { validatePortLists, validateServicePort } from './service-ports';
import {
  validateExternalTrafficPolicy,
  validateInternalTrafficPolicy,
  validateSessionAffinity,
  validateTrafficDistribution,
} from './traffic-policies';
import { isHeadlessService, validateServiceClusterIPsRelatedFields } from './validate-cluster-ips';

const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_AWARE_HINTS = 'service.kubernetes.io/topology-aware-hints';
const SUPPORTED_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** The deprecated topology-aware-hints annotation must agree with topology-mode when both are set. */
function validateTopologyAnnotations(svc: Service): FieldError[] {
  const annotations = svc.metadata.annotations ?? {};
  const mode = annotations[TOPOLOGY_MODE];
  const hints = annotations[TOPOLOGY_AWARE_HINTS];
  if (mode === undefined || hints === undefined || mode === hints) return [];
  return [
    fieldError.invalid(
      `metadata.annotations[${TOPOLOGY_MODE}]`,
      goValue.str(mode),
      `must match annotations[${TOPOLOGY_AWARE_HINTS}] when both are specified`,
    ),
  ];
}

/** The `switch service.Spec.Type` block: headless vs NodePort/LoadBalancer, ExternalName fields. */
function validateTypeSpecificFields(svc: Service): FieldError[] {
  const spec = svc.spec;
  switch (spec.type) {
    case 'LoadBalancer':
    case 'NodePort':
      return isHeadlessService(svc)
        ? [
            fieldError.invalid(
              'spec.clusterIPs[0]',
              goValue.str('None'),
              `may not be set to 'None' for ${spec.type} services`,
            ),
          ]
        : [];
    case 'ExternalName': {
      const errs: FieldError[] = [];
      const forbidden = 'may not be set for ExternalName services';
      if ((spec.clusterIPs?.length ?? 0) > 0)
        errs.push(fieldError.forbidden('spec.clusterIPs', forbidden));
      if ((spec.ipFamilies?.length ?? 0) > 0)
        errs.push(fieldError.forbidden('spec.ipFamilies', forbidden));
      if (spec.ipFamilyPolicy != null)
        errs.push(fieldError.forbidden('spec.ipFamilyPolicy', forbidden));
      // A CNAME may end in one dot to mark it fully qualified.
      const cname = (spec.externalName ?? '').replace(/\.$/, '');
      if (!cname) errs.push(fieldError.required('spec.externalName'));
      else
        for (const msg of isDNS1123Subdomain(cname))
          errs.push(fieldError.invalid('spec.externalName', goValue.str(cname), msg));
      return errs;
    }
    default:
      return [];
  }
}

function validateExternalIPs(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  (svc.spec.externalIPs ?? []).forEach((ip, i) => {
    const path = `spec.externalIPs[${i}]`;
    const ipErrs = isValidIP(path, ip);
    errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIP(ip, path)));
  });
  return errs;
}

function validateType(type: string): FieldError[] {
  if (!type) return [fieldError.required('spec.type')];
  return SUPPORTED_TYPES.includes(type)
    ? []
    : [fieldError.notSupported('spec.type', goValue.str(type), SUPPORTED_TYPES)];
}

/** Mirrors ValidateService. */
export function validateService(svc: Service): FieldError[] {
  const spec = svc.spec;
  const ports = spec.ports ?? [];
  const type = spec.type ?? '';
  const errs = validateObjectMeta(svc.metadata, nameIsDNS1035Label);
  errs.push(...validateTopologyAnnotations(svc));
  if (ports.length === 0 && !isHeadlessService(svc) && type !== 'ExternalName')
    errs.push(fieldError.required('spec.ports'));
  errs.push(...validateTypeSpecificFields(svc));

  const names = new Set<string>();
  ports.forEach((p, i) =>
    errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)),
  );
  if (spec.selector != null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  errs.push(...validateSessionAffinity(svc));
  errs.push(...validateServiceClusterIPsRelatedFields(svc));
  errs.push(...validateExternalIPs(svc));
  errs.push(...validateType(type));
  errs.push(...validatePortLists(ports, type));
  errs.push(...validateLoadBalancerSourceRanges(svc));
  errs.push(...validateAllocateLoadBalancerNodePorts(svc));
  errs.push(...validateLoadBalancerClassField(undefined, svc));
  errs.push(...validateExternalTrafficPolicy(svc));
  errs.push(...validateInternalTrafficPolicy(svc));
  errs.push(...validateTrafficDistribution(svc));
  return errs;
}
