/**
 * IP and CIDR field checks: apimachinery util/validation ip.go `IsValidIP`/`IsValidCIDR`
 * and pkg/apis/core/validation `ValidateNonSpecialIP`. All parse sloppily
 * (k8s.io/utils/net `ParseIPSloppy`/`ParseCIDRSloppy`), so "010.0.0.1" is accepted.
 */
import { type FieldError, fieldError, goValue } from '../../errors/field-error';
import { type IP, parseIPSloppy } from '../../net';

/** `IsValidIP`. */
export function isValidIP(path: string, value: string): FieldError[] {
  return parseIPSloppy(value)
    ? []
    : [
        fieldError.invalid(
          path,
          goValue.str(value),
          'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        ),
      ];
}

/**
 * `ParseCIDRSloppy` (a fork of Go 1.16 `net.ParseCIDR`): the address family follows the
 * text (a ':' makes it IPv6, so an IPv4-mapped address takes a 128-bit prefix), and the
 * prefix length is any run of decimal digits, leading zeros included.
 */
export function isCIDRSloppy(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const addr = value.slice(0, slash);
  const mask = value.slice(slash + 1);
  if (!parseIPSloppy(addr)) return false;
  const bits = addr.includes(':') ? 128 : 32;
  if (!/^[0-9]+$/.test(mask)) return false;
  return Number(mask.replace(/^0+(?=.)/, '').slice(0, 8)) <= bits;
}

/** `IsValidCIDR`. */
export function isValidCIDR(path: string, value: string): FieldError[] {
  return isCIDRSloppy(value)
    ? []
    : [
        fieldError.invalid(
          path,
          goValue.str(value),
          'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
        ),
      ];
}

const isUnspecified = (ip: IP): boolean => ip.value === 0n;
const isLoopback = (ip: IP): boolean =>
  ip.family === 'IPv4' ? ip.value >> 24n === 127n : ip.value === 1n;
const isLinkLocalUnicast = (ip: IP): boolean =>
  ip.family === 'IPv4' ? ip.value >> 16n === 0xa9fen : ip.value >> 118n === 0x3fan;
const isLinkLocalMulticast = (ip: IP): boolean =>
  ip.family === 'IPv4' ? ip.value >> 8n === 0xe00000n : ((ip.value >> 112n) & 0xff0fn) === 0xff02n;

/**
 * `ValidateNonSpecialIP`: unspecified and loopback addresses make no sense as external IPs,
 * and link-local ones are used for node-centric purposes such as metadata services.
 */
export function validateNonSpecialIP(value: string, path: string): FieldError[] {
  const ip = parseIPSloppy(value);
  const v = goValue.str(value);
  if (!ip) return [fieldError.invalid(path, v, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  if (isUnspecified(ip))
    errs.push(fieldError.invalid(path, v, `may not be unspecified (${value})`));
  if (isLoopback(ip))
    errs.push(
      fieldError.invalid(path, v, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'),
    );
  if (isLinkLocalUnicast(ip)) {
    errs.push(
      fieldError.invalid(path, v, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'),
    );
  }
  if (isLinkLocalMulticast(ip)) {
    errs.push(
      fieldError.invalid(
        path,
        v,
        'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
      ),
    );
  }
  return errs;
}
