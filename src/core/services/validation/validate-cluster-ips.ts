/**
 * pkg/apis/core/validation `ValidateServiceClusterIPsRelatedFields`: the stand-alone checks
 * of clusterIP/clusterIPs, ipFamilies and ipFamilyPolicy. It is also the loose pre-validation
 * that alloc.go `initIPFamilyFields` runs before resolving families (reference §4, §6.2). It
 * neither checks the families against the cluster nor the policy against the list lengths.
 */
import { type FieldError, fieldError, goValue } from '../../errors/field-error';
import { parseIPSloppy } from '../../net';
import type { Service } from '../service-types';
import { goStrings } from './go-render';
import { isValidIP } from './ip-checks';

const SUPPORTED_FAMILIES = ['IPv4', 'IPv6'];
const SUPPORTED_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

/** validation.go `isHeadlessService`: exactly `["None"]`. */
export const isHeadlessService = (svc: Service): boolean =>
  svc.spec.clusterIPs?.length === 1 && svc.spec.clusterIPs[0] === 'None';

/** k8s.io/utils/net `IsDualStackIPStrings` over IPs already known to parse. */
function isDualStack(ips: readonly string[]): boolean {
  const families = new Set(ips.map((ip) => parseIPSloppy(ip)?.family));
  return families.has('IPv4') && families.has('IPv6');
}

/** Mirrors ValidateServiceClusterIPsRelatedFields; skipped entirely for ExternalName. */
export function validateServiceClusterIPsRelatedFields(svc: Service): FieldError[] {
  if (svc.spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const clusterIP = svc.spec.clusterIP ?? '';
  const clusterIPs = svc.spec.clusterIPs ?? [];
  const families = svc.spec.ipFamilies ?? [];
  const ipsValue = goStrings(svc.spec.clusterIPs);

  // clusterIP and clusterIPs must agree; strategy and storage keep them in sync for users.
  if (clusterIP) {
    if (clusterIPs.length === 0) errs.push(fieldError.required('spec.clusterIPs'));
    else if (clusterIPs[0] !== clusterIP) {
      errs.push(
        fieldError.invalid('spec.clusterIPs', ipsValue, 'first value must match `clusterIP`'),
      );
    }
  } else if (clusterIPs.length > 0) {
    errs.push(
      fieldError.invalid(
        'spec.clusterIPs',
        ipsValue,
        'must be empty when `clusterIP` is not specified',
      ),
    );
  }

  // With no explicit length check, a third family is always unsupported or a duplicate.
  const seen = new Set<string>();
  families.forEach((family, i) => {
    const path = `spec.ipFamilies[${i}]`;
    if (!SUPPORTED_FAMILIES.includes(family)) {
      errs.push(fieldError.notSupported(path, goValue.str(family), SUPPORTED_FAMILIES));
    }
    if (seen.has(family)) errs.push(fieldError.duplicate(path, goValue.str(family)));
    seen.add(family);
  });

  const policy = svc.spec.ipFamilyPolicy;
  if (policy != null && !SUPPORTED_POLICIES.includes(policy)) {
    errs.push(
      fieldError.notSupported('spec.ipFamilyPolicy', goValue.str(policy), SUPPORTED_POLICIES),
    );
  }

  // "None" is valid only as the first and only value; everything else must be an IP.
  let hasInvalidIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        hasInvalidIPs = true;
        errs.push(
          fieldError.invalid(
            'spec.clusterIPs',
            ipsValue,
            "'None' must be the first and only value",
          ),
        );
      }
      return;
    }
    const ipErrs = isValidIP(`spec.clusterIPs[${i}]`, ip);
    if (ipErrs.length > 0) hasInvalidIPs = true;
    errs.push(...ipErrs);
  });

  if (clusterIPs.length > 2)
    errs.push(fieldError.invalid('spec.clusterIPs', ipsValue, 'may only hold up to 2 values'));

  // An invalid IP would skew the index and family messages below, so upstream stops here.
  if (hasInvalidIPs) return errs;

  if (clusterIPs.length > 1 && !isDualStack(clusterIPs)) {
    errs.push(
      fieldError.invalid(
        'spec.clusterIPs',
        ipsValue,
        'may specify no more than one IP for each IP family',
      ),
    );
  }

  if (!isHeadlessService(svc) && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.forEach((ip, i) => {
      const family = families[i];
      if (family === undefined) return;
      const isV6 = parseIPSloppy(ip)?.family === 'IPv6';
      if (family === 'IPv4' && isV6) {
        errs.push(
          fieldError.invalid(
            `spec.clusterIPs[${i}]`,
            goValue.str(ip),
            `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``,
          ),
        );
      }
      if (family === 'IPv6' && !isV6) {
        errs.push(
          fieldError.invalid(
            `spec.clusterIPs[${i}]`,
            goValue.str(ip),
            `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``,
          ),
        );
      }
    });
  }
  return errs;
}
