/**
 * The outcome of apimachinery `strategicpatch.CreateThreeWayMergePatch(original,
 * modified, current)` applied to `current` with `StrategicMergePatch`, computed in one
 * pass instead of building the patch:
 *
 * - a field of `modified` that differs from `current` is set (maps merge key by key);
 * - a field of `original` (the last-applied configuration) missing from `modified` is
 *   deleted, and so is a field set to null in `modified`;
 * - every other field of `current` — defaulted or allocated by the server, or set by
 *   someone else — stays.
 *
 * Lists follow their patch strategy: `replace` (the default; atomic lists) takes the
 * modified list whole when it differs; `merge` with a merge key matches elements by that
 * key, merges each element the same three-way, deletes elements dropped from `original`,
 * and orders the result like `$setElementOrder` does (`normalizeElementOrder`,
 * `mergeSortedSlice`). A `merge` list without a key (finalizers) is a set of values.
 */
import { type JsonObject, type JsonValue, isJsonObject, setOwn } from './json-node';

export interface PatchMeta {
  readonly fields?: Readonly<Record<string, PatchMeta>>;
  /** For a list: `merge` (with `mergeKey` for lists of objects) or `replace` (default). */
  readonly strategy?: 'merge' | 'replace';
  readonly mergeKey?: string;
  /** Meta of the elements of a merged list of objects. */
  readonly items?: PatchMeta;
}

export class MergeKeyError {
  constructor(readonly message: string) {}
}

export function mergeObjects(
  original: JsonObject | undefined,
  modified: JsonObject,
  current: JsonObject,
  meta: PatchMeta | undefined,
): JsonObject {
  const result: JsonObject = {};
  for (const key of Object.keys(current)) setOwn(result, key, current[key]!);
  for (const key of Object.keys(modified)) {
    const m = modified[key]!;
    const has = Object.prototype.hasOwnProperty.call(current, key);
    const c = has ? current[key]! : undefined;
    const o =
      original && Object.prototype.hasOwnProperty.call(original, key) ? original[key] : undefined;
    const fieldMeta = meta?.fields?.[key];
    if (m === null) {
      delete result[key];
    } else if (isJsonObject(m) && isJsonObject(c)) {
      setOwn(result, key, mergeObjects(isJsonObject(o) ? o : undefined, m, c, fieldMeta));
    } else if (Array.isArray(m) && Array.isArray(c) && fieldMeta?.strategy === 'merge') {
      setOwn(result, key, mergeList(Array.isArray(o) ? o : undefined, m, c, fieldMeta));
    } else if (!has || !deepEqual(m, c)) {
      setOwn(result, key, withoutNulls(m));
    }
  }
  if (original) {
    for (const key of Object.keys(original)) {
      if (!Object.prototype.hasOwnProperty.call(modified, key)) delete result[key];
    }
  }
  return result;
}

function mergeList(
  original: JsonValue[] | undefined,
  modified: JsonValue[],
  current: JsonValue[],
  meta: PatchMeta,
): JsonValue[] {
  const mergeKey = meta.mergeKey;
  const keyOf =
    mergeKey === undefined
      ? (v: JsonValue) => canonical(v)
      : (v: JsonValue) => objectKey(v, mergeKey);
  const modifiedKeys = modified.map(keyOf);
  const modifiedSet = new Set(modifiedKeys);
  const deleted = new Set(
    (original ?? [])
      .map((v) => safeKey(keyOf, v))
      .filter((k) => k !== undefined && !modifiedSet.has(k)),
  );

  let working = current.filter((v) => !deleted.has(safeKey(keyOf, v) ?? ''));
  if (mergeKey === undefined) {
    const present = new Set(working.map(canonical));
    for (const v of modified) {
      if (!present.has(canonical(v))) {
        working.push(v);
        present.add(canonical(v));
      }
    }
  } else {
    working = [...working];
    for (const m of modified) {
      const k = keyOf(m);
      const at = working.findIndex((c) => safeKey(keyOf, c) === k);
      const o = original?.find((x) => safeKey(keyOf, x) === k);
      const mo = m as JsonObject;
      if (at === -1) working.push(withoutNulls(mo));
      else {
        const c = working[at]!;
        working[at] = isJsonObject(c)
          ? mergeObjects(isJsonObject(o) ? o : undefined, mo, c, meta.items)
          : withoutNulls(mo);
      }
    }
  }
  if (deepEqual(working, current)) return current;
  return orderLikeSetElementOrder(working, modifiedKeys, current, (v) => safeKey(keyOf, v));
}

/** `normalizeElementOrder` + `mergeSortedSlice`: patched items in the manifest's order, server-only items kept where they were. */
function orderLikeSetElementOrder(
  items: JsonValue[],
  patchOrder: string[],
  serverList: JsonValue[],
  keyOf: (v: JsonValue) => string | undefined,
): JsonValue[] {
  const patchIndex = (v: JsonValue) => patchOrder.indexOf(keyOf(v) ?? '\u0000');
  const serverKeys = serverList.map(keyOf);
  const serverIndex = (v: JsonValue) => serverKeys.indexOf(keyOf(v));
  const right = items
    .filter((v) => patchIndex(v) !== -1)
    .sort((a, b) => patchIndex(a) - patchIndex(b));
  const left = items
    .filter((v) => patchIndex(v) === -1)
    .sort((a, b) => serverIndex(a) - serverIndex(b));
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]!);
    else if (j >= right.length) out.push(left[i++]!);
    else {
      const li = serverIndex(left[i]!);
      const ri = serverIndex(right[j]!);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]!);
      else out.push(right[j++]!);
    }
  }
  return out;
}

function objectKey(v: JsonValue, mergeKey: string): string {
  if (!isJsonObject(v) || !Object.prototype.hasOwnProperty.call(v, mergeKey)) {
    // strategicpatch's words when an element lacks the declared key.
    throw new MergeKeyError(
      `map: ${goMapText(v)} does not contain declared merge key: ${mergeKey}`,
    );
  }
  return canonical(v[mergeKey]!);
}

function safeKey(keyOf: (v: JsonValue) => string, v: JsonValue): string | undefined {
  try {
    return keyOf(v);
  } catch {
    return undefined;
  }
}

/** fmt's `%v` of a map[string]interface{}: `map[name:http port:80]`. */
function goMapText(v: JsonValue): string {
  if (!isJsonObject(v)) return JSON.stringify(v);
  const parts = Object.keys(v)
    .sort()
    .map((k) => `${k}:${isJsonObject(v[k]) ? goMapText(v[k]!) : String(v[k])}`);
  return `map[${parts.join(' ')}]`;
}

function canonical(v: JsonValue): string {
  return JSON.stringify(v);
}

/** A patch's nulls delete; set onto nothing they leave nothing (maps only, as the patch applies). */
export function withoutNulls<T extends JsonValue>(v: T): T {
  if (!isJsonObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v)) if (v[k] !== null) setOwn(out, k, withoutNulls(v[k]!));
  return out as T;
}

export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length &&
      ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}
