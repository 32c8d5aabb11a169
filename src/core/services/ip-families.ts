/**
 * IP-family resolution: alloc.go `initIPFamilyFields(after, before)`, step by step, and
 * `isMatchingPreferDualStackClusterIPFields`. Errors come in two stages that the pipeline
 * reports separately: stage A is the loose pre-validation
 * (`ValidateServiceClusterIPsRelatedFields`), stage B the family/cluster errors of this function.
 */
import { cidrForFamily, primaryFamily, type ServiceNetwork } from '../cluster/service-network';
import { type FieldError, fieldError, goValue } from '../errors/field-error';
import { type IPFamily, otherFamily } from '../net';
import type { PlanDecision } from './plan-decision';
import {
  CLUSTER_IP_NONE,
  cloneService,
  familyOf,
  isHeadlessSelectorless,
  sameClusterIPs,
  sameIPFamilies,
} from './service-predicates';
import type { Service } from './service-types';
import { validateServiceClusterIPsRelatedFields } from './validation';

export interface IPFamilyResult {
  /** The request with policy and families resolved (or as far as resolution got). */
  readonly service: Service;
  /** `A`: loose pre-validation failed; `B`: family/cluster errors. Absent on success. */
  readonly stage?: 'A' | 'B';
  readonly errors: FieldError[];
  /** The PreferDualStack freeze applied: nothing may be allocated or released. */
  readonly frozen: boolean;
  readonly explanation: PlanDecision[];
}

const STEP = 'ip-families';

/**
 * alloc.go `isMatchingPreferDualStackClusterIPFields`: an update that explicitly repeats
 * PreferDualStack with the stored IPs and families, on an unchanged type that has IPs.
 */
export function isMatchingPreferDualStackClusterIPFields(
  after: Service,
  before: Service | undefined,
): boolean {
  if (!before) return false;
  const policy = after.spec.ipFamilyPolicy;
  if (policy == null) return false;
  if (before.spec.type !== after.spec.type) return false;
  if (!['ClusterIP', 'NodePort', 'LoadBalancer'].includes(after.spec.type ?? '')) return false;
  if (policy !== 'PreferDualStack') return false;
  if (before.spec.ipFamilyPolicy != null && before.spec.ipFamilyPolicy !== 'PreferDualStack')
    return false;
  return sameClusterIPs(before, after) && sameIPFamilies(before, after);
}

const configured = (network: ServiceNetwork, family: string): boolean =>
  (family === 'IPv4' || family === 'IPv6') && cidrForFamily(network, family) !== undefined;

