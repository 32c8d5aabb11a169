/**
 * `time.Parse(time.RFC3339, s)` as metav1.Time.UnmarshalJSON calls it, returning Go's
 * ParseError text on failure (time/format.go `Parse`, `ParseError.Error`), e.g.
 * `parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"`.
 */
const LAYOUT = '2006-01-02T15:04:05Z07:00';

const quote = (s: string) => JSON.stringify(s);

/** undefined when `s` parses; otherwise the error message. */
export function rfc3339Error(s: string): string | undefined {
  let rest = s;
  const cannot = (elem: string) =>
    `parsing time ${quote(s)} as ${quote(LAYOUT)}: cannot parse ${quote(rest)} as ${quote(elem)}`;
  const outOfRange = (what: string) => `parsing time ${quote(s)}: ${what} out of range`;

  const num = (elem: string, width: number, fixed: boolean): number | string => {
    const m = (fixed ? new RegExp(`^[0-9]{${width}}`) : /^[0-9]{1,2}/).exec(rest);
    if (!m) return cannot(elem);
    rest = rest.slice(m[0].length);
    return Number(m[0]);
  };
  const literal = (lit: string): string | undefined => {
    if (!rest.startsWith(lit)) return cannot(lit);
    rest = rest.slice(lit.length);
    return undefined;
  };

  const year = num('2006', 4, true);
  if (typeof year === 'string') return year;
  const steps: [string, string, number, boolean, number][] = [
    ['-', '01', 2, true, 12],
    ['-', '02', 2, true, 31],
    ['T', '15', 2, false, 23],
    [':', '04', 2, true, 59],
    [':', '05', 2, true, 59],
  ];
  const values: number[] = [];
  for (const [lit, elem, width, fixed, max] of steps) {
    const bad = literal(lit);
    if (bad) return bad;
    const v = num(elem, width, fixed);
    if (typeof v === 'string') return v;
    const name = { '01': 'month', '02': 'day', '15': 'hour', '04': 'minute', '05': 'second' }[
      elem
    ]!;
    if (elem === '01' && v < 1) return outOfRange(name);
    if (elem !== '02' && v > max) return outOfRange(name);
    values.push(v);
  }
  const frac = /^[.,][0-9]+/.exec(rest);
  if (frac) rest = rest.slice(frac[0].length);
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    const zone = /^([+-])([0-9]{2}):([0-9]{2})/.exec(rest);
    if (!zone) return cannot('Z07:00');
    if (Number(zone[2]) > 24) return outOfRange('time zone offset hour');
    if (Number(zone[3]) > 60) return outOfRange('time zone offset minute');
    rest = rest.slice(zone[0].length);
  }
  const [month, day] = values as [number, number];
  if (day < 1 || day > daysIn(month, year)) return outOfRange('day');
  if (rest.length > 0) return `parsing time ${quote(s)}: extra text: ${quote(rest)}`;
  return undefined;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
