/**
 * Field errors as apimachinery's `util/validation/field` renders them (errors.go `Error`,
 * `ErrorBody`). The value is rendered once, when the error is made, with the Go verb the
 * upstream call site would use, so the message is byte-identical to kube-apiserver's.
 */

/** Cause reasons, as `field.ErrorType` strings (`metav1.CauseType`). */
export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
};

/** Types whose rendering omits the value (field.Error.ErrorBody). */
const OMITS_VALUE = new Set<FieldErrorType>([
  'FieldValueRequired',
  'FieldValueForbidden',
  'FieldValueTooLong',
  'InternalError',
]);

export interface FieldError {
  readonly type: FieldErrorType;
  /** Field path, e.g. `spec.clusterIPs[0]`. */
  readonly field: string;
  /** The value as Go prints it (already formatted), or undefined when there is none. */
  readonly value?: string;
  readonly detail: string;
}

/** Go value renderers, for the `value` of a FieldError. */
export const goValue = {
  /** `%q` of a string (also `%#v` of a named string type). */
  str(s: string): string {
    return JSON.stringify(s).replace(/\\u([0-9a-f]{4})/g, (_m, hex: string) => {
      const code = parseInt(hex, 16);
      return code < 0x20 || code === 0x7f ? `\\x${hex.slice(2)}` : String.fromCharCode(code);
    });
  },
  int(n: number | bigint): string {
    return String(n);
  },
  /** `%#v` of []string. */
  strings(list: readonly string[]): string {
    return `[]string{${list.map((s) => goValue.str(s)).join(', ')}}`;
  },
  /** `%#v` of []core.IPFamily. */
  families(list: readonly string[]): string {
    return `[]core.IPFamily{${list.map((s) => goValue.str(s)).join(', ')}}`;
  },
  /** A nil pointer prints as "null". */
  nullable(s: string | null | undefined): string {
    return s == null ? '"null"' : goValue.str(s);
  },
};

function make(
  type: FieldErrorType,
  field: string,
  value: string | undefined,
  detail = '',
): FieldError {
  return value === undefined ? { type, field, detail } : { type, field, value, detail };
}

/** Constructors named after field.Invalid, field.Required, ... */
export const fieldError = {
  invalid: (field: string, value: string, detail: string) =>
    make('FieldValueInvalid', field, value, detail),
  required: (field: string, detail = '') => make('FieldValueRequired', field, undefined, detail),
  forbidden: (field: string, detail: string) =>
    make('FieldValueForbidden', field, undefined, detail),
  duplicate: (field: string, value: string) => make('FieldValueDuplicate', field, value),
  notFound: (field: string, value: string) => make('FieldValueNotFound', field, value),
  tooLong: (field: string, detail: string) => make('FieldValueTooLong', field, undefined, detail),
  tooMany: (field: string, value: string, detail: string) =>
    make('FieldValueTooMany', field, value, detail),
  internal: (field: string, detail: string) => make('InternalError', field, undefined, detail),
  /** field.NotSupported: detail lists the supported values, each `%q`, joined by ", ". */
  notSupported: (field: string, value: string, supported: readonly string[]) =>
    make(
      'FieldValueNotSupported',
      field,
      value,
      supported.length
        ? `supported values: ${supported.map((s) => goValue.str(s)).join(', ')}`
        : '',
    ),
};

/** `field.Error.ErrorBody()`: the message without the field path. */
export function errorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  if (!OMITS_VALUE.has(e.type) && e.value !== undefined) s += `: ${e.value}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** `field.Error.Error()`: `<field>: <body>`. */
export function renderFieldError(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** `field.ErrorList.ToAggregate().Error()`: one message, or `[a, b]` with duplicates removed. */
export function renderErrorList(errors: readonly FieldError[]): string {
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const e of errors) {
    const m = renderFieldError(e);
    if (!seen.has(m)) {
      seen.add(m);
      msgs.push(m);
    }
  }
  return msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`;
}
