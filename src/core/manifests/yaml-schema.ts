/**
 * Scalar resolution as gopkg.in/yaml.v2 `resolve()` does it (resolve.go), because
 * sigs.k8s.io/yaml — the YAMLToJSON of kubectl and kube-apiserver — is built on yaml.v2.
 * That is YAML 1.1 in part: `yes`/`no`/`on`/`off`/`y`/`n` are booleans (so an unquoted
 * label value `yes` is a bool, and the apiserver answers `cannot unmarshal bool … of type
 * string`), `0777` is octal, `_` separators are dropped. Timestamps stay strings (yaml.v2
 * keeps them as strings when decoding into interface{}). Numbers become GoNumber, carrying
 * the JSON text Go's encoder would write, so int64 values keep their precision.
 */
import yaml from 'js-yaml';
import { goFloatText } from './json-node';

export class GoNumber {
  /** `json` is the JSON literal; unsupported (NaN, ±Inf) cannot be marshalled by Go. */
  constructor(
    readonly json: string,
    readonly unsupported = false,
  ) {}

  /** A number used as a mapping key becomes its text, as sigs.k8s.io/yaml converts keys. */
  toString(): string {
    return this.json;
  }

  /** js-yaml turns any '[object Object]' key into that literal string; this opts out. */
  get [Symbol.toStringTag](): string {
    return 'GoNumber';
  }
}

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set([
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
]);
/** A Map, not an object literal: a scalar such as `constructor` must not find Object.prototype. */
const SPECIAL_FLOATS = new Map<string, string>([
  ['.nan', 'NaN'],
  ['.NaN', 'NaN'],
  ['.NAN', 'NaN'],
  ['.inf', '+Inf'],
  ['.Inf', '+Inf'],
  ['.INF', '+Inf'],
  ['+.inf', '+Inf'],
  ['+.Inf', '+Inf'],
  ['+.INF', '+Inf'],
  ['-.inf', '-Inf'],
  ['-.Inf', '-Inf'],
  ['-.INF', '-Inf'],
]);
/** Up to 15 digits, no sign, no leading zero (which would be octal): far from int64's limits. */
const SMALL_DECIMAL = /^(0|[1-9][0-9]{0,14})$/;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(s, 0, 64) then ParseUint(s, 0, 64): base prefixes, legacy octal. */
function parseGoInt(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const sign = m[1]!;
  const body = m[2]!;
  let v: bigint;
  if (/^0[xXbBoO]/.test(body)) v = BigInt(body.toLowerCase());
  else if (body.length > 1 && body.startsWith('0')) v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (sign === '-') v = -v;
  if (v >= INT64_MIN && v <= INT64_MAX) return v;
  // ParseUint takes no sign at all.
  if (sign === '' && v <= UINT64_MAX) return v;
  return undefined;
}

/** The numeric reading of a plain scalar, or undefined when yaml.v2 keeps it a string. */
export function resolveNumber(s: string): GoNumber | undefined {
  // The common case: a plain decimal well inside int64 is its own JSON text.
  if (SMALL_DECIMAL.test(s)) return new GoNumber(s);
  const special = SPECIAL_FLOATS.get(s);
  if (special) return new GoNumber(special, true);
  const first = s[0];
  if (first === '.') {
    // strconv.ParseFloat on a value starting with '.'
    if (!/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s)) return undefined;
    return floatOrString(s);
  }
  if (first === undefined || !/[-+0-9]/.test(first)) return undefined;
  const plain = s.replace(/_/g, '');
  const int = parseGoInt(plain);
  if (int !== undefined) return new GoNumber(int.toString());
  if (YAML_STYLE_FLOAT.test(plain)) return floatOrString(plain);
  return undefined;
}

function floatOrString(s: string): GoNumber | undefined {
  const f = Number(s);
  // ParseFloat reports a range error past float64, and yaml.v2 then keeps the string.
  return Number.isFinite(f) ? new GoNumber(goFloatText(f)) : undefined;
}

const nullType = new yaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (d: string | null) => d === null || NULLS.has(d),
  construct: () => null,
});

const boolType = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (d: string | null) => d !== null && (TRUES.has(d) || FALSES.has(d)),
  construct: (d: string) => TRUES.has(d),
});

function numberType(tag: string): yaml.Type {
  return new yaml.Type(tag, {
    kind: 'scalar',
    resolve: (d: string | null) => d !== null && resolveNumber(d) !== undefined,
    construct: (d: string) => resolveNumber(d),
  });
}

/** Failsafe (str, seq, map) plus yaml.v2's implicit scalars and `<<` merge keys. */
export const K8S_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    nullType,
    boolType,
    numberType('tag:yaml.org,2002:int'),
    numberType('tag:yaml.org,2002:float'),
    new yaml.Type('tag:yaml.org,2002:merge', {
      kind: 'scalar',
      resolve: (d: unknown) => d === '<<',
    }),
  ],
});
