/**
 * What a PATCH may change in a validated cluster definition. Addresses already handed out
 * were carved from the CIDRs in force, so a family's CIDR is fixed once set; the primary
 * family is fixed because the `kubernetes` Service and every SingleStack default depend on it.
 * Adding a secondary family (single to dual stack) or removing it is allowed here; the caller
 * checks that nothing is still allocated from a removed family.
 */
import { type FieldError, fieldError, goValue } from '../errors/field-error';
import { type Cidr, formatIP } from '../net';
import type { ClusterDefinition } from './cluster-definition';

/** A family present in both lists keeps its CIDR. */
function cidrChanges(
  field: string,
  what: string,
  current: readonly Cidr[],
  next: readonly Cidr[],
): FieldError[] {
  const errors: FieldError[] = [];
  next.forEach((cidr, i) => {
    const old = current.find((c) => c.family === cidr.family);
    if (old && old.text !== cidr.text) {
      errors.push(
        fieldError.invalid(
          `${field}[${i}]`,
          goValue.str(cidr.text),
          `the ${cidr.family} ${what} may not change once set (it is ${old.text})`,
        ),
      );
    }
  });
  return errors;
}

export function validateClusterPatch(
  current: ClusterDefinition,
  next: ClusterDefinition,
): FieldError[] {
  const errors: FieldError[] = [];
  if (next.name !== current.name)
    errors.push(fieldError.invalid('name', goValue.str(next.name), 'field is immutable'));
  const was = current.serviceCIDRs[0]!;
  const now = next.serviceCIDRs[0]!;
  if (now.family !== was.family) {
    errors.push(
      fieldError.invalid(
        'serviceCIDRs[0]',
        goValue.str(now.text),
        `the primary IP family may not change (it is ${was.family}, from ${was.text})`,
      ),
    );
  }
  errors.push(
    ...cidrChanges('serviceCIDRs', 'service CIDR', current.serviceCIDRs, next.serviceCIDRs),
  );
  errors.push(...cidrChanges('podCIDRs', 'pod CIDR', current.podCIDRs, next.podCIDRs));
  // Node blocks already given out were cut with the old mask.
  for (const c of next.podCIDRs) {
    const before = current.nodeCIDRMaskSize[c.family];
    const after = next.nodeCIDRMaskSize[c.family];
    if (
      current.podCIDRs.some((p) => p.family === c.family) &&
      before !== undefined &&
      after !== before
    ) {
      errors.push(
        fieldError.invalid(
          `nodeCIDRMaskSize.${c.family}`,
          goValue.int(after ?? 0),
          `the ${c.family} node CIDR mask size may not change once set (it is ${before})`,
        ),
      );
    }
  }
  const dnsBefore = current.dnsServiceIP ? formatIP(current.dnsServiceIP) : 'none';
  const dnsAfter = next.dnsServiceIP ? formatIP(next.dnsServiceIP) : 'none';
  if (dnsBefore !== dnsAfter) {
    errors.push(
      fieldError.invalid(
        'dnsServiceIP',
        goValue.str(dnsAfter),
        `may not change once set (it is ${dnsBefore}); the kube-dns Service holds it`,
      ),
    );
  }
  return errors;
}
