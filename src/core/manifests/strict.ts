/**
 * Strict typed decoding, mirroring sigs.k8s.io/json `UnmarshalStrict` (a fork of Go's
 * encoding/json decode.go used by kube-apiserver's JSON/YAML serializer):
 *
 * - a JSON type that does not fit the Go field is an `UnmarshalTypeError`; decoding goes
 *   on and the first one is reported (`json: cannot unmarshal string into Go struct field
 *   ServicePort.spec.ports.port of type int32`). Errors from a custom UnmarshalJSON
 *   (IntOrString, metav1.Time) stop decoding at once and win over a saved error.
 * - unknown and duplicate fields are strict errors, collected in order, de-duplicated and
 *   capped at 100 (`unknown field "spec.ports[0].foo"`, `duplicate field "spec.type"`).
 * - null leaves a field absent; unknown fields are dropped from the decoded value.
 * - keys match case-sensitively; a duplicated struct or map field decodes into the value
 *   already there, as Go does, so `spec` given twice merges.
 */
import { rfc3339Error } from './go-time';
import { type JsonNode, goKindName, toPlain } from './json-node';
import type { GoType } from './service-schema';

export interface StrictOutcome {
  /** The decoded value; meaningful only without `typeError`. */
  value: unknown;
  /** The error that made decoding fail (kube answers 400 with it). */
  typeError?: string;
  /** Unknown and duplicate field findings (warnings, or a 400 in Strict mode). */
  strictErrors: string[];
}

const MAX_STRICT_ERRORS = 100;

interface Ctx {
  /** Name of the innermost struct (`errorContext.Struct`). */
  struct: string;
  /** JSON field names from the root, without indices (`errorContext.FieldStack`). */
  fields: readonly string[];
  /** The strict error path, with indices (`spec.ports[0]`). */
  path: string;
}

class Fatal {
  constructor(readonly message: string) {}
}

type Rec = Record<string, unknown>;

export function decodeStrict(node: JsonNode, type: GoType): StrictOutcome {
  const d = new Decoder();
  try {
    const value = d.decode(node, type, { struct: '', fields: [], path: '' }, undefined);
    const out: StrictOutcome = { value, strictErrors: d.strict };
    if (d.saved) out.typeError = d.saved;
    return out;
  } catch (e) {
    if (e instanceof Fatal)
      return { value: undefined, typeError: e.message, strictErrors: d.strict };
    throw e;
  }
}

class Decoder {
  saved: string | undefined;
  readonly strict: string[] = [];
  private readonly seenStrict = new Set<string>();

  decode(n: JsonNode, t: GoType, ctx: Ctx, existing: unknown): unknown {
    switch (t.k) {
      case 'string':
        if (n.t === 'str') return n.v;
        return this.mismatch(n, t.go, ctx, existing);
      case 'bool':
        if (n.t === 'bool') return n.v;
        return this.mismatch(n, 'bool', ctx, existing);
      case 'int':
        if (n.t === 'num') {
          const v = parseGoInt(n.raw, t.go);
          if (v === undefined) return this.save(`number ${n.raw}`, t.go, ctx, existing);
          return v;
        }
        return this.mismatch(n, t.go, ctx, existing);
      case 'intOrString':
        return this.intOrString(n, ctx);
      case 'time':
        return this.time(n, ctx);
      case 'raw':
        return n.t === 'null' ? undefined : toPlain(n);
      case 'slice':
        if (n.t === 'arr') {
          return n.items.map((item, i) => {
            const v = this.decode(item, t.elem, { ...ctx, path: `${ctx.path}[${i}]` }, undefined);
            return v === undefined ? zeroOf(t.elem) : v;
          });
        }
        return this.mismatch(n, t.go, ctx, existing);
      case 'map':
        if (n.t === 'obj') return this.map(n, t, ctx, existing);
        return this.mismatch(n, t.go, ctx, existing);
      case 'struct':
        if (n.t === 'obj') return this.struct(n, t, ctx, existing);
        return this.mismatch(n, t.go, ctx, existing);
    }
  }

