/**
 * Request bodies as Service manifests: the raw JSON or YAML text goes to the core decoder
 * (core/manifests), whose whole-body failures (syntax, bombs, limits) become the request's
 * Status; per-object failures stay with their item.
 */
import { decodeManifests, type DecodedItem } from '../../core/manifests/decode';
import { readLastApplied } from '../../core/manifests/apply-merge';
import { type JsonObject, cloneJson } from '../../core/manifests/json-node';
import type { Service } from '../../core/services/service-types';
import { AppError } from '../../platform/errors/app-error';

export interface ManifestBody {
  readonly text: string;
  readonly format: 'yaml' | 'json';
}

/**
 * The request body as the manifest text, JSON unless the content type says YAML. The body
 * parsers keep the raw text (duplicate keys and number literals matter to the strict decoder).
 */
export function manifestBody(
  rawBody: string | undefined,
  contentType: string | undefined,
): ManifestBody {
  if (rawBody === undefined || rawBody.trim() === '') {
    throw AppError.of(
      400,
      'BadRequest',
      'the request body must carry a Service manifest (JSON or YAML)',
    );
  }
  return { text: rawBody, format: /yaml/i.test(contentType ?? '') ? 'yaml' : 'json' };
}

/** A manifest given as a string (GraphQL): JSON when it starts like a JSON object or array. */
export function manifestText(text: string): ManifestBody {
  const t = text.trimStart();
  return { text, format: t.startsWith('{') || t.startsWith('[') ? 'json' : 'yaml' };
}

/** Every object of the body (documents, `List` items), each decoded or failed on its own. */
export function decodeAll(
  body: ManifestBody,
  opts: { requireTypeMeta: boolean; maxBytes?: number },
): DecodedItem[] {
  const result = decodeManifests(body.text, body.format, {
    requireTypeMeta: opts.requireTypeMeta,
    maxBytes: opts.maxBytes,
  });
  if (!result.ok) throw new AppError(result.status);
  return result.items;
}

/**
 * The one Service of a Kubernetes-shaped create or replace. kube-apiserver decodes a single
 * object and fills a missing kind and apiVersion from the URL.
 */
export function decodeOne(
  body: ManifestBody,
  maxBytes?: number,
): { service: Service; warnings: string[] } {
  const items = decodeAll(body, { requireTypeMeta: false, maxBytes });
  if (items.length !== 1) {
    throw AppError.of(
      400,
      'BadRequest',
      `the request body must carry exactly one Service, found ${items.length} objects`,
    );
  }
  const item = items[0]!;
  if (!item.ok) throw new AppError(item.status);
  return { service: item.object, warnings: item.warnings };
}

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The configuration the last `kubectl apply` recorded on a stored object, if any. */
export const lastAppliedOf = (svc: Service): JsonObject | null => readLastApplied(svc) ?? null;

/** The manifest with its namespace set, as kubectl's builder sets the default namespace. */
export function withNamespace(raw: JsonObject, namespace: string): JsonObject {
  const obj = cloneJson(raw) as JsonObject;
  const meta: JsonObject = isObject(obj.metadata) ? obj.metadata : {};
  obj.metadata = meta;
  if (typeof meta.namespace !== 'string' || meta.namespace === '') meta.namespace = namespace;
  return obj;
}

/** The namespace a manifest names, or the default one, as kubectl resolves it. */
export function namespaceOf(raw: JsonObject, fallback: string): string {
  const meta = raw.metadata;
  const ns = isObject(meta) ? meta.namespace : undefined;
  return typeof ns === 'string' && ns !== '' ? ns : fallback;
}

export function nameOf(raw: JsonObject): string {
  const meta = raw.metadata;
  const name = isObject(meta) ? meta.name : undefined;
  return typeof name === 'string' ? name : '';
}
