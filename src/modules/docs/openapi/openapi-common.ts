/**
 * Building blocks shared by every area of the OpenAPI document: the Kubernetes `Status`
 * error schema and its standard responses, list paging, the Warning / X-Request-Id headers,
 * Idempotency-Key, and small builders so each path file reads like the API contract.
 */
import type { Header, Parameter, Ref, RequestBody, Response, Schema } from './openapi-types';

export const schemaRef = (name: string): Ref => ({ $ref: `#/components/schemas/${name}` });
export const paramRef = (name: string): Ref => ({ $ref: `#/components/parameters/${name}` });
const headerRef = (name: string): Ref => ({ $ref: `#/components/headers/${name}` });
const responseRef = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });

/** Who may call: the operator token, a tenant API key, or anyone. */
export const OPERATOR = [{ operatorToken: [] }];
export const TENANT = [{ tenantKey: [] }];
export const PUBLIC: Record<string, string[]>[] = [];

export const json = (schema: Schema | Ref, example?: unknown) => ({
  'application/json': example === undefined ? { schema } : { schema, example },
});

export function jsonBody(schema: Schema | Ref, example?: unknown): RequestBody {
  return { required: true, content: json(schema, example) };
}

/** A Kubernetes manifest body: JSON or YAML (multi-document where a list is accepted). */
export function manifestBody(description: string, schema: Schema | Ref): RequestBody {
  return {
    required: true,
    description,
    content: {
      'application/json': { schema },
      'application/yaml': {
        schema: { type: 'string', description: 'YAML text of the same object(s)' },
      },
    },
  };
}

/** A success response; every response carries X-Request-Id, some carry Warning headers. */
export function reply(
  description: string,
  schema?: Schema | Ref,
  opts: { warnings?: boolean; example?: unknown } = {},
): Response {
  const headers: Record<string, Header | Ref> = { 'X-Request-Id': headerRef('XRequestId') };
  if (opts.warnings) headers.Warning = headerRef('Warning');
  const r: Response = { description, headers };
  if (schema) r.content = json(schema, opts.example);
  return r;
}

type ErrorCode = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422;
const ERROR_RESPONSES: Record<ErrorCode, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
};

/** The standard Status responses for the given codes (500 is added to every operation). */
export function errors(...codes: ErrorCode[]): Record<string, Ref> {
  const out: Record<string, Ref> = {};
  for (const c of codes) out[String(c)] = responseRef(ERROR_RESPONSES[c]);
  out['500'] = responseRef('InternalError');
  return out;
}

/** Errors every authenticated operation with a JSON body can give. */
export const AUTHED_BODY_ERRORS = [400, 401, 403, 413, 415, 422] as const;

/** `{items, metadata: {continue}}`, the Kubernetes list shape, for `item`. */
export function listOf(item: Schema | Ref, extra: Record<string, Schema> = {}): Schema {
  return {
    type: 'object',
    required: ['items', 'metadata'],
    properties: {
      ...extra,
      items: { type: 'array', items: item },
      metadata: schemaRef('ListMeta'),
    },
  };
}

function statusExample(
  code: number,
  reason: string,
  message: string,
  details?: unknown,
): Record<string, unknown> {
  const s: Record<string, unknown> = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
  };
  if (details) s.details = details;
  s.code = code;
  return s;
}

function statusResponse(description: string, example: Record<string, unknown>): Response {
  return {
    description,
    headers: { 'X-Request-Id': headerRef('XRequestId') },
    content: json(schemaRef('Status'), example),
  };
}

export const COMMON_SCHEMAS: Record<string, Schema> = {
  Status: {
    type: 'object',
    description:
      'The Kubernetes `Status` object (meta/v1), the one error shape of the API. `code` repeats the HTTP status; ' +
      'validation failures list one cause per field with Kubernetes cause reasons.',
    required: ['kind', 'apiVersion', 'metadata', 'status', 'message', 'reason', 'code'],
    properties: {
      kind: { const: 'Status' },
      apiVersion: { const: 'v1' },
      metadata: { type: 'object' },
      status: { const: 'Failure' },
      message: { type: 'string' },
      reason: {
        type: 'string',
        enum: [
          'Invalid',
          'AlreadyExists',
          'Conflict',
          'NotFound',
          'BadRequest',
          'Unauthorized',
          'Forbidden',
          'MethodNotAllowed',
          'RequestEntityTooLarge',
          'UnsupportedMediaType',
          'InternalError',
          'TooManyRequests',
          'ServiceUnavailable',
        ],
      },
      details: schemaRef('StatusDetails'),
      code: { type: 'integer', minimum: 400, maximum: 599 },
    },
  },
  StatusDetails: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      group: { type: 'string' },
      kind: { type: 'string' },
      causes: { type: 'array', items: schemaRef('StatusCause') },
    },
  },
  StatusCause: {
    type: 'object',
    properties: {
      reason: {
        type: 'string',
        description:
          'FieldValueInvalid, FieldValueRequired, FieldValueForbidden, FieldValueDuplicate, FieldValueNotSupported, FieldValueTooLong, FieldValueUnknown, ...',
      },
      message: { type: 'string' },
      field: {
        type: 'string',
        description: 'JSON path of the offending field, e.g. `spec.ports[0].nodePort`',
      },
    },
  },
  ListMeta: {
    type: 'object',
    description:
      'Paging: when `continue` is present, pass it back as `?continue=` (with the same `limit`) for the next page.',
    properties: {
      continue: { type: 'string', description: 'Opaque token; absent on the last page' },
    },
  },
};

