import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DecodeResult, decodeManifests } from './decode';

/** Every outcome is a value: a top-level 4xx Status, or items each ok or carrying a 4xx Status. */
function assertWellFormed(r: DecodeResult): void {
  if (!r.ok) {
    assert.equal(r.status.kind, 'Status');
    assert.ok(
      r.status.code >= 400 && r.status.code < 500,
      `code ${r.status.code}: ${r.status.message}`,
    );
    return;
  }
  for (const item of r.items) {
    if (item.ok) {
      assert.equal(item.object.kind, 'Service');
      assert.ok(Array.isArray(item.warnings));
    } else {
      assert.ok(item.status.code >= 400 && item.status.code < 500, item.status.message);
    }
  }
}

function timed(body: string | Buffer, type: 'yaml' | 'json'): { r: DecodeResult; ms: number } {
  const start = process.hrtime.bigint();
  const r = decodeManifests(body, type);
  return { r, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => {
    const prev = 'abcdefghi'[i]!;
    return `${c}: &${c} [${Array(9).fill(`*${prev}`).join(',')}]`;
  }),
].join('\n');

describe('hostile bodies end in a Status, quickly, without throwing', () => {
  const cases: [string, string | Buffer, 'yaml' | 'json', RegExp][] = [
    [
      'billion laughs',
      `apiVersion: v1\nkind: Service\nmetadata: {name: x}\n${BILLION_LAUGHS}\n`,
      'yaml',
      /excessive aliasing/,
    ],
    [
      'billion laughs inside spec',
      `apiVersion: v1\nkind: Service\nspec:\n  x: &x [1,1,1,1,1,1,1,1,1,1]\n  y: &y [*x,*x,*x,*x,*x,*x,*x,*x,*x,*x]\n  z: &z [*y,*y,*y,*y,*y,*y,*y,*y,*y,*y]\n  w: &w [*z,*z,*z,*z,*z,*z,*z,*z,*z,*z]\n  v: &v [*w,*w,*w,*w,*w,*w,*w,*w,*w,*w]\n  u: [*v,*v,*v,*v,*v,*v,*v,*v,*v,*v]\n`,
      'yaml',
      /excessive aliasing/,
    ],
    [
      'merge-key bomb',
      `a: &a {k0: 1}\n${Array.from(
        { length: 30 },
        (_, i) =>
          `m${i}: &m${i} {<<: [${Array(50)
            .fill(i ? `*m${i - 1}` : '*a')
            .join(',')}]}`,
      ).join('\n')}\n`,
      'yaml',
      /.*/,
    ],
    ['self-referencing alias', 'a: &a [*a]\n', 'yaml', /.+/],
    ['deep YAML flow nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`, 'yaml', /max depth/],
    [
      'deep YAML block nesting',
      Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
      'yaml',
      /max depth/,
    ],
    [
      'deep JSON nesting',
      `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
      'json',
      /exceeded max depth/,
    ],
    ['deep JSON array nesting', '['.repeat(1_000_000), 'json', /exceeded max depth/],
    [
      'huge string',
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${'a'.repeat(3_000_000)}\n`,
      'yaml',
      /.*/,
    ],
    [
      'random bytes',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
      'yaml',
      /.+/,
    ],
    [
      'random bytes as JSON',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 104729 + 7) % 256)),
      'json',
      /.+/,
    ],
    ['NUL bytes', Buffer.from('apiVersion: v1\u0000kind: Service'), 'yaml', /.+/],
    [
      'lone surrogates',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: "\\ud800"\n',
      'yaml',
      /.*/,
    ],
    [
      'invalid UTF-8 in JSON strings is replaced, as Go does',
      Buffer.concat([
        Buffer.from('{"apiVersion":"v1","kind":"Service","metadata":{"name":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}}'),
      ]),
      'json',
      /.*/,
    ],
    [
      '__proto__ keys',
      '{"apiVersion":"v1","kind":"Service","metadata":{"labels":{"__proto__":"x"}},"__proto__":{"polluted":true}}',
      'json',
      /.*/,
    ],
    ['unknown YAML tag', 'apiVersion: !!binary aGVsbG8=\n', 'yaml', /unknown tag/],
    ['many documents', '---\na: 1\n'.repeat(5000), 'yaml', /more than 1000 objects/],
    [
      'huge list',
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array(5000).fill({}) }),
      'json',
      /more than 1000 objects/,
    ],
  ];
  for (const [name, body, type, pattern] of cases) {
    it(name, () => {
      const { r, ms } = timed(body, type);
      assertWellFormed(r);
      assert.ok(ms < 3000, `took ${ms} ms`);
      const text = r.ok
        ? r.items.map((i) => (i.ok ? '' : i.status.message)).join('\n')
        : r.status.message;
      assert.match(text, pattern);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }
});

