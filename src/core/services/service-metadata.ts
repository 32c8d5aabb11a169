/**
 * Object metadata on create and update, as the generic registry handles it
 * (apiserver `rest.BeforeCreate`/`BeforeUpdate`, `FillObjectMetaSystemFields`, the
 * namespace and name checks of the REST handlers, and the optimistic-concurrency check).
 */
import { badRequestStatus, conflictStatus, type Status, unknownStatus } from '../errors/status';
import { cloneService } from './service-predicates';
import type { Service } from './service-types';

export interface MetadataContext {
  /** The namespace of the request URL. */
  readonly namespace: string;
  readonly now: Date;
  readonly uid: string;
  readonly resourceVersion: string;
}

export type MetadataResult = { ok: true; service: Service } | { ok: false; status: Status };

/** metav1.Time: RFC 3339 in UTC with whole seconds. */
export const formatTimestamp = (d: Date): string => {
  const iso = d.toISOString();
  // YYYY-MM-DDTHH:mm:ss.sssZ for years 0–9999; other years carry a sign and six digits.
  return iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso.replace(/\.\d{3}Z$/, 'Z');
};

const NAMESPACE_MISMATCH =
  'the namespace of the provided object does not match the namespace sent on the request';

/** names.SimpleNameGenerator's alphabet: no vowels, no look-alike digits. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` + five characters, derived from the request uid so the core stays pure. */
function generatedSuffix(uid: string): string {
  let h = 2166136261;
  let out = '';
  for (let i = 0; i < 5; i++) {
    for (const ch of `${uid}:${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += NAME_ALPHABET[h % NAME_ALPHABET.length];
  }
  return out;
}

/** The URL's namespace wins when the body has none; a different one is a 400. */
function checkNamespace(svc: Service, namespace: string): Status | null {
  const bodyNs = svc.metadata.namespace ?? '';
  if (bodyNs === '') svc.metadata.namespace = namespace;
  else if (bodyNs !== namespace) return badRequestStatus(NAMESPACE_MISMATCH);
  return null;
}

/** BeforeCreate: system fields are the server's, whatever the body said. */
export function createMetadata(input: Service, ctx: MetadataContext): MetadataResult {
  const svc = cloneService(input);
  svc.metadata ??= {};
  const bad = checkNamespace(svc, ctx.namespace);
  if (bad) return { ok: false, status: bad };
  const meta = svc.metadata;
  if (!meta.name && meta.generateName)
    meta.name = `${meta.generateName}${generatedSuffix(ctx.uid)}`;
  meta.uid = ctx.uid;
  meta.creationTimestamp = formatTimestamp(ctx.now);
  meta.resourceVersion = ctx.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.managedFields;
  return { ok: true, service: svc };
}

/**
 * etcd3 `store.Create` refuses a body whose resourceVersion parses to a non-zero number
 * (`storage.ErrResourceVersionSetOnCreate`, a plain error: HTTP 500, reason Unknown); "0"
 * is accepted, as kubeadm's manifests rely on.
 */
export function resourceVersionSetOnCreate(input: Service): Status | null {
  const rv = input.metadata?.resourceVersion;
  return typeof rv === 'string' && /^[0-9]+$/.test(rv) && BigInt(rv) !== 0n
    ? unknownStatus('resourceVersion should not be set on objects to be created')
    : null;
}

/**
 * BeforeUpdate plus the handler checks: the body's name must be the URL's, a body
 * resourceVersion must be the stored one (an empty one is an unconditional update), the uid
 * defaults to the stored one and creationTimestamp cannot change.
 */
export function updateMetadata(
  input: Service,
  stored: Service,
  ctx: MetadataContext,
): MetadataResult {
  const svc = cloneService(input);
  svc.metadata ??= {};
  const bad = checkNamespace(svc, ctx.namespace);
  if (bad) return { ok: false, status: bad };
  const meta = svc.metadata;
  const name = stored.metadata.name ?? '';
  if ((meta.name ?? '') !== name) {
    return {
      ok: false,
      status: badRequestStatus(
        `the name of the object (${meta.name ?? ''}) does not match the name on the URL (${name})`,
      ),
    };
  }
  if (meta.resourceVersion && meta.resourceVersion !== stored.metadata.resourceVersion) {
    return {
      ok: false,
      status: conflictStatus(
        'services',
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      ),
    };
  }
  if (!meta.uid) meta.uid = stored.metadata.uid;
  if (stored.metadata.creationTimestamp) meta.creationTimestamp = stored.metadata.creationTimestamp;
  meta.resourceVersion = ctx.resourceVersion;
  delete meta.managedFields;
  return { ok: true, service: svc };
}
