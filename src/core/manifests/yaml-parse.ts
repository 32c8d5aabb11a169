/**
 * YAML stream → JSON nodes, as sigs.k8s.io/yaml `YAMLToJSON` (and, for duplicate keys,
 * `YAMLToJSONStrict`) would produce them, one result per document.
 *
 * js-yaml expands an alias into a shared reference, so an alias bomb costs nothing to
 * parse but everything to walk: the walk into nodes counts every expanded value against
 * `maxNodes` and fails with yaml.v2's own words, `document contains excessive aliasing`.
 */
import yaml from 'js-yaml';
import { type JsonNode } from './json-node';
import { GoNumber, K8S_YAML_SCHEMA } from './yaml-schema';

export interface YamlLimits {
  maxDepth: number;
  maxNodes: number;
  /** Non-empty documents allowed before any is walked. */
  maxDocuments: number;
}

/** Values reached through aliases: generous for real manifests, small enough to fail a bomb fast. */
const MAX_ALIASED_VALUES = 100_000;

export interface YamlDocument {
  /** null for an empty document. */
  node: JsonNode | null;
  /** yaml.v2 strict duplicate-key finding, e.g. `yaml: unmarshal errors:\n  line 5: key "type" already set in map`. */
  duplicate?: string;
}

export type YamlParseResult =
  | { ok: true; documents: YamlDocument[] }
  | { ok: false; error: string; tooManyDocuments?: boolean };

class ConversionError {
  constructor(readonly message: string) {}
}

export function parseYamlStream(text: string, limits: YamlLimits): YamlParseResult {
  // The common case in one pass: js-yaml without `json` refuses any duplicate key, so a
  // stream it accepts has none and needs no per-document duplicate search. Anything it
  // refuses takes the full path below, which gives every error its yaml.v2 words.
  let values: unknown[] | undefined;
  try {
    values = yaml.loadAll(text, null, {
      schema: K8S_YAML_SCHEMA,
      maxDepth: limits.maxDepth + 1,
    } as yaml.LoadOptions);
  } catch {
    values = undefined;
  }
  return values ? walkDocuments(values, limits, undefined) : parseWithDuplicates(text, limits);
}

/** Duplicate keys allowed (last wins, as sigs.k8s.io/yaml) and each document's first one found. */
function parseWithDuplicates(text: string, limits: YamlLimits): YamlParseResult {
  const roots: { start: number; end: number }[] = [];
  let values: unknown[];
  try {
    values = yaml.loadAll(text, null, {
      schema: K8S_YAML_SCHEMA,
      json: true,
      // js-yaml counts the document node itself as one level.
      maxDepth: limits.maxDepth + 1,
      listener(event, state) {
        const depth = (state as unknown as { depth: number }).depth;
        if (depth !== 1) return;
        if (event === 'open') roots.push({ start: state.position, end: state.position });
        else if (roots.length) roots[roots.length - 1]!.end = state.position;
      },
    } as yaml.LoadOptions);
  } catch (e) {
    return { ok: false, error: yamlErrorText(e, limits, 0) };
  }
  return walkDocuments(values, limits, (i) => {
    const root = roots[i];
    return root ? findDuplicateKey(text, root.start, root.end, limits) : undefined;
  });
}

/** Parsed documents → nodes under the limits; `duplicateIn(i)` names document i's duplicate key. */
function walkDocuments(
  values: unknown[],
  limits: YamlLimits,
  duplicateIn: ((document: number) => string | undefined) | undefined,
): YamlParseResult {
  if (values.filter((v) => v !== null && v !== undefined).length > limits.maxDocuments) {
    return { ok: false, error: 'too many documents', tooManyDocuments: true };
  }
  const budget: Budget = {
    left: limits.maxNodes,
    aliasedLeft: MAX_ALIASED_VALUES,
    seen: new WeakSet(),
  };
  const documents: YamlDocument[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      documents.push({ node: null });
      continue;
    }
    let node: JsonNode;
    try {
      node = toNode(value, 0, limits.maxDepth, budget, new Set(), false);
    } catch (e) {
      if (e instanceof ConversionError) return { ok: false, error: e.message };
      throw e;
    }
    const doc: YamlDocument = { node };
    const duplicate = duplicateIn?.(i);
    if (duplicate) doc.duplicate = duplicate;
    documents.push(doc);
  }
  return { ok: true, documents };
}

