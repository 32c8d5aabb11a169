/**
 * CIDR prefixes as bigint ranges (after cidr-tools): validated once at the boundary, then
 * plain arithmetic.
 */
import { type IP, type IPFamily, familyBits, formatIP, parseIPSloppy, parseIPStrict } from './ip';

export interface Cidr {
  readonly family: IPFamily;
  /** Network address as an integer (host bits zero). */
  readonly network: bigint;
  readonly prefix: number;
  /** Canonical text, e.g. "10.1.0.0/16". */
  readonly text: string;
}

export type CidrParseError = 'syntax' | 'prefix' | 'host-bits';

export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: CidrParseError };

/**
 * Parses "addr/prefix". `strict` rejects non-canonical IPv4 octets and set host bits, as a
 * cluster definition must; otherwise Go's `ParseCIDRSloppy` semantics apply (host bits are
 * masked off).
 */
export function parseCidr(text: string, strict = true): CidrParse {
  if (typeof text !== 'string' || text.length > 64) return { ok: false, reason: 'syntax' };
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, reason: 'syntax' };
  const ip = (strict ? parseIPStrict : parseIPSloppy)(text.slice(0, slash));
  const p = text.slice(slash + 1);
  if (!ip) return { ok: false, reason: 'syntax' };
  // An IPv4-mapped IPv6 address is IPv4, but its prefix counts 128 bits: reject it here.
  if (text.slice(0, slash).includes(':') && ip.family === 'IPv4')
    return { ok: false, reason: 'syntax' };
  // Go's ParseCIDR reads the prefix with `dtoi`, which accepts leading zeros ("/08").
  if (!(strict ? /^(0|[1-9][0-9]{0,2})$/ : /^[0-9]+$/).test(p))
    return { ok: false, reason: 'prefix' };
  const prefix = Number(p);
  const bits = familyBits(ip.family);
  if (prefix > bits) return { ok: false, reason: 'prefix' };
  const network = ip.value & prefixMask(ip.family, prefix);
  if (strict && network !== ip.value) return { ok: false, reason: 'host-bits' };
  return { ok: true, cidr: makeCidr(ip.family, network, prefix) };
}

export function makeCidr(family: IPFamily, network: bigint, prefix: number): Cidr {
  return { family, network, prefix, text: `${formatIP({ family, value: network })}/${prefix}` };
}

export function prefixMask(family: IPFamily, prefix: number): bigint {
  const bits = BigInt(familyBits(family));
  const all = (1n << bits) - 1n;
  return all ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/** Number of addresses in the CIDR (2^hostbits). */
export const cidrSize = (c: Cidr): bigint => 1n << BigInt(familyBits(c.family) - c.prefix);

export const cidrLast = (c: Cidr): bigint => c.network + cidrSize(c) - 1n;

export const cidrContains = (c: Cidr, ip: IP): boolean =>
  ip.family === c.family && ip.value >= c.network && ip.value <= cidrLast(c);

export const cidrsOverlap = (a: Cidr, b: Cidr): boolean =>
  a.family === b.family && a.network <= cidrLast(b) && b.network <= cidrLast(a);

/** `GetIndexedIP(cidr, n)`: network + n. */
export const indexedIP = (c: Cidr, n: bigint): IP => ({ family: c.family, value: c.network + n });
