import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nulPath } from './nul';

describe('nulPath', () => {
  it('finds U+0000 in values and keys, at any depth, by path', () => {
    assert.equal(nulPath({ a: 'ok', b: [1, 'x\u0000'] }), 'b[1]');
    assert.equal(
      nulPath({ metadata: { annotations: { ['k\u0000']: 'v' } } }),
      'metadata.annotations.k\u0000',
    );
    assert.equal(nulPath('\u0000'), '(body)');
  });

  it('is null when there is none', () => {
    assert.equal(nulPath({ a: 'u0000', b: ['\\u0000', 1, null, true] }), null);
    assert.equal(nulPath(null), null);
  });
});