export const COMMON_PARAMETERS: Record<string, Parameter> = {
  limit: {
    name: 'limit',
    in: 'query',
    description: 'Page size (default 500, at most 1000).',
    schema: { type: 'integer', minimum: 1, maximum: 1000, default: 500 },
  },
  continue: {
    name: 'continue',
    in: 'query',
    description: '`metadata.continue` of the previous page.',
    schema: { type: 'string', maxLength: 1024 },
  },
  tenant: {
    name: 'tenant',
    in: 'path',
    required: true,
    description: "The tenant's name (its id is accepted too).",
    schema: { type: 'string' },
  },
  cluster: {
    name: 'cluster',
    in: 'path',
    required: true,
    description: "The cluster's name.",
    schema: { type: 'string' },
    example: 'tokyo-prod',
  },
  namespace: {
    name: 'ns',
    in: 'path',
    required: true,
    description: 'Kubernetes namespace.',
    schema: { type: 'string' },
    example: 'default',
  },
  serviceName: {
    name: 'name',
    in: 'path',
    required: true,
    description: "The Service's metadata.name.",
    schema: { type: 'string' },
    example: 'nginx',
  },
  dryRun: {
    name: 'dryRun',
    in: 'query',
    description:
      '`All`: the full answer, nothing stored or reserved (a viewer may ask). Any other value is 422, as kube-apiserver answers.',
    schema: { type: 'string', enum: ['All'] },
  },
  idempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    description:
      'A retry with the same key and body returns the first answer (status and body) and allocates nothing new; ' +
      'the same key with a different body is 422. Keys are scoped to the cluster.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
  },
};

export const COMMON_HEADERS: Record<string, Header> = {
  XRequestId: {
    description:
      "The request id: the caller's `X-Request-Id` when it is 1-128 characters of `[A-Za-z0-9_.:-]`, else a generated UUID. Logged with the request.",
    schema: { type: 'string' },
  },
  Warning: {
    description:
      'Non-fatal findings, as kube-apiserver sends them: one `299 - "<text>"` value per finding.',
    schema: {
      type: 'string',
      example: '299 - "spec.serviceCIDRs[0]: 10.0.0.0/16 overlaps podCIDRs[0] 10.0.0.0/16"',
    },
  },
};

const invalidExample = statusExample(
  422,
  'Invalid',
  'Service "nginx" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
  {
    name: 'nginx',
    kind: 'Service',
    causes: [
      {
        reason: 'FieldValueInvalid',
        message:
          'Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
        field: 'spec.ipFamilyPolicy',
      },
    ],
  },
);

export const COMMON_RESPONSES: Record<string, Response> = {
  BadRequest: statusResponse(
    'Malformed request: unparsable body, unknown field (strict decoding), bad query parameter.',
    statusExample(400, 'BadRequest', 'strict decoding error: unknown field "colour"'),
  ),
  Unauthorized: statusResponse(
    'Missing, unknown or revoked token.',
    statusExample(401, 'Unauthorized', 'Unauthorized'),
  ),
  Forbidden: statusResponse(
    'The token is valid but its role is too weak for this call.',
    statusExample(403, 'Forbidden', 'role "viewer" may not do this; it needs "planner"'),
  ),
  NotFound: statusResponse(
    "Not found (another tenant's resource answers exactly the same).",
    statusExample(404, 'NotFound', 'clusters "tokyo-prod" not found', {
      name: 'tokyo-prod',
      kind: 'clusters',
    }),
  ),
  Conflict: statusResponse(
    'Already exists (`AlreadyExists`), address already allocated or range full (`Conflict`).',
    statusExample(
      409,
      'Conflict',
      'Operation cannot be fulfilled on ipallocations "10.1.0.10": the provided IP (10.1.0.10) is already allocated',
    ),
  ),
  RequestEntityTooLarge: statusResponse(
    'The body is larger than STACKPLAN_BODY_LIMIT.',
    statusExample(413, 'RequestEntityTooLarge', 'the request body is too large'),
  ),
  UnsupportedMediaType: statusResponse(
    'Content-Type is neither JSON nor YAML.',
    statusExample(415, 'UnsupportedMediaType', 'Unsupported Media Type'),
  ),
  Invalid: statusResponse(
    'Validation failed; one cause per field, messages exactly as kube-apiserver words them.',
    invalidExample,
  ),
  InternalError: statusResponse(
    'Unexpected failure; the detail is logged under the request id, not sent.',
    statusExample(500, 'InternalError', 'Internal error occurred: an unexpected error was logged'),
  ),
};