/** yaml.v2 error text: `yaml: line N: <reason>`. */
function yamlErrorText(e: unknown, limits: YamlLimits, lineOffset: number): string {
  if (e instanceof RangeError) return `yaml: exceeded max depth of ${limits.maxDepth}`;
  if (e instanceof yaml.YAMLException) {
    if (e.reason.startsWith('nesting exceeded maxDepth')) {
      return `yaml: exceeded max depth of ${limits.maxDepth}`;
    }
    if (e.reason.startsWith('merge keys exceeded'))
      return 'yaml: document contains excessive aliasing';
    const line = (e.mark?.line ?? 0) + 1 + lineOffset;
    return `yaml: line ${line}: ${e.reason}`;
  }
  return `yaml: ${String(e)}`;
}

/**
 * The first key set twice in one mapping of the document, in the words of yaml.v2's
 * UnmarshalStrict. js-yaml stops at the first one, so later duplicates go unreported.
 */
function findDuplicateKey(
  text: string,
  start: number,
  end: number,
  limits: YamlLimits,
): string | undefined {
  const slice = text.slice(start, end);
  try {
    yaml.load(slice, {
      schema: K8S_YAML_SCHEMA,
      maxDepth: limits.maxDepth + 1,
    } as yaml.LoadOptions);
    return undefined;
  } catch (e) {
    if (!(e instanceof yaml.YAMLException) || !e.reason.startsWith('duplicated mapping key'))
      return undefined;
    const lineOffset = countLines(text, start);
    const line = (e.mark?.line ?? 0) + 1 + lineOffset;
    const key = keyAt(slice, e.mark?.position ?? 0);
    return `yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(key)} already set in map`;
  }
}

function countLines(text: string, upTo: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < upTo; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The key written at `pos` (plain or quoted), as the message names it. */
function keyAt(s: string, pos: number): string {
  const rest = s.slice(pos);
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/.exec(rest);
  if (quoted) {
    const q = quoted[1]!;
    if (q.startsWith("'")) return q.slice(1, -1).replace(/''/g, "'");
    try {
      return JSON.parse(q) as string;
    } catch {
      return q.slice(1, -1);
    }
  }
  const plain = /^(.*?)\s*:(\s|$)/.exec(rest);
  return plain ? plain[1]! : rest.split(/\s/)[0]!;
}

interface Budget {
  left: number;
  aliasedLeft: number;
  /** Objects already walked: meeting one again means an alias is being expanded. */
  seen: WeakSet<object>;
}

function toNode(
  v: unknown,
  depth: number,
  maxDepth: number,
  budget: Budget,
  path: Set<object>,
  aliased: boolean,
): JsonNode {
  if (--budget.left < 0) throw new ConversionError('the document has too many values');
  if (aliased && --budget.aliasedLeft < 0)
    throw new ConversionError('yaml: document contains excessive aliasing');
  if (v === null || v === undefined) return { t: 'null' };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (typeof v === 'string') return { t: 'str', v };
  if (v instanceof GoNumber) {
    if (v.unsupported) throw new ConversionError(`json: unsupported value: ${v.json}`);
    return { t: 'num', raw: v.json };
  }
  if (typeof v !== 'object') return { t: 'str', v: String(v) };
  if (depth >= maxDepth) throw new ConversionError(`yaml: exceeded max depth of ${maxDepth}`);
  if (path.has(v)) throw new ConversionError('yaml: document contains excessive aliasing');
  const inAlias = aliased || budget.seen.has(v);
  budget.seen.add(v);
  path.add(v);
  try {
    if (Array.isArray(v)) {
      return {
        t: 'arr',
        items: v.map((x) => toNode(x, depth + 1, maxDepth, budget, path, inAlias)),
      };
    }
    return {
      t: 'obj',
      entries: Object.keys(v).map(
        (k) =>
          [
            k,
            toNode((v as Record<string, unknown>)[k], depth + 1, maxDepth, budget, path, inAlias),
          ] as const,
      ),
    };
  } finally {
    path.delete(v);
  }
}