/** alloc.go `initIPFamilyFields`. Returns a new object; `after` and `before` are not modified. */
export function initIPFamilyFields(
  after: Service,
  before: Service | undefined,
  network: ServiceNetwork,
): IPFamilyResult {
  const svc = cloneService(after);
  const spec = svc.spec;
  const explanation: PlanDecision[] = [];
  const explain = (message: string) => explanation.push({ step: STEP, message });
  const done = (extra: Partial<IPFamilyResult> = {}): IPFamilyResult => ({
    service: svc,
    errors: [],
    frozen: false,
    explanation,
    ...extra,
  });

  // Step 1: ExternalName Services have no IP fields; validation forbids any the user set.
  if (spec.type === 'ExternalName') {
    explain('type ExternalName: no ipFamilyPolicy, ipFamilies or cluster IPs');
    return done();
  }

  // Step 2: the PreferDualStack freeze, so that a cluster's change of stack never silently
  // upgrades or downgrades a PreferDualStack Service that is re-applied unchanged.
  if (isMatchingPreferDualStackClusterIPFields(svc, before)) {
    explain(
      'ipFamilyPolicy PreferDualStack repeated with the stored clusterIPs and ipFamilies: kept as stored, nothing allocated or released',
    );
    return done({ frozen: true });
  }

  // Step 3: default the policy. Never to dual-stack, except headless without a selector.
  if (spec.ipFamilyPolicy == null) {
    if (before?.spec.ipFamilyPolicy != null) {
      spec.ipFamilyPolicy = before.spec.ipFamilyPolicy;
      explain(`ipFamilyPolicy not set: adopted ${spec.ipFamilyPolicy} from the stored Service`);
    } else if (isHeadlessSelectorless(svc)) {
      spec.ipFamilyPolicy = 'RequireDualStack';
      explain(
        'ipFamilyPolicy not set on a headless Service without selector: defaulted to RequireDualStack',
      );
    } else {
      spec.ipFamilyPolicy = 'SingleStack';
      explain(
        'ipFamilyPolicy not set: defaulted to SingleStack (Kubernetes never defaults to dual-stack)',
      );
    }
  }
  const policy = spec.ipFamilyPolicy;

  // Step 4: loose pre-validation of the IP fields (stage A).
  const pre = validateServiceClusterIPsRelatedFields(svc);
  if (pre.length > 0) {
    explain('rejected by the clusterIP/ipFamilies pre-validation');
    return done({ stage: 'A', errors: pre });
  }

  const errors: FieldError[] = [];
  const policyInvalid = (detail: string) =>
    errors.push(fieldError.invalid('spec.ipFamilyPolicy', goValue.str(policy), detail));

  // Step 5: update-only preparation: the downgrade path, and shrinking without SingleStack.
  if (before) {
    if (policy === 'SingleStack') {
      if (sameClusterIPs(before, svc) && (spec.clusterIPs?.length ?? 0) > 1) {
        spec.clusterIPs = spec.clusterIPs!.slice(0, 1);
        explain('SingleStack with the stored two clusterIPs: keeping only the primary');
      }
      if (sameIPFamilies(before, svc) && (spec.ipFamilies?.length ?? 0) > 1) {
        spec.ipFamilies = spec.ipFamilies!.slice(0, 1);
        explain('SingleStack with the stored two ipFamilies: keeping only the primary');
      }
    } else {
      const fewer = (now: string[] | undefined, then: string[] | undefined) =>
        (now?.length ?? 0) > 0 && now!.length < (then?.length ?? 0);
      if (fewer(spec.clusterIPs, before.spec.clusterIPs)) {
        policyInvalid("must be 'SingleStack' to release the secondary cluster IP");
      }
      if (fewer(spec.ipFamilies, before.spec.ipFamilies)) {
        policyInvalid("must be 'SingleStack' to release the secondary IP family");
      }
    }
  }

  // Step 6: SingleStack cannot carry two of anything.
  if (policy === 'SingleStack') {
    if (spec.clusterIPs?.length === 2) {
      policyInvalid(
        "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
      );
    }
    if (spec.ipFamilies?.length === 2) {
      policyInvalid(
        "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
      );
    }
  }

  // Step 7: infer missing families from the requested IPs.
  const ips = spec.clusterIPs ?? [];
  for (let i = 0; i < ips.length; i++) {
    const ip = ips[i]!;
    if (ip === CLUSTER_IP_NONE) break;
    const fam = familyOf(ip) ?? 'unknown';
    if (i >= (spec.ipFamilies?.length ?? 0)) {
      if (!configured(network, fam)) {
        errors.push(
          fieldError.invalid(
            `spec.clusterIPs[${i}]`,
            goValue.strings(ips),
            `${fam} is not configured on this cluster`,
          ),
        );
      } else {
        spec.ipFamilies = [...(spec.ipFamilies ?? []), fam];
        explain(`ipFamilies[${i}] inferred as ${fam} from clusterIPs[${i}] ${ip}`);
      }
    }
  }

  // Step 8.
  if (errors.length > 0) {
    explain('rejected: the IP family fields contradict the policy or the cluster');
    return done({ stage: 'B', errors });
  }

  const primary = primaryFamily(network);
  const families = (): string[] => spec.ipFamilies ?? [];

  // Step 9: headless without selector may claim families the cluster lacks (its endpoints are
  // managed by the user), so it is resolved before any cluster-capability check.
  if (isHeadlessSelectorless(svc)) {
    if (families().length === 0) {
      spec.ipFamilies = [primary];
      explain(`headless without selector: ipFamilies start with the primary family ${primary}`);
    }
    if (families().length < 2 && policy !== 'SingleStack') {
      const other = otherFamily(families()[0] as IPFamily);
      spec.ipFamilies = [...families(), other];
      explain(
        `headless without selector and ${policy}: ${other} appended whatever the cluster's stack`,
      );
    }
    return done();
  }

  // Step 10: what the cluster cannot provide.
  if (policy === 'RequireDualStack' && network.serviceCIDRs.length < 2) {
    policyInvalid('this cluster is not configured for dual-stack services');
  }
  families().forEach((fam, i) => {
    if (!configured(network, fam)) {
      errors.push(
        fieldError.invalid(
          `spec.ipFamilies[${i}]`,
          goValue.str(fam),
          'not configured on this cluster',
        ),
      );
    }
  });
  if (errors.length > 0) {
    explain('rejected: the requested policy or families are not configured on this cluster');
    return done({ stage: 'B', errors });
  }

  // Step 11.
  if (families().length === 0) {
    spec.ipFamilies = [primary];
    explain(`ipFamilies not set: the cluster's primary family ${primary}`);
  }

  // Step 12: dual-stack policies take the second family when the cluster has it.
  if (policy !== 'SingleStack' && families().length === 1) {
    if (network.serviceCIDRs.length === 2) {
      const other = otherFamily(families()[0] as IPFamily);
      spec.ipFamilies = [...families(), other];
      explain(`${policy} on a dual-stack cluster: secondary family ${other} appended`);
    } else {
      explain(`${policy} on a single-stack cluster: stays single-stack ${families()[0]}`);
    }
  }
  return done();
}
