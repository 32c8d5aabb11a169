/**
 * Shape checks of the IPAM request bodies and query parameters: unknown fields are 400
 * (strict decoding), wrong types and values 422 with the field named.
 */
import { type FieldError, fieldError, goValue } from '../../core/errors/field-error';
import { NUL_DETAIL } from '../../core/manifests/nul';
import { type IP, type IPFamily, parseIPStrict } from '../../core/net';
import {
  rejectUnknownFields,
  requireObject,
  throwInvalid,
  typeError,
} from '../../platform/http/body-shape';

export const MAX_BULK = 1000;
const MAX_OWNER = 253;
const MAX_DESCRIPTION = 1024;
const FAMILIES: readonly IPFamily[] = ['IPv4', 'IPv6'];
/** apimachinery IsValidIP's detail. */
const IP_DETAIL = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUBDOMAIN_DETAIL =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

export interface ReserveInput {
  family?: IPFamily;
  address?: IP;
  /** The address as sent, for messages. */
  addressText?: string;
  owner: string;
  description: string;
}

export interface BulkInput {
  family?: IPFamily;
  count: number;
  owner: string;
  description: string;
}

function readFamily(raw: unknown, errors: FieldError[], field = 'family'): IPFamily | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') {
    errors.push(typeError(field, raw, 'a string'));
    return undefined;
  }
  if (!FAMILIES.includes(raw as IPFamily)) {
    errors.push(fieldError.notSupported(field, goValue.str(raw.slice(0, 64)), FAMILIES));
    return undefined;
  }
  return raw as IPFamily;
}

function readText(
  raw: unknown,
  field: string,
  max: number,
  required: boolean,
  errors: FieldError[],
): string {
  if (raw === undefined || raw === null || (required && raw === '')) {
    if (required) errors.push(fieldError.required(field));
    return '';
  }
  if (typeof raw !== 'string') {
    errors.push(typeError(field, raw, 'a string'));
    return '';
  }
  if (raw.length > max) errors.push(fieldError.tooLong(field, `may not be more than ${max} bytes`));
  else if (raw.includes('\u0000'))
    errors.push(fieldError.invalid(field, goValue.str(raw.slice(0, 64)), NUL_DETAIL));
  return raw;
}

/** Parses an address as the IPAM API accepts it (canonical IPv4, any RFC 4291 IPv6). */
export function readAddress(raw: unknown, errors: FieldError[], field = 'address'): IP | undefined {
  if (typeof raw !== 'string') {
    errors.push(typeError(field, raw, 'a string'));
    return undefined;
  }
  const ip = parseIPStrict(raw);
  if (!ip) errors.push(fieldError.invalid(field, goValue.str(raw.slice(0, 64)), IP_DETAIL));
  return ip ?? undefined;
}

export function parseReserve(body: unknown): ReserveInput {
  const o = requireObject(body, 'IPAllocation');
  rejectUnknownFields(o, ['family', 'address', 'owner', 'description']);
  const errors: FieldError[] = [];
  const family = readFamily(o.family, errors);
  const address =
    o.address === undefined || o.address === null ? undefined : readAddress(o.address, errors);
  const owner = readText(o.owner, 'owner', MAX_OWNER, true, errors);
  const description = readText(o.description, 'description', MAX_DESCRIPTION, false, errors);
  const addressText = typeof o.address === 'string' ? o.address : undefined;
  if (errors.length) throwInvalid('IPAllocation', addressText?.slice(0, 64) ?? '', errors);
  return { family, address, addressText, owner, description };
}

export function parseBulk(body: unknown): BulkInput {
  const o = requireObject(body, 'IPAllocation bulk request');
  rejectUnknownFields(o, ['family', 'count', 'owner', 'description']);
  const errors: FieldError[] = [];
  const family = readFamily(o.family, errors);
  let count = 0;
  if (o.count === undefined || o.count === null) errors.push(fieldError.required('count'));
  else if (typeof o.count !== 'number' || !Number.isInteger(o.count))
    errors.push(typeError('count', o.count, 'an integer'));
  else if (o.count < 1 || o.count > MAX_BULK) {
    errors.push(
      fieldError.invalid(
        'count',
        goValue.int(o.count),
        `must be between 1 and ${MAX_BULK}, inclusive`,
      ),
    );
  } else count = o.count;
  const owner = readText(o.owner, 'owner', MAX_OWNER, true, errors);
  const description = readText(o.description, 'description', MAX_DESCRIPTION, false, errors);
  if (errors.length) throwInvalid('IPAllocation', '', errors);
  return { family, count, owner, description };
}

/** `?family=&owner=` of the list. */
export function parseListFilter(query: Record<string, unknown>): {
  family?: IPFamily;
  owner?: string;
} {
  const errors: FieldError[] = [];
  const family =
    query.family === undefined || query.family === ''
      ? undefined
      : readFamily(query.family, errors);
  let owner: string | undefined;
  if (query.owner !== undefined) {
    if (typeof query.owner !== 'string') errors.push(typeError('owner', query.owner, 'a string'));
    else owner = query.owner;
  }
  if (errors.length) throwInvalid('IPAllocation', '', errors);
  return { family, owner };
}

/** A node name: a DNS-1123 subdomain, as ValidateNodeName. */
export function parseNode(body: unknown): { name: string } {
  const o = requireObject(body, 'Node');
  rejectUnknownFields(o, ['name']);
  const errors: FieldError[] = [];
  const name = readText(o.name, 'name', 10_000, true, errors);
  if (!errors.length) {
    if (name.length > 253)
      errors.push(
        fieldError.invalid(
          'name',
          goValue.str(name.slice(0, 64)),
          'must be no more than 253 characters',
        ),
      );
    if (!SUBDOMAIN.test(name))
      errors.push(fieldError.invalid('name', goValue.str(name.slice(0, 253)), SUBDOMAIN_DETAIL));
  }
  if (errors.length)
    throwInvalid('Node', typeof o.name === 'string' ? o.name.slice(0, 64) : '', errors);
  return { name };
}
