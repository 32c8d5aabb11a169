/**
 * `--cluster-cidr` and the node CIDR mask sizes as kube-controller-manager checks them
 * (cmd/kube-controller-manager/app/core.go `validateCIDRs` and `setNodeCIDRMaskSizes`,
 * nodeipam `NewNodeIpamController`, cidrset `NewCIDRSet`; reference §9.5).
 */
import { type FieldError, fieldError, goValue } from '../errors/field-error';
import { type Cidr, type IPFamily, familyBits, otherFamily } from '../net';
import { CLUSTER_SUBNET_MAX_DIFF, SUBNET_TOO_BIG_MESSAGE } from '../allocation/node-cidrs';
import { parseCidrList } from './cidr-list';
import { isPlainObject, readInteger, renderJSON } from './json-values';

/** KCM defaults: `--node-cidr-mask-size-ipv4` 24, `--node-cidr-mask-size-ipv6` 64. */
export const DEFAULT_NODE_CIDR_MASK_SIZE: Readonly<Record<IPFamily, number>> = {
  IPv4: 24,
  IPv6: 64,
};

const FIELD = 'podCIDRs';
const MASK_FIELD = 'nodeCIDRMaskSize';
const FAMILIES: readonly IPFamily[] = ['IPv4', 'IPv6'];
const flagOf = (f: IPFamily): string => `--node-cidr-mask-size-${f.toLowerCase()}`;

export interface PodNetwork {
  podCIDRs: Cidr[];
  nodeCIDRMaskSize: Partial<Record<IPFamily, number>>;
}

/** core.go `validateCIDRs` over the parsed list. */
function listErrors(raw: unknown, cidrs: Array<Cidr | undefined>): FieldError[] {
  const errors: FieldError[] = [];
  if (Array.isArray(raw) && raw.length > 2) {
    errors.push(
      fieldError.tooMany(
        FIELD,
        goValue.int(raw.length),
        `length of clusterCIDRs is:${raw.length} more than max allowed of 2`,
      ),
    );
  }
  const [a, b] = cidrs;
  if (a && b && a.family === b.family) {
    errors.push(
      fieldError.invalid(
        FIELD,
        goValue.strings([a.text, b.text]),
        'len of ClusterCIDRs==2 and they are not configured as dual stack (at least one from each IPFamily',
      ),
    );
  }
  return errors;
}

/** Reads `nodeCIDRMaskSize` as {IPv4?, IPv6?}: integers within the family's bits. */
function readMasks(raw: unknown): {
  masks: Partial<Record<IPFamily, number>>;
  errors: FieldError[];
} {
  const masks: Partial<Record<IPFamily, number>> = {};
  if (raw === undefined || raw === null) return { masks, errors: [] };
  if (!isPlainObject(raw)) {
    return {
      masks,
      errors: [
        fieldError.invalid(
          MASK_FIELD,
          renderJSON(raw),
          'must be an object with optional IPv4 and IPv6 mask sizes',
        ),
      ],
    };
  }
  const errors: FieldError[] = [];
  for (const [key, v] of Object.entries(raw)) {
    if (key !== 'IPv4' && key !== 'IPv6') {
      errors.push(fieldError.notSupported(`${MASK_FIELD}.${key}`, goValue.str(key), FAMILIES));
      continue;
    }
    if (v === undefined || v === null) continue;
    const n = readInteger(`${MASK_FIELD}.${key}`, v, 0, familyBits(key));
    if (n.ok) masks[key] = n.value;
    else errors.push(n.error);
  }
  return { masks, errors };
}

/**
 * `setNodeCIDRMaskSizes` + `NewNodeIpamController` + `NewCIDRSet` for each pod CIDR. A mask
 * for a family without a pod CIDR is refused in KCM's words; a missing one takes the default.
 */
function maskErrors(
  cidrs: readonly Cidr[],
  given: Partial<Record<IPFamily, number>>,
): FieldError[] {
  const errors: FieldError[] = [];
  const families = new Set(cidrs.map((c) => c.family));
  for (const f of FAMILIES) {
    if (given[f] === undefined || families.has(f)) continue;
    const detail =
      families.size === 1
        ? `usage of ${flagOf(f)} is not allowed for a single-stack ${otherFamily(f)} cluster`
        : `usage of ${flagOf(f)} is not allowed without an ${f} pod CIDR (--cluster-cidr)`;
    errors.push(fieldError.invalid(`${MASK_FIELD}.${f}`, goValue.int(given[f]), detail));
  }
  cidrs.forEach((cidr, i) => {
    const explicit = given[cidr.family];
    const mask = explicit ?? DEFAULT_NODE_CIDR_MASK_SIZE[cidr.family];
    // The rule is about the pair; report it where the user can fix it.
    const [field, value] =
      explicit === undefined
        ? [`${FIELD}[${i}]`, goValue.str(cidr.text)]
        : [`${MASK_FIELD}.${cidr.family}`, goValue.int(explicit)];
    if (cidr.prefix > mask) {
      errors.push(
        fieldError.invalid(
          field,
          value,
          'Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family',
        ),
      );
    } else if (cidr.family === 'IPv6' && mask - cidr.prefix > CLUSTER_SUBNET_MAX_DIFF) {
      errors.push(fieldError.invalid(field, value, SUBNET_TOO_BIG_MESSAGE));
    }
  });
  return errors;
}

export function validatePodNetwork(
  rawCIDRs: unknown,
  rawMasks: unknown,
): { value: PodNetwork | null; errors: FieldError[] } {
  const parsed =
    rawCIDRs === undefined || rawCIDRs === null
      ? { cidrs: [] as Array<Cidr | undefined>, complete: true, errors: [] as FieldError[] }
      : parseCidrList(FIELD, rawCIDRs);
  const errors = [...parsed.errors, ...listErrors(rawCIDRs, parsed.cidrs)];
  const masks = readMasks(rawMasks);
  errors.push(...masks.errors);
  if (!parsed.complete || errors.length > 0) {
    // Mask rules need a sound list; judge what parsed so the user sees them together.
    const sound = parsed.cidrs.slice(0, 2).filter((c): c is Cidr => c !== undefined);
    if (masks.errors.length === 0) errors.push(...maskErrors(sound, masks.masks));
    return { value: null, errors };
  }
  const cidrs = parsed.cidrs as Cidr[];
  errors.push(...maskErrors(cidrs, masks.masks));
  if (errors.length > 0) return { value: null, errors };
  const nodeCIDRMaskSize: Partial<Record<IPFamily, number>> = {};
  for (const c of cidrs)
    nodeCIDRMaskSize[c.family] = masks.masks[c.family] ?? DEFAULT_NODE_CIDR_MASK_SIZE[c.family];
  return { value: { podCIDRs: cidrs, nodeCIDRMaskSize }, errors: [] };
}
