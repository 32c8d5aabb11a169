/**
 * `--service-node-port-range` as k8s.io/apimachinery/pkg/util/net `PortRange.Set` parses it:
 * "min-max", "min+offset" or a single port, inclusive, after trimming spaces.
 */
import { goValue } from '../errors/field-error';
import type { PortRange } from './service-network';

export const DEFAULT_NODE_PORT_RANGE: PortRange = { base: 30000, size: 2768 };

const MAX_INT64 = (1n << 63n) - 1n;

/** Go's `strconv.Atoi`: an optional sign and decimal digits, within int64. */
function atoi(s: string): { ok: true; n: bigint } | { ok: false; error: string } {
  if (!/^[+-]?[0-9]+$/.test(s))
    return { ok: false, error: `strconv.Atoi: parsing ${goValue.str(s)}: invalid syntax` };
  const n = BigInt(s);
  if (n > MAX_INT64 || n < -MAX_INT64 - 1n) {
    return { ok: false, error: `strconv.Atoi: parsing ${goValue.str(s)}: value out of range` };
  }
  return { ok: true, n };
}

/**
 * utilnet `ParsePortRange`. An empty value yields the default range, as kube-apiserver's
 * options completion replaces a zero-size range with `30000-32767`.
 */
export function parsePortRange(
  text: string,
): { ok: true; range: PortRange } | { ok: false; error: string } {
  const value = text.trim();
  if (value === '') return { ok: true, range: DEFAULT_NODE_PORT_RANGE };
  const hyphen = value.indexOf('-');
  const plus = value.indexOf('+');
  let low: bigint;
  let high: bigint;
  if (hyphen === -1 && plus === -1) {
    const p = atoi(value);
    if (!p.ok) return p;
    low = high = p.n;
  } else if (hyphen !== -1 && plus === -1) {
    const a = atoi(value.slice(0, hyphen));
    if (!a.ok) return a;
    const b = atoi(value.slice(hyphen + 1));
    if (!b.ok) return b;
    low = a.n;
    high = b.n;
  } else if (plus !== -1 && hyphen === -1) {
    const a = atoi(value.slice(0, plus));
    if (!a.ok) return a;
    const b = atoi(value.slice(plus + 1));
    if (!b.ok) return b;
    low = a.n;
    high = a.n + b.n;
  } else {
    return { ok: false, error: `unable to parse port range: ${value}` };
  }
  if (low > 65535n || high > 65535n)
    return { ok: false, error: `the port range cannot be greater than 65535: ${value}` };
  if (high < low) return { ok: false, error: `end port cannot be less than start port: ${value}` };
  return { ok: true, range: { base: Number(low), size: Number(high - low) + 1 } };
}
