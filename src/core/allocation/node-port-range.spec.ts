import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  calculatePortRangeOffset,
  nodePortBandOf,
  nodePortBands,
  portNotInRangeMessage,
} from './node-port-range';

describe('calculatePortRangeOffset (portallocator Test_calculateRangeOffset)', () => {
  const table: Array<[string, number, number]> = [
    ['default node port range', 2768, 86],
    ['very small node port range', 1, 0],
    ['small node port range (lower boundary)', 16, 0],
    ['small node port range', 17, 16],
    ['medium node port range', 5001, 128],
    ['large node port range (upper boundary)', 30001, 128],
    ['step boundary', 1024, 32],
  ];
  for (const [name, size, want] of table)
    it(`${name}: ${size} => ${want}`, () => assert.equal(calculatePortRangeOffset(size), want));
});

describe('nodePortBands (KEP-3668 by version)', () => {
  const range = { base: 30000, size: 2768 };
  const table: Array<[number, number, number, number]> = [
    // minor, offset, staticLast, dynamicFirst
    [26, 0, 29999, 30000],
    [27, 0, 29999, 30000],
    [28, 86, 30085, 30086],
    [29, 86, 30085, 30086],
    [35, 86, 30085, 30086],
  ];
  for (const [minor, offset, staticLast, dynamicFirst] of table) {
    it(`30000-32767 on 1.${minor}`, () => {
      assert.deepEqual(nodePortBands(range, { major: 1, minor }), {
        base: 30000,
        size: 2768,
        offset,
        staticLast,
        dynamicFirst,
        last: 32767,
      });
    });
  }
  it('classifies ports', () => {
    const b = nodePortBands(range, { major: 1, minor: 30 });
    const table: Array<[number, 'static' | 'dynamic' | null]> = [
      [29999, null],
      [30000, 'static'],
      [30085, 'static'],
      [30086, 'dynamic'],
      [32767, 'dynamic'],
      [32768, null],
      [30100.5, null],
    ];
    for (const [port, band] of table) assert.equal(nodePortBandOf(b, port), band, String(port));
    assert.equal(
      portNotInRangeMessage(b),
      'provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });
});
