import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCidr, type Cidr } from '../net';
import { rangeMaths, reservedNodeBlocks } from './range-maths';

const cidr = (text: string): Cidr => {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(`bad cidr ${text}`);
  return r.cidr;
};
const v = (minor: number) => ({ major: 1, minor });

// After ipallocator bitmap_test.go TestCalculateRangeOffset and the reference's §9.1 table.
void describe('rangeMaths.serviceIPRange (bitmap.go New, calculateRangeOffset)', () => {
  const cases: [string, number, bigint, bigint][] = [
    // cidr, minor, usable, offset
    ['10.96.0.0/12', 26, 1048574n, 256n],
    ['10.1.0.0/16', 26, 65534n, 256n],
    ['10.0.0.0/24', 26, 254n, 16n],
    ['10.0.0.0/27', 26, 30n, 16n],
    ['10.0.0.0/28', 26, 14n, 0n],
    ['10.0.0.0/29', 26, 6n, 0n],
    ['10.0.0.0/31', 26, 0n, 0n],
    ['10.0.0.0/32', 26, 0n, 0n],
    ['fd12:b5e0:383f::/112', 26, 65535n, 256n],
    // Legacy cap ≤1.33: a /108 still only hands out ::1 … ::ffff.
    ['2000::/108', 33, 65535n, 256n],
    // 1.34+: the IPAddress allocator, no cap, the all-ones address included.
    ['2000::/108', 34, 2n ** 20n - 1n, 256n],
    ['fd00::/64', 34, 2n ** 64n - 1n, 256n],
    ['fd00::/64', 33, 65535n, 256n],
    ['fd00::/128', 34, 0n, 0n],
    ['10.96.0.0/12', 34, 1048574n, 256n],
  ];
  for (const [text, minor, usable, offset] of cases) {
    void it(`${text} at 1.${minor}: ${usable} usable, offset ${offset}`, () => {
      const shape = rangeMaths(v(minor)).serviceIPRange(cidr(text));
      assert.equal(shape.usable, usable);
      assert.equal(shape.offset, offset);
    });
  }
});

// After portallocator allocator_test.go TestCalculateRangeOffset (reference §9.4).
void describe('rangeMaths.nodePortBands (portallocator calculateRangeOffset)', () => {
  const cases: [number, number, number, number][] = [
    // base, size, minor, offset
    [30000, 2768, 28, 86],
    [30000, 2768, 29, 86],
    [30000, 2768, 27, 0],
    [30000, 2768, 26, 0],
    [30000, 16, 29, 0],
    [30000, 17, 29, 16],
    [30000, 512, 29, 16],
    [30000, 1024, 29, 32],
    [20000, 10000, 29, 128],
  ];
  for (const [base, size, minor, offset] of cases) {
    void it(`${base}+${size} at 1.${minor}: offset ${offset}`, () => {
      const bands = rangeMaths(v(minor)).nodePortBands({ base, size });
      assert.deepEqual([bands.size, bands.offset], [size, offset]);
    });
  }
});

// Blocks cidr_set.go Occupy marks for range_allocator.go filterOutServiceRange.
void describe('reservedNodeBlocks (filterOutServiceRange)', () => {
  const cases: [string, number, string[], bigint][] = [
    ['10.0.0.0/16', 24, ['10.1.0.0/16'], 0n],
    ['10.0.0.0/16', 24, ['10.0.0.0/20'], 16n],
    ['10.0.0.0/16', 24, ['10.0.5.0/28'], 1n],
    ['10.0.0.0/16', 24, ['10.0.0.0/8'], 256n],
    ['10.0.0.0/16', 24, ['10.0.0.0/20', '10.0.8.0/21'], 16n],
    ['10.0.0.0/16', 24, ['10.0.255.0/24', 'fd00::/112'], 1n],
    ['fd12:b5e0:383e::/56', 64, ['fd12:b5e0:383f::/112'], 0n],
    ['fd12:b5e0:383e::/56', 64, ['fd12:b5e0:383e:7::/112'], 1n],
    ['fd12:b5e0:383e::/56', 64, ['fd12:b5e0:383e::/60'], 16n],
    ['10.0.0.0/16', 15, ['10.0.0.0/20'], 0n],
  ];
  for (const [pod, mask, services, reserved] of cases) {
    void it(`${pod} /${mask} minus ${services.join(',')}: ${reserved}`, () => {
      assert.equal(reservedNodeBlocks(cidr(pod), mask, services.map(cidr)), reserved);
    });
  }
});
