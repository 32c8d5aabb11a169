/**
 * The shape of a what-if change (REST body or GraphQL input), checked at the edge: numbers
 * that are counts, known policies and families, CIDRs that parse. Whether the change makes
 * sense for the cluster (families, masks, what is allocated) is the core's answer, returned
 * as reasons rather than errors, because "it does not fit" is the question being asked.
 */
import type { AddServices, CapacityChange, ServicePolicy } from '../../core/capacity';
import { fieldError, goValue, type FieldError } from '../../core/errors/field-error';
import { parseCidr, type Cidr, type IPFamily } from '../../core/net';
import {
  rejectUnknownFields,
  requireObject,
  throwInvalid,
  typeError,
} from '../../platform/http/body-shape';

const CHANGE_FIELDS = [
  'addNodes',
  'addServices',
  'nodeCIDRMaskSize',
  'maxPodsPerNode',
  'serviceCIDRs',
  'podCIDRs',
] as const;
const SERVICE_FIELDS = ['count', 'policy', 'family', 'nodePortsPerService'] as const;
const POLICIES: readonly ServicePolicy[] = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];
const FAMILIES: readonly IPFamily[] = ['IPv4', 'IPv6'];
/** Far beyond any range (2^128 addresses), small enough to keep the maths cheap. */
const MAX_COUNT = 1n << 130n;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function count(v: unknown, field: string, errors: FieldError[]): bigint | undefined {
  if (v === undefined || v === null) return undefined;
  let n: bigint | undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v)) n = BigInt(v);
  else if (typeof v === 'bigint') n = v;
  else if (typeof v === 'string' && /^[0-9]{1,40}$/.test(v)) n = BigInt(v);
  if (n === undefined || n < 0n || n > MAX_COUNT) {
    errors.push(typeError(field, v, 'a non-negative integer'));
    return undefined;
  }
  return n;
}

function int(
  v: unknown,
  field: string,
  min: number,
  max: number,
  errors: FieldError[],
): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    errors.push(typeError(field, v, `an integer from ${min} to ${max}`));
    return undefined;
  }
  return v;
}

function cidrs(v: unknown, field: string, errors: FieldError[]): Cidr[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.length > 2) {
    errors.push(typeError(field, v, 'a list of one or two CIDRs'));
    return undefined;
  }
  const out: Cidr[] = [];
  v.forEach((text: unknown, i) => {
    const parsed = typeof text === 'string' ? parseCidr(text) : null;
    if (parsed?.ok) out.push(parsed.cidr);
    else errors.push(typeError(`${field}[${i}]`, text, 'a valid CIDR such as "10.0.0.0/16"'));
  });
  return out;
}

function addServices(v: unknown, errors: FieldError[]): AddServices | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) {
    errors.push(typeError('addServices', v, 'an object'));
    return undefined;
  }
  rejectUnknownFields(v, SERVICE_FIELDS);
  const n = count(v.count, 'addServices.count', errors);
  if (v.count === undefined || v.count === null)
    errors.push(fieldError.required('addServices.count'));
  const policy = v.policy ?? 'SingleStack';
  if (!POLICIES.includes(policy as ServicePolicy)) {
    errors.push(
      fieldError.notSupported(
        'addServices.policy',
        goValue.str(String(policy).slice(0, 64)),
        POLICIES,
      ),
    );
  }
  const family = v.family ?? undefined;
  if (family !== undefined && !FAMILIES.includes(family as IPFamily)) {
    errors.push(
      fieldError.notSupported(
        'addServices.family',
        goValue.str(String(family).slice(0, 64)),
        FAMILIES,
      ),
    );
  }
  const ports = int(v.nodePortsPerService, 'addServices.nodePortsPerService', 0, 65535, errors);
  return {
    count: n ?? 0n,
    policy: policy as ServicePolicy,
    ...(family === undefined ? {} : { family: family as IPFamily }),
    ...(ports === undefined ? {} : { nodePortsPerService: ports }),
  };
}

function masks(v: unknown, errors: FieldError[]): Partial<Record<IPFamily, number>> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) {
    errors.push(typeError('nodeCIDRMaskSize', v, 'an object'));
    return undefined;
  }
  rejectUnknownFields(v, FAMILIES);
  const out: Partial<Record<IPFamily, number>> = {};
  for (const f of FAMILIES) {
    const m = int(v[f], `nodeCIDRMaskSize.${f}`, 0, f === 'IPv4' ? 32 : 128, errors);
    if (m !== undefined) out[f] = m;
  }
  return out;
}

/** The change, or a 422 naming every bad field at once. */
export function parseCapacityChange(body: unknown, clusterName: string): CapacityChange {
  const input = requireObject(body, 'capacity change');
  rejectUnknownFields(input, CHANGE_FIELDS);
  const errors: FieldError[] = [];
  const change: CapacityChange = {
    addNodes: count(input.addNodes, 'addNodes', errors),
    addServices: addServices(input.addServices, errors),
    nodeCIDRMaskSize: masks(input.nodeCIDRMaskSize, errors),
    maxPodsPerNode: int(input.maxPodsPerNode, 'maxPodsPerNode', 1, 65536, errors),
    serviceCIDRs: cidrs(input.serviceCIDRs, 'serviceCIDRs', errors),
    podCIDRs: cidrs(input.podCIDRs, 'podCIDRs', errors),
  };
  if (errors.length) throwInvalid('CapacityChange', clusterName, errors);
  return Object.fromEntries(
    Object.entries(change).filter(([, v]) => v !== undefined),
  ) as CapacityChange;
}
