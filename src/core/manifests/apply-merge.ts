/**
 * `kubectl apply` without --server-side, for Services (kubectl apply/patcher.go).
 *
 * kubectl stores what was applied in the annotation
 * `kubectl.kubernetes.io/last-applied-configuration` (util.GetModifiedConfiguration: the
 * manifest encoded as JSON without that annotation — keys sorted, a trailing newline,
 * `annotations: {}` when there were none), then sends the strategic merge patch
 * CreateThreeWayMergePatch(lastApplied, manifest+annotation, live) to the server.
 *
 * Patch strategies are those of the struct tags in k8s.io/api core/v1 and meta/v1, which
 * is what strategic merge patch reads (the `+listMapKey=port`/`protocol` markers serve only
 * server-side apply):
 * - `spec.ports`: merge, key `port` alone. When two ports share a number (TCP and UDP),
 *   a change to the second is merged into the first match (kubernetes#39188); that is
 *   kubectl's behaviour and is kept.
 * - `metadata.ownerReferences`: merge by `uid`; `metadata.finalizers`: merge as a set;
 *   `status.conditions`: merge by `type`.
 * - everything else that is a list (clusterIPs, externalIPs, ipFamilies,
 *   loadBalancerSourceRanges, status.loadBalancer.ingress, managedFields) is replaced
 *   whole; maps (labels, annotations, selector) merge key by key.
 */
import type { Service } from '../services/service-types';
import {
  type JsonObject,
  type JsonValue,
  cloneJson as clone,
  goJsonOf,
  isJsonObject,
  setOwn,
} from './json-node';
import { MergeKeyError, type PatchMeta, mergeObjects } from './strategic-merge';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

export const SERVICE_PATCH_META: PatchMeta = {
  fields: {
    metadata: {
      fields: {
        ownerReferences: { strategy: 'merge', mergeKey: 'uid' },
        finalizers: { strategy: 'merge' },
      },
    },
    spec: { fields: { ports: { strategy: 'merge', mergeKey: 'port' } } },
    status: { fields: { conditions: { strategy: 'merge', mergeKey: 'type' } } },
  },
};

/** A Service as plain JSON: typed or unstructured, both are accepted. */
type ServiceLike = Service | JsonObject;

export type ApplyMergeResult = { ok: true; object: JsonObject } | { ok: false; message: string };

/** The manifest as kubectl records it: a deep copy without the last-applied annotation itself. */
export function stripForLastApplied(manifest: ServiceLike): JsonObject {
  const copy = clone(manifest as JsonValue) as JsonObject;
  const metadata = isJsonObject(copy.metadata) ? copy.metadata : {};
  const annotations = isJsonObject(metadata.annotations) ? metadata.annotations : {};
  delete annotations[LAST_APPLIED_ANNOTATION];
  setOwn(metadata, 'annotations', annotations);
  setOwn(copy, 'metadata', metadata);
  return copy;
}

/** The annotation's value kubectl writes: Go's json.Encoder output, sorted keys and a newline. */
export function lastAppliedConfiguration(manifest: ServiceLike): string {
  return `${goJsonOf(stripForLastApplied(manifest))}\n`;
}

/** The manifest with its last-applied annotation set: what `kubectl apply` creates, and the `modified` side of the merge. */
export function withLastApplied(manifest: ServiceLike): JsonObject {
  const modified = stripForLastApplied(manifest);
  const text = `${goJsonOf(modified)}\n`;
  const annotations = (modified.metadata as JsonObject).annotations as JsonObject;
  setOwn(annotations, LAST_APPLIED_ANNOTATION, text);
  return modified;
}

/**
 * A decoded Service with its last-applied annotation set to `text`, as withLastApplied
 * followed by decoding would give it (the annotation moves to the end of the map), without
 * decoding the manifest a second time.
 */
export function withLastAppliedAnnotation(svc: Service, text: string): Service {
  const annotations: Record<string, string> = { ...svc.metadata.annotations };
  delete annotations[LAST_APPLIED_ANNOTATION];
  annotations[LAST_APPLIED_ANNOTATION] = text;
  return { ...svc, metadata: { ...svc.metadata, annotations } };
}

/**
 * The live object's last-applied configuration, or undefined when it has none (kubectl
 * then computes no deletions) or it is not a JSON object.
 */
export function readLastApplied(live: ServiceLike): JsonObject | undefined {
  const metadata = (live as JsonObject).metadata;
  const annotations = isJsonObject(metadata) ? metadata.annotations : undefined;
  const text = isJsonObject(annotations) ? annotations[LAST_APPLIED_ANNOTATION] : undefined;
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** kubectl's warning when the live object was not created by apply (apply.go warningNoLastAppliedConfigAnnotation). */
export function missingLastAppliedWarning(name: string): string {
  return (
    `resource services/${name} is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. ` +
    'kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. ' +
    'The missing annotation will be patched automatically.'
  );
}

/**
 * The live Service after `kubectl apply` of `manifest`, with the new last-applied
 * annotation, or the error kubectl's patch computation stops with (a port without `port`).
 */
export function threeWayMergeChecked(
  lastApplied: ServiceLike | undefined,
  live: ServiceLike,
  manifest: ServiceLike,
): ApplyMergeResult {
  try {
    const object = mergeObjects(
      lastApplied ? (clone(lastApplied as JsonValue) as JsonObject) : undefined,
      withLastApplied(manifest),
      clone(live as JsonValue) as JsonObject,
      SERVICE_PATCH_META,
    );
    return { ok: true, object };
  } catch (e) {
    if (e instanceof MergeKeyError) return { ok: false, message: e.message };
    throw e;
  }
}

/**
 * As threeWayMergeChecked, for callers that validate afterwards: when kubectl would stop
 * on a port without a merge key, the manifest is taken as a replacement of the live object's
 * fields it names (and validation then reports the port).
 */
export function threeWayMerge(
  lastApplied: ServiceLike | undefined,
  live: ServiceLike,
  manifest: ServiceLike,
): Service {
  const merged = threeWayMergeChecked(lastApplied, live, manifest);
  if (merged.ok) return merged.object as unknown as Service;
  const replaced = mergeObjects(
    undefined,
    withLastApplied(manifest),
    clone(live as JsonValue) as JsonObject,
    {},
  );
  return replaced as unknown as Service;
}
