/**
 * One object of a request: is it a v1 Service, and does it decode? Mirrors the steps of
 * apimachinery serializer/json `Serializer.Decode` — `SimpleMetaFactory.Interpret` for
 * kind and apiVersion, `gvkWithDefaults`, `NewMissingKindErr`/`NewMissingVersionErr`, then
 * strict decoding — and the apiserver's `transformDecodeError` wording of failures.
 */
import { type Status, badRequestStatus } from '../errors/status';
import type { Service } from '../services/service-types';
import type { DecodedItem, FieldValidation, InheritedTypeMeta } from './decode';
import {
  type JsonNode,
  type JsonObject,
  fromPlain,
  goJsonText,
  setOwn,
  toPlain,
} from './json-node';
import { SERVICE } from './service-schema';
import { decodeStrict } from './strict';

export interface ObjectContext {
  index: number;
  document: number;
  /** A duplicate-key finding of the YAML document this object came from. */
  duplicate?: string | undefined;
  inherited?: InheritedTypeMeta | undefined;
  fieldValidation: FieldValidation;
  requireTypeMeta: boolean;
}

const FIND_KIND_TYPE =
  'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

export function classifyObject(node: JsonNode, ctx: ObjectContext): DecodedItem {
  const fail = (s: Status): DecodedItem => ({
    ok: false,
    index: ctx.index,
    document: ctx.document,
    status: s,
  });
  // The object's text, which only error messages quote.
  const sourceOf = () =>
    node.t === 'obj' && node.source !== undefined ? node.source : goJsonText(node);
  const unrecognized = (err: string) =>
    fail(
      badRequestStatus(
        `the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse error: ${err} (${summarizeData(Buffer.from(sourceOf(), 'utf8'))})`,
      ),
    );

  if (node.t !== 'obj') {
    return unrecognized(
      `json: cannot unmarshal ${kindWord(node)} into Go value of type ${FIND_KIND_TYPE}`,
    );
  }
  let kind = '';
  let apiVersion = '';
  for (const [k, v] of node.entries) {
    if (k !== 'kind' && k !== 'apiVersion') continue;
    if (v.t === 'null') continue;
    if (v.t !== 'str')
      return unrecognized(
        `json: cannot unmarshal ${kindWord(v)} into Go struct field .${k} of type string`,
      );
    if (k === 'kind') kind = v.v;
    else apiVersion = v.v;
  }
  if (!kind && !apiVersion && ctx.inherited) ({ kind, apiVersion } = ctx.inherited);
  if (!ctx.requireTypeMeta) {
    kind ||= 'Service';
    apiVersion ||= 'v1';
  }
  if (!kind) return fail(badRequestStatus(`Object 'Kind' is missing in '${sourceOf()}'`));
  if (!apiVersion)
    return fail(badRequestStatus(`Object 'apiVersion' is missing in '${sourceOf()}'`));

  const version = apiVersion.includes('/')
    ? apiVersion.slice(apiVersion.indexOf('/') + 1)
    : apiVersion;
  const cannot = (why: string) =>
    fail(
      badRequestStatus(`${kind} in version "${version}" cannot be handled as a Service: ${why}`),
    );
  if (kind !== 'Service') return cannot(`the kind "${kind}" (${apiVersion}) is not a Service`);
  if (apiVersion !== 'v1')
    return cannot(`no kind "Service" is registered for version "${apiVersion}"`);

  const decoded = decodeServiceNode(node, ctx.duplicate);
  if (decoded.typeError !== undefined) return cannot(decoded.typeError);
  if (ctx.fieldValidation === 'Strict' && decoded.strictErrors.length) {
    return cannot(`strict decoding error: ${decoded.strictErrors.join(', ')}`);
  }
  const object = decoded.object;
  object.kind = 'Service';
  object.apiVersion = 'v1';
  const raw = toPlain(node) as JsonObject;
  setOwn(raw, 'kind', 'Service');
  setOwn(raw, 'apiVersion', 'v1');
  return {
    ok: true,
    index: ctx.index,
    document: ctx.document,
    object,
    raw,
    warnings: ctx.fieldValidation === 'Warn' ? decoded.strictErrors : [],
  };
}

export interface ServiceDecodeOutcome {
  object: Service;
  typeError?: string;
  /** Unknown and duplicate fields, YAML duplicates first (as the serializer appends them). */
  strictErrors: string[];
}

function decodeServiceNode(node: JsonNode, yamlDuplicate?: string): ServiceDecodeOutcome {
  const out = decodeStrict(node, SERVICE);
  const strictErrors = yamlDuplicate ? [yamlDuplicate, ...out.strictErrors] : out.strictErrors;
  const object = (out.value ?? {}) as Service;
  object.metadata ??= {};
  object.spec ??= {};
  const result: ServiceDecodeOutcome = { object, strictErrors };
  if (out.typeError !== undefined) result.typeError = out.typeError;
  return result;
}

/**
 * Typed decoding of a Service that is already a plain value — the result of a client-side
 * apply merge, or a stored object — with the same type and unknown-field rules.
 */
export function decodeServiceValue(value: unknown): ServiceDecodeOutcome {
  return decodeServiceNode(fromPlain(value));
}

function kindWord(n: JsonNode): string {
  return n.t === 'arr'
    ? 'array'
    : n.t === 'str'
      ? 'string'
      : n.t === 'num'
        ? 'number'
        : n.t === 'bool'
          ? 'bool'
          : 'object';
}

/** apiserver handlers `summarizeData(body, 30)`: text when it starts with `{`, else hex. */
export function summarizeData(data: Buffer, max = 30): string {
  if (data.length === 0) return '<empty>';
  const head = data.subarray(0, max);
  const more = data.length > max ? ' ...' : '';
  return data[0] === 0x7b ? `${head.toString('utf8')}${more}` : `${head.toString('hex')}${more}`;
}
