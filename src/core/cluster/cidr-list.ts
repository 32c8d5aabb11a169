/**
 * Reading a list of CIDR strings (`--service-cluster-ip-range`, `--cluster-cidr`) with the
 * strict syntax a cluster definition requires. Messages are apimachinery's
 * `validation.IsValidCIDR` ones (util/validation/ip.go `parseCIDR`, strict mode).
 */
import { type FieldError, fieldError, goValue } from '../errors/field-error';
import { type Cidr, parseCidr, parseIPSloppy } from '../net';
import { readArray, readString } from './json-values';

export const INVALID_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** One entry: syntax first (as ParseCIDRSloppy), then the strict rules. */
export function parseCidrEntry(
  field: string,
  raw: unknown,
): { cidr: Cidr } | { error: FieldError } {
  const s = readString(field, raw);
  if (!s.ok) return { error: s.error };
  const text = s.value;
  const value = goValue.str(text);
  const sloppy = parseCidr(text, false);
  if (!sloppy.ok) {
    const addr = text.slice(0, Math.max(0, text.indexOf('/')));
    const mapped = addr.includes(':') && parseIPSloppy(addr)?.family === 'IPv4';
    return {
      error: fieldError.invalid(
        field,
        value,
        mapped ? 'must not have an IPv4-mapped IPv6 address' : INVALID_CIDR,
      ),
    };
  }
  const strict = parseCidr(text, true);
  if (!strict.ok) {
    const detail =
      strict.reason === 'host-bits'
        ? 'must not have bits set beyond the prefix length'
        : 'must not have leading 0s in IP or prefix length';
    return { error: fieldError.invalid(field, value, detail) };
  }
  return { cidr: strict.cidr };
}

/**
 * The list, each entry parsed. `cidrs` holds the entries that parsed, by index, so later rules
 * can still judge them; `complete` says whether every entry parsed.
 */
export function parseCidrList(
  field: string,
  raw: unknown,
): { cidrs: Array<Cidr | undefined>; complete: boolean; errors: FieldError[] } {
  const list = readArray(field, raw, 'CIDR strings');
  if (!list.ok) return { cidrs: [], complete: false, errors: [list.error] };
  const errors: FieldError[] = [];
  const cidrs = list.value.map((entry, i) => {
    const r = parseCidrEntry(`${field}[${i}]`, entry);
    if ('error' in r) {
      errors.push(r.error);
      return undefined;
    }
    return r.cidr;
  });
  return { cidrs, complete: errors.length === 0, errors };
}
