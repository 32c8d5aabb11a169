/**
 * Service manifests in, decoded Services out — one result per object, as kubectl splits a
 * stream (documents, then `List` items) and kube-apiserver decodes each object
 * (apimachinery serializer/json `Serializer.Decode`, handlers `transformDecodeError`).
 * Nothing here throws for bad input: every failure is a Kubernetes Status.
 */
import { type Status, badRequestStatus, status } from '../errors/status';
import type { Service } from '../services/service-types';
import { parseJson } from './json-parse';
import { NUL_DETAIL, nulPath } from './nul';
import type { JsonNode, JsonObject, JsonObjectNode } from './json-node';
import { classifyObject, summarizeData } from './object-kind';
import { parseYamlStream } from './yaml-parse';

export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

export interface DecodeOptions {
  /** Largest body accepted, in bytes (kube-apiserver's default request limit is 3 MiB). */
  maxBytes?: number;
  /** Most objects one body may carry, after `List`s are flattened. */
  maxDocuments?: number;
  /** Deepest nesting of arrays and objects. */
  maxDepth?: number;
  /** Most values (after YAML aliases are expanded) in one body. */
  maxNodes?: number;
  /** kube-apiserver's `fieldValidation`; its default is Warn. */
  fieldValidation?: FieldValidation;
  /**
   * true (default): kind and apiVersion must be in the object, as kubectl requires.
   * false: missing ones default to Service and v1, as kube-apiserver does for a body
   * POSTed to the services resource (`gvkWithDefaults`).
   */
  requireTypeMeta?: boolean;
}

export const DEFAULT_DECODE_LIMITS = {
  maxBytes: 3 * 1024 * 1024,
  maxDocuments: 1000,
  maxDepth: 100,
  maxNodes: 500_000,
} as const;

export type DecodedItem =
  | {
      ok: true;
      /** Position among all decoded objects. */
      index: number;
      /** Which YAML document (0 for a JSON body) the object came from. */
      document: number;
      /** The typed Service: unknown fields dropped, nulls absent. */
      object: Service;
      /** The object as kubectl holds it (unstructured JSON), for client-side apply. */
      raw: JsonObject;
      warnings: string[];
    }
  | { ok: false; index: number; document: number; status: Status };

export type DecodeResult = { ok: true; items: DecodedItem[] } | { ok: false; status: Status };

export function decodeManifests(
  body: string | Buffer,
  contentType: 'yaml' | 'json',
  options: DecodeOptions = {},
): DecodeResult {
  const limits = { ...DEFAULT_DECODE_LIMITS, ...definedOnly(options) };
  const size = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  // The bytes themselves are only needed to quote the body in an error.
  const bytesOf = () => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  if (size > limits.maxBytes) {
    return {
      ok: false,
      status: status(
        413,
        'RequestEntityTooLarge',
        `Request entity too large: limit is ${limits.maxBytes}`,
      ),
    };
  }
  const tooMany = () =>
    badRequestStatus(`the request carries more than ${limits.maxDocuments} objects`);
  const unrecognized = (err: string) =>
    badRequestStatus(
      `the object provided is unrecognized (must be of type Service): ${err} (${summarizeData(bytesOf())})`,
    );

  const documents: { node: JsonNode; document: number; duplicate?: string }[] = [];
  if (contentType === 'json') {
    const text = typeof body === 'string' ? body : new TextDecoder('utf-8').decode(body);
    const parsed = parseJson(text, limits);
    if (!parsed.ok)
      return {
        ok: false,
        status: unrecognized(`couldn't get version/kind; json parse error: ${parsed.error}`),
      };
    documents.push({ node: parsed.value, document: 0 });
  } else {
    let text: string;
    try {
      text =
        typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return { ok: false, status: unrecognized('yaml: invalid leading UTF-8 octet') };
    }
    const parsed = parseYamlStream(text, limits);
    if (!parsed.ok)
      return {
        ok: false,
        status: parsed.tooManyDocuments ? tooMany() : unrecognized(parsed.error),
      };
    parsed.documents.forEach((d, i) => {
      if (d.node === null) return;
      documents.push(
        d.duplicate
          ? { node: d.node, document: i, duplicate: d.duplicate }
          : { node: d.node, document: i },
      );
    });
  }

  const objects: {
    node: JsonNode;
    document: number;
    duplicate?: string;
    inherited?: InheritedTypeMeta;
  }[] = [];
  for (const doc of documents) {
    if (!flatten(doc.node, doc.document, doc.duplicate, undefined, objects, limits.maxDocuments)) {
      return { ok: false, status: tooMany() };
    }
  }
  if (objects.length === 0)
    return { ok: false, status: badRequestStatus('no objects passed in the request body') };

  const items = objects.map((o, index): DecodedItem => {
    const item = classifyObject(o.node, {
      index,
      document: o.document,
      duplicate: o.duplicate,
      inherited: o.inherited,
      fieldValidation: limits.fieldValidation ?? 'Warn',
      requireTypeMeta: limits.requireTypeMeta ?? true,
    });
    const nul = item.ok ? nulPath(item.raw) : null;
    if (nul === null) return item;
    return {
      ok: false,
      index,
      document: o.document,
      status: badRequestStatus(`${nul}: ${NUL_DETAIL}`),
    };
  });
  return { ok: true, items };
}

export interface InheritedTypeMeta {
  kind: string;
  apiVersion: string;
}

/**
 * kubectl's FlattenListVisitor over unstructured lists: an object whose kind ends in
 * `List` and whose `items` is an array stands for its items. Items with neither kind nor
 * apiVersion take `<Kind minus List>` and the list's apiVersion (unstructuredJSONScheme
 * `decodeToList`), so a ServiceList's bare items are Services and a `List`'s are not.
 */
function flatten(
  node: JsonNode,
  document: number,
  duplicate: string | undefined,
  inherited: InheritedTypeMeta | undefined,
  out: { node: JsonNode; document: number; duplicate?: string; inherited?: InheritedTypeMeta }[],
  max: number,
): boolean {
  const list = node.t === 'obj' ? listItems(node) : undefined;
  if (!list) {
    if (out.length >= max) return false;
    const o: (typeof out)[number] = { node, document };
    if (duplicate) o.duplicate = duplicate;
    if (inherited) o.inherited = inherited;
    out.push(o);
    return true;
  }
  let first = true;
  for (const item of list.items) {
    const dup = first ? duplicate : undefined;
    first = false;
    if (!flatten(item, document, dup, list.inherit, out, max)) return false;
  }
  return true;
}

function listItems(
  n: JsonObjectNode,
): { items: readonly JsonNode[]; inherit: InheritedTypeMeta } | undefined {
  const kind = lastString(n, 'kind');
  const items = lastValue(n, 'items');
  if (kind === undefined || !kind.endsWith('List') || !items || items.t !== 'arr') return undefined;
  return {
    items: items.items,
    inherit: { kind: kind.slice(0, -'List'.length), apiVersion: lastString(n, 'apiVersion') ?? '' },
  };
}

function lastValue(n: JsonObjectNode, key: string): JsonNode | undefined {
  let v: JsonNode | undefined;
  for (const [k, x] of n.entries) if (k === key) v = x;
  return v;
}

function lastString(n: JsonObjectNode, key: string): string | undefined {
  const v = lastValue(n, key);
  return v?.t === 'str' ? v.v : undefined;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
