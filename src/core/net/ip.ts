/**
 * IP addresses as bigint values. This is the one place ipaddr.js is imported.
 *
 * Two parsers, because Kubernetes has two:
 * - `parseIPStrict`: canonical dotted-quad without leading zeros, or any RFC 4291 IPv6 text;
 *   what a cluster definition (our own API) accepts.
 * - `parseIPSloppy`: k8s.io/utils/net `ParseIPSloppy`, Go's pre-1.17 parser, which accepts
 *   leading zeros in IPv4 octets as decimal ("010.1.0.1" is 10.1.0.1). Service fields are
 *   validated with it (`IsValidIP`).
 * An IPv4-mapped IPv6 address ("::ffff:10.0.0.1") is IPv4, as Go's `To4() != nil` says.
 */
import ipaddr from 'ipaddr.js';

export type IPFamily = 'IPv4' | 'IPv6';

export interface IP {
  readonly family: IPFamily;
  /** The address as an unsigned integer of 32 or 128 bits. */
  readonly value: bigint;
}

export const familyBits = (f: IPFamily): 32 | 128 => (f === 'IPv4' ? 32 : 128);
export const otherFamily = (f: IPFamily): IPFamily => (f === 'IPv4' ? 'IPv6' : 'IPv4');

const DEC_OCTET_STRICT = /^(0|[1-9][0-9]{0,2})$/;
// ParseIPSloppy strips any run of leading zeros (`matchZeros` in k8s.io/utils/net), so
// "0010.0.0.1" is 10.0.0.1; the value must still be at most 255.
const DEC_OCTET_SLOPPY = /^[0-9]+$/;

function parseV4(text: string, octet: RegExp): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!octet.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseV6(text: string, octet: RegExp): bigint | null {
  // Only hex digits, colons and (for an embedded IPv4 tail) dots; no zone, no brackets.
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return null;
  let head = text;
  let tail: bigint | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    tail = parseV4(text.slice(lastColon + 1), octet);
    if (tail === null) return null;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  if (!ipaddr.IPv6.isValid(head)) return null;
  // Go rejects groups longer than four hex digits, as ipaddr does.
  const bytes = ipaddr.IPv6.parse(head).toByteArray();
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  if (tail !== null) v = (v & ~0xffffffffn) | tail;
  return v;
}

function parse(text: string, octet: RegExp): IP | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64) return null;
  if (text.includes(':')) {
    const v = parseV6(text, octet);
    if (v === null) return null;
    if (v >> 32n === 0xffffn) return { family: 'IPv4', value: v & 0xffffffffn };
    return { family: 'IPv6', value: v };
  }
  const v = parseV4(text, octet);
  return v === null ? null : { family: 'IPv4', value: v };
}

/** Canonical syntax only (no leading zeros in IPv4). */
export const parseIPStrict = (text: string): IP | null => parse(text, DEC_OCTET_STRICT);
/** k8s.io/utils/net ParseIPSloppy. */
export const parseIPSloppy = (text: string): IP | null => parse(text, DEC_OCTET_SLOPPY);

/** Go's `net.IP.String()` for the value: dotted quad, or RFC 5952 IPv6. */
export function formatIP(ip: IP): string {
  // Go prints an IPv4-mapped IPv6 value as its dotted quad (`To4() != nil`).
  if (ip.family === 'IPv4' || ip.value >> 32n === 0xffffn) {
    const v = Number(ip.value & 0xffffffffn);
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  const bytes: number[] = [];
  for (let i = 15; i >= 0; i--) bytes.push(Number((ip.value >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

export const ipOf = (family: IPFamily, value: bigint): IP => ({ family, value });
