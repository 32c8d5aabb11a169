import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJson } from './json-parse';

const LIMITS = { maxDepth: 100, maxNodes: 1000 };

// Go's encoding/json scanner messages (scanner_test.go TestSyntaxErrors style).
describe('parseJson syntax errors read as encoding/json scanner errors', () => {
  const cases: [string, string][] = [
    ['', 'unexpected end of JSON input'],
    ['{"a":1', 'unexpected end of JSON input'],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['{1:2}', "invalid character '1' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['[1 2]', "invalid character '2' after array element"],
    ['01', "invalid character '1' after top-level value"],
    ['-x', "invalid character 'x' in numeric literal"],
    ['1.x', "invalid character 'x' after decimal point in numeric literal"],
    ['1ex', "invalid character 'x' in exponent of numeric literal"],
    ['tru', 'unexpected end of JSON input'],
    ['trUe', "invalid character 'U' in literal true (expecting 'u')"],
    ['"a\u0001"', "invalid character '\\x01' in string literal"],
    ['"\\q"', "invalid character 'q' in string escape code"],
    ['"\\u12x4"', "invalid character 'x' in \\u hexadecimal character escape"],
    ["'a'", "invalid character '\\'' looking for beginning of value"],
    ['\u00e9', "invalid character 'Ã' looking for beginning of value"],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () =>
      assert.deepEqual(parseJson(input, LIMITS), { ok: false, error: expected }),
    );
  }

  it('keeps duplicates in order, number literals as written, and escapes decoded', () => {
    const r = parseJson('{"a":1,"a":-2.50e3,"s":"\\u00e9\\n"}', LIMITS);
    assert.ok(r.ok);
    assert.deepEqual(r.value, {
      t: 'obj',
      entries: [
        ['a', { t: 'num', raw: '1' }],
        ['a', { t: 'num', raw: '-2.50e3' }],
        ['s', { t: 'str', v: 'é\n' }],
      ],
      source: '{"a":1,"a":-2.50e3,"s":"\\u00e9\\n"}',
    });
  });

  it('stops at the value budget', () => {
    assert.deepEqual(parseJson(`[${Array(2000).fill(1).join(',')}]`, LIMITS), {
      ok: false,
      error: 'the document has more than 1000 values',
    });
  });
});