/** mulberry32: a small seeded generator, so a failure replays. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'labels',
  'spec',
  'ports',
  'port',
  'targetPort',
  'nodePort',
  'clusterIPs',
  'ipFamilies',
  'ipFamilyPolicy',
  'type',
  'selector',
  'status',
  'items',
  'creationTimestamp',
  '<<',
  '__proto__',
  'constructor',
];
const SCALARS = [
  'v1',
  'Service',
  'List',
  'ServiceList',
  'yes',
  'no',
  '~',
  'null',
  '0x1F',
  '0777',
  '1e400',
  '-1',
  '2147483648',
  '.nan',
  '.inf',
  '"80"',
  "'x'",
  '',
  'true',
  '2024-01-01T00:00:00Z',
  '1.5',
  '&a x',
  '*a',
  '!!str 1',
  '!!int x',
  '|\n  block',
  '? complex',
  '-',
  ':',
  '{',
  '[',
  '"unterminated',
  '\t',
  '\u0000',
  '\ud800',
  '💥',
];

function generate(next: () => number): { body: string; type: 'yaml' | 'json' } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const value = (depth: number): unknown => {
    const r = next();
    if (depth > 4 || r < 0.4) return pick(SCALARS);
    if (r < 0.7)
      return Object.fromEntries(
        Array.from({ length: 1 + Math.floor(next() * 4) }, () => [pick(FIELDS), value(depth + 1)]),
      );
    return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
  };
  const doc = {
    apiVersion: pick(['v1', 'v1', 'apps/v1', 5]),
    kind: pick(['Service', 'Service', 'List', 'ServiceList', null]),
    ...(value(0) as object),
  };
  const r = next();
  if (r < 0.3) return { body: JSON.stringify(doc), type: 'json' };
  let yaml = toYaml(doc, 0, pick);
  if (r < 0.6) {
    // Corrupt: cut, splice or duplicate a slice of the text.
    const at = Math.floor(next() * yaml.length);
    const mode = Math.floor(next() * 3);
    yaml =
      mode === 0
        ? yaml.slice(0, at)
        : mode === 1
          ? yaml.slice(0, at) + pick(SCALARS) + yaml.slice(at)
          : yaml + yaml.slice(at);
  }
  return {
    body: next() < 0.2 ? `${yaml}\n---\n${yaml}` : yaml,
    type: next() < 0.1 ? 'json' : 'yaml',
  };
}

function toYaml(v: unknown, indent: number, pick: <T>(xs: readonly T[]) => T): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v))
    return v.length
      ? v.map((x) => `\n${pad}- ${toYaml(x, indent + 2, pick).trimStart()}`).join('')
      : ' []';
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v);
    if (!entries.length) return ' {}';
    return entries.map(([k, x]) => `\n${pad}${k}:${toYaml(x, indent + 2, pick)}`).join('');
  }
  return ` ${String(v)}`;
}

describe('seeded hostile manifests', () => {
  it('500 generated bodies never throw and always answer with values', () => {
    const next = rng(20240229);
    for (let i = 0; i < 500; i++) {
      const { body, type } = generate(next);
      let r: DecodeResult;
      try {
        r = decodeManifests(body, type);
      } catch (e) {
        assert.fail(`case ${i} threw ${String(e)} for body ${JSON.stringify(body).slice(0, 300)}`);
      }
      assertWellFormed(r);
    }
  });
});