  private struct(
    n: Extract<JsonNode, { t: 'obj' }>,
    t: Extract<GoType, { k: 'struct' }>,
    ctx: Ctx,
    existing: unknown,
  ): Rec {
    const out: Rec = isRec(existing) ? existing : {};
    const seen = new Set<string>();
    for (const [key, value] of n.entries) {
      const path = ctx.path ? `${ctx.path}.${key}` : key;
      const ft = Object.prototype.hasOwnProperty.call(t.fields, key) ? t.fields[key] : undefined;
      if (!ft) {
        this.strictError(`unknown field ${JSON.stringify(path)}`);
        continue;
      }
      if (seen.has(key)) this.strictError(`duplicate field ${JSON.stringify(path)}`);
      seen.add(key);
      const child: Ctx = { struct: t.name, fields: [...ctx.fields, key], path };
      const v = this.decode(value, ft, child, out[key]);
      if (v === undefined) delete out[key];
      else out[key] = v;
    }
    return out;
  }

  private map(
    n: Extract<JsonNode, { t: 'obj' }>,
    t: Extract<GoType, { k: 'map' }>,
    ctx: Ctx,
    existing: unknown,
  ): Rec {
    const out: Rec = isRec(existing) ? existing : {};
    const seen = new Set<string>();
    for (const [key, value] of n.entries) {
      const path = ctx.path ? `${ctx.path}.${key}` : key;
      if (seen.has(key)) this.strictError(`duplicate field ${JSON.stringify(path)}`);
      seen.add(key);
      const v = this.decode(value, t.elem, { ...ctx, path }, undefined);
      Object.defineProperty(out, key, {
        value: v === undefined ? zeroOf(t.elem) : v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  /** intstr.IntOrString.UnmarshalJSON: a string, or json.Unmarshal into an int32. */
  private intOrString(n: JsonNode, ctx: Ctx): unknown {
    if (n.t === 'null') return undefined;
    if (n.t === 'str') return n.v;
    if (n.t === 'num') {
      const v = parseGoInt(n.raw, 'int32');
      if (v === undefined) throw new Fatal(typeErrorText(`number ${n.raw}`, 'int32', ctx));
      return v;
    }
    throw new Fatal(typeErrorText(goKindName(n), 'int32', ctx));
  }

  /** metav1.Time.UnmarshalJSON: null is the zero time; otherwise an RFC 3339 string. */
  private time(n: JsonNode, ctx: Ctx): unknown {
    if (n.t === 'null') return undefined;
    if (n.t !== 'str') throw new Fatal(typeErrorText(goKindName(n), 'string', ctx));
    const err = rfc3339Error(n.v);
    if (err) throw new Fatal(err);
    return n.v;
  }

  /** A JSON kind that does not fit: null is no error (the field stays as it was). */
  private mismatch(n: JsonNode, goType: string, ctx: Ctx, existing: unknown): unknown {
    if (n.t === 'null') return undefined;
    return this.save(goKindName(n), goType, ctx, existing);
  }

  private save(value: string, goType: string, ctx: Ctx, existing: unknown): unknown {
    this.saved ??= typeErrorText(value, goType, ctx);
    return existing;
  }

  private strictError(msg: string): void {
    if (this.strict.length >= MAX_STRICT_ERRORS || this.seenStrict.has(msg)) return;
    this.seenStrict.add(msg);
    this.strict.push(msg);
  }
}

/** UnmarshalTypeError.Error(). */
function typeErrorText(value: string, goType: string, ctx: Ctx): string {
  if (ctx.struct || ctx.fields.length) {
    return `json: cannot unmarshal ${value} into Go struct field ${ctx.struct}.${ctx.fields.join('.')} of type ${goType}`;
  }
  return `json: cannot unmarshal ${value} into Go value of type ${goType}`;
}

const LIMITS = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

/** strconv.ParseInt(s, 10, 64) plus reflect's OverflowInt for the target width. */
function parseGoInt(raw: string, go: 'int32' | 'int64'): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(raw)) return undefined;
  const v = BigInt(raw);
  const [min, max] = LIMITS[go];
  return v < min || v > max ? undefined : Number(v);
}

/** The zero value Go leaves when a slice element or map value is null. */
function zeroOf(t: GoType): unknown {
  switch (t.k) {
    case 'string':
      return '';
    case 'int':
      return 0;
    case 'bool':
      return false;
    case 'struct':
      return {};
    default:
      return null;
  }
}

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
