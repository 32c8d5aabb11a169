/**
 * validation.go `validateUpgradeDowngradeClusterIPs` and `validateUpgradeDowngradeIPFamilies`:
 * a Service may gain or release its secondary IP or family, but its primary never changes,
 * and releasing the secondary requires `ipFamilyPolicy: SingleStack`. Upstream quirks kept:
 * every family error sits at `spec.ipFamilies[0]`, and the "primary changed" family error
 * shows the clusterIPs list.
 */
import { type FieldError, fieldError, goValue } from '../../errors/field-error';
import type { Service } from '../service-types';
import { goFamilies, goStrings } from './go-render';
import { isHeadlessService } from './validate-cluster-ips';

const CHANGED = 'may not change once set';

const isExternalName = (svc: Service): boolean => svc.spec.type === 'ExternalName';

/** Mirrors validateUpgradeDowngradeClusterIPs; headless on both sides may change freely. */
export function validateUpgradeDowngradeClusterIPs(old: Service, svc: Service): FieldError[] {
  if (isExternalName(svc) || isExternalName(old)) return [];
  if (isHeadlessService(old) && isHeadlessService(svc)) return [];
  const errs: FieldError[] = [];
  const before = old.spec.clusterIPs ?? [];
  const after = svc.spec.clusterIPs ?? [];
  const value = goStrings(svc.spec.clusterIPs);
  if (before.length === after.length) {
    before.forEach((ip, i) => {
      if (ip !== after[i]) errs.push(fieldError.invalid(`spec.clusterIPs[${i}]`, value, CHANGED));
    });
  } else if (before.length > after.length) {
    if (after.length === 0)
      errs.push(
        fieldError.invalid('spec.clusterIPs[0]', value, 'primary clusterIP can not be unset'),
      );
    if (after.length > 0 && after[0] !== before[0])
      errs.push(fieldError.invalid('spec.clusterIPs[0]', value, CHANGED));
    if (after.length === 1 && svc.spec.ipFamilyPolicy !== 'SingleStack') {
      errs.push(
        fieldError.invalid(
          'spec.ipFamilyPolicy',
          goValue.nullable(svc.spec.ipFamilyPolicy),
          "must be set to 'SingleStack' when releasing the secondary clusterIP",
        ),
      );
    }
  } else if (before.length > 0 && after[0] !== before[0]) {
    errs.push(fieldError.invalid('spec.clusterIPs[0]', value, CHANGED));
  }
  return errs;
}

/** Mirrors validateUpgradeDowngradeIPFamilies; skipped when headless on either side. */
export function validateUpgradeDowngradeIPFamilies(old: Service, svc: Service): FieldError[] {
  if (isExternalName(svc) || isExternalName(old)) return [];
  if (isHeadlessService(old) || isHeadlessService(svc)) return [];
  const errs: FieldError[] = [];
  const before = old.spec.ipFamilies ?? [];
  const after = svc.spec.ipFamilies ?? [];
  const ips = goStrings(svc.spec.clusterIPs);
  if (before.length === after.length) {
    before.forEach((family, i) => {
      if (family !== after[i])
        errs.push(
          fieldError.invalid('spec.ipFamilies[0]', goFamilies(svc.spec.ipFamilies), CHANGED),
        );
    });
  } else if (before.length > after.length) {
    if ((svc.spec.clusterIPs ?? []).length === 0) {
      errs.push(
        fieldError.invalid(
          'spec.ipFamilies[0]',
          goFamilies(svc.spec.ipFamilies),
          'primary ipFamily can not be unset',
        ),
      );
    }
    if (after.length > 0 && after[0] !== before[0])
      errs.push(fieldError.invalid('spec.ipFamilies[0]', ips, CHANGED));
    if (after.length === 1 && svc.spec.ipFamilyPolicy !== 'SingleStack') {
      errs.push(
        fieldError.invalid(
          'spec.ipFamilyPolicy',
          goValue.nullable(svc.spec.ipFamilyPolicy),
          "must be set to 'SingleStack' when releasing the secondary ipFamily",
        ),
      );
    }
  } else if (before.length > 0 && after.length > 0 && after[0] !== before[0]) {
    errs.push(fieldError.invalid('spec.ipFamilies[0]', ips, CHANGED));
  }
  return errs;
}
