/**
 * The JSON document as kube-apiserver's decoder sees it: after sigs.k8s.io/yaml has turned
 * YAML into JSON, or straight from a JSON body. Nodes keep what the Go decoder needs and a
 * JavaScript value loses: every object entry in order (duplicates included), and each
 * number as its JSON literal text (`number 1.5` in Go's type errors, int64 precision).
 */

export type JsonNode =
  | { readonly t: 'null' }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'num'; readonly raw: string }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'arr'; readonly items: readonly JsonNode[] }
  | {
      readonly t: 'obj';
      readonly entries: readonly (readonly [string, JsonNode])[];
      /** The object's own text in a JSON body, as Go keeps it for `Object 'Kind' is missing in '…'`. */
      readonly source?: string;
    };

export type JsonObjectNode = Extract<JsonNode, { t: 'obj' }>;

/** A plain JSON value (what `JSON.parse` returns). */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's name for a JSON value's kind in `json: cannot unmarshal <kind> into …`. */
export function goKindName(n: JsonNode): string {
  switch (n.t) {
    case 'null':
      return 'null';
    case 'bool':
      return 'bool';
    case 'num':
      return 'number';
    case 'str':
      return 'string';
    case 'arr':
      return 'array';
    case 'obj':
      return 'object';
  }
}

/** The last value of `key`, as Go's map decoding keeps it. */
export function lastEntry(n: JsonObjectNode, key: string): JsonNode | undefined {
  let found: JsonNode | undefined;
  for (const [k, v] of n.entries) if (k === key) found = v;
  return found;
}

/**
 * The unstructured view (`map[string]interface{}` in kubectl): last duplicate wins,
 * nulls kept, numbers as JavaScript numbers. Object keys are defined as own data
 * properties so `__proto__` stays an ordinary key.
 */
export function toPlain(n: JsonNode): JsonValue {
  switch (n.t) {
    case 'null':
      return null;
    case 'bool':
      return n.v;
    case 'num':
      return Number(n.raw);
    case 'str':
      return n.v;
    case 'arr':
      return n.items.map(toPlain);
    case 'obj': {
      const out: JsonObject = {};
      for (const [k, v] of n.entries) setOwn(out, k, toPlain(v));
      return out;
    }
  }
}

export function setOwn(o: JsonObject, key: string, value: JsonValue): void {
  if (key !== '__proto__') o[key] = value;
  else
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of a plain JSON value; keys holding `undefined` are left out. */
export function cloneJson(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(cloneJson);
  if (isJsonObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined) setOwn(out, k, cloneJson(v[k]!));
    return out;
  }
  return v;
}

/** A plain value back into nodes (for objects that never were text, e.g. a merged Service). */
export function fromPlain(v: unknown): JsonNode {
  if (v === null || v === undefined) return { t: 'null' };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (typeof v === 'number') return { t: 'num', raw: goFloatText(v) };
  if (typeof v === 'string') return { t: 'str', v };
  if (Array.isArray(v)) return { t: 'arr', items: v.map(fromPlain) };
  if (typeof v === 'object') {
    return { t: 'obj', entries: Object.entries(v).map(([k, x]) => [k, fromPlain(x)] as const) };
  }
  return { t: 'null' };
}

/**
 * encoding/json's float64 text: shortest form, exponent below 1e-6 and from 1e21 up —
 * the same thresholds as ECMAScript's Number#toString; only -0 differs.
 */
export function goFloatText(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

/** `json.Marshal` of the unstructured map: compact, keys sorted, as Go prints it. */
export function goJsonText(n: JsonNode): string {
  switch (n.t) {
    case 'null':
      return 'null';
    case 'bool':
      return String(n.v);
    case 'num':
      return n.raw;
    case 'str':
      return goJsonString(n.v);
    case 'arr':
      return `[${n.items.map(goJsonText).join(',')}]`;
    case 'obj': {
      const last = new Map<string, JsonNode>();
      for (const [k, v] of n.entries) last.set(k, v);
      const keys = [...last.keys()].sort(byteOrder);
      return `{${keys.map((k) => `${goJsonString(k)}:${goJsonText(last.get(k)!)}`).join(',')}}`;
    }
  }
}

/** Go sorts map keys by bytes; UTF-16 order agrees except beyond the BMP, which is rare in keys. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

/** encoding/json string escaping, HTML-safe as Go's default encoder is. */
export function goJsonString(s: string): string {
  const quoted = JSON.stringify(s);
  // Most strings have nothing to escape; search before building a replacement.
  if (quoted.search(HTML_UNSAFE) === -1) return quoted;
  return quoted.replace(HTML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A plain value as Go's `json.Marshal` prints it (keys sorted), e.g. for an annotation:
 * goJsonText(fromPlain(v)) without building the nodes. A plain object has no duplicate keys.
 */
export function goJsonOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
      return String(v);
    case 'number':
      return goFloatText(v);
    case 'string':
      return goJsonString(v);
    case 'object': {
      if (Array.isArray(v)) return `[${v.map(goJsonOf).join(',')}]`;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).sort(byteOrder);
      return `{${keys.map((k) => `${goJsonString(k)}:${goJsonOf(o[k])}`).join(',')}}`;
    }
    default:
      return 'null';
  }
}
