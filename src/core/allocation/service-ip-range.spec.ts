import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type Cidr, formatIP, parseCidr } from '../net';
import type { KubernetesVersion } from '../cluster/service-network';
import {
  calculateRangeOffset,
  ipBandOf,
  notInRangeMessage,
  rangeSize,
  serviceIPRange,
} from './service-ip-range';

const cidr = (t: string): Cidr => {
  const r = parseCidr(t, false);
  assert.ok(r.ok, t);
  return r.cidr;
};
const v = (minor: number): KubernetesVersion => ({ major: 1, minor });
const ip = (c: Cidr, value: bigint) => formatIP({ family: c.family, value });

describe('calculateRangeOffset (ipallocator Test_calculateRangeOffset)', () => {
  const table: Array<[string, bigint]> = [
    ['192.168.1.1/32', 0n],
    ['fd00::1/128', 0n],
    ['192.168.1.1/30', 0n],
    ['fd00::1/126', 0n],
    ['192.168.1.1/28', 0n],
    ['192.168.1.1/27', 16n],
    ['fd00::1/124', 0n],
    ['fd00::1/122', 16n],
    ['192.168.1.1/22', 64n],
    ['fd00::1/118', 64n],
    ['192.168.1.1/8', 256n],
    ['fd00::1/12', 256n],
    // RangeSize is 0 for /0 and /1, so no band.
    ['0.0.0.0/1', 0n],
  ];
  for (const [text, want] of table)
    it(`${text} => ${want}`, () => assert.equal(calculateRangeOffset(cidr(text)), want));
});

describe('rangeSize (k8s.io/utils/net TestRangeSize)', () => {
  const table: Array<[string, bigint]> = [
    ['10.0.0.0/24', 256n],
    ['10.0.0.0/31', 2n],
    ['10.0.0.0/32', 1n],
    ['0.0.0.0/0', 0n],
    ['10.0.0.0/1', 0n],
    ['fd00::/120', 256n],
    ['fd00::/64', (1n << 63n) - 1n],
    ['fd00::/127', 2n],
    ['::/1', 0n],
  ];
  for (const [text, want] of table)
    it(`${text} => ${want}`, () => assert.equal(rangeSize(cidr(text)), want));
});

// Reference §9.1 band table, extended: [cidr, minor, usable, offset, static first-last, dynamic first-last].
const BANDS: Array<[string, number, bigint, bigint, string | null, string]> = [
  ['10.96.0.0/12', 26, (1n << 20n) - 2n, 256n, '10.96.0.1-10.96.1.0', '10.96.1.1-10.111.255.254'],
  ['10.0.0.0/16', 26, 65534n, 256n, '10.0.0.1-10.0.1.0', '10.0.1.1-10.0.255.254'],
  ['10.0.0.0/20', 26, 4094n, 256n, '10.0.0.1-10.0.1.0', '10.0.1.1-10.0.15.254'],
  ['10.0.0.0/24', 26, 254n, 16n, '10.0.0.1-10.0.0.16', '10.0.0.17-10.0.0.254'],
  ['10.0.0.0/27', 26, 30n, 16n, '10.0.0.1-10.0.0.16', '10.0.0.17-10.0.0.30'],
  ['10.0.0.0/28', 26, 14n, 0n, null, '10.0.0.1-10.0.0.14'],
  [
    'fd12:b5e0:383f::/112',
    26,
    65535n,
    256n,
    'fd12:b5e0:383f::1-fd12:b5e0:383f::100',
    'fd12:b5e0:383f::101-fd12:b5e0:383f::ffff',
  ],
  // The bitmap caps IPv6 at 65536 addresses but the band uses the full size.
  ['2000::/108', 33, 65535n, 256n, '2000::1-2000::100', '2000::101-2000::ffff'],
  ['fd00::/125', 26, 7n, 0n, null, 'fd00::1-fd00::7'],
  // 1.34+: no bitmap, no cap; IPv6 keeps its all-ones address.
  ['10.96.0.0/12', 35, (1n << 20n) - 2n, 256n, '10.96.0.1-10.96.1.0', '10.96.1.1-10.111.255.254'],
  ['10.0.0.0/28', 34, 14n, 0n, null, '10.0.0.1-10.0.0.14'],
  [
    'fd12:b5e0:383f::/112',
    35,
    65535n,
    256n,
    'fd12:b5e0:383f::1-fd12:b5e0:383f::100',
    'fd12:b5e0:383f::101-fd12:b5e0:383f::ffff',
  ],
  ['2000::/108', 34, (1n << 20n) - 1n, 256n, '2000::1-2000::100', '2000::101-2000::f:ffff'],
  [
    'fd00::/64',
    35,
    (1n << 64n) - 1n,
    256n,
    'fd00::1-fd00::100',
    'fd00::101-fd00::ffff:ffff:ffff:ffff',
  ],
];

describe('serviceIPRange bands (ipallocator bitmap.go New, ipallocator.go NewIPAllocator)', () => {
  for (const [text, minor, usable, offset, stat, dyn] of BANDS) {
    it(`${text} on 1.${minor}`, () => {
      const c = cidr(text);
      const r = serviceIPRange(c, v(minor));
      assert.equal(r.usable, usable);
      assert.equal(r.last - r.first + 1n, usable);
      assert.equal(r.offset, offset);
      assert.equal(r.dynamicFirst, r.first + offset);
      assert.equal(r.staticLast, r.first + offset - 1n);
      assert.equal(r.offset === 0n ? null : `${ip(c, r.first)}-${ip(c, r.staticLast)}`, stat);
      assert.equal(`${ip(c, r.dynamicFirst)}-${ip(c, r.last)}`, dyn);
    });
  }
});

describe('ipBandOf (bitmap Range.contains)', () => {
  const c = cidr('10.0.0.0/24');
  const r = serviceIPRange(c, v(30));
  const table: Array<[string, 'static' | 'dynamic' | null]> = [
    ['10.0.0.0', null],
    ['10.0.0.1', 'static'],
    ['10.0.0.10', 'static'],
    ['10.0.0.16', 'static'],
    ['10.0.0.17', 'dynamic'],
    ['10.0.0.254', 'dynamic'],
    ['10.0.0.255', null],
    ['10.0.1.1', null],
    ['9.255.255.255', null],
  ];
  for (const [addr, band] of table) {
    it(`${addr} => ${band}`, () => {
      const p = parseCidr(`${addr}/32`);
      assert.ok(p.ok);
      assert.equal(ipBandOf(r, p.cidr.network), band);
    });
  }
  it('an address above the bitmap cap is out of range on 1.33 but not on 1.34', () => {
    const c6 = cidr('2000::/108');
    const above = c6.network + 0x10000n;
    assert.equal(ipBandOf(serviceIPRange(c6, v(33)), above), null);
    assert.equal(ipBandOf(serviceIPRange(c6, v(34)), above), 'dynamic');
  });
  it('the all-ones IPv6 address of a /64 is usable from 1.34', () => {
    const c6 = cidr('fd00::/64');
    assert.equal(ipBandOf(serviceIPRange(c6, v(34)), c6.network + (1n << 64n) - 1n), 'dynamic');
  });
});

describe('notInRangeMessage (ipallocator ErrNotInRange)', () => {
  it('names the address and the CIDR', () => {
    const r = serviceIPRange(cidr('2000::/108'), v(33));
    assert.equal(
      notInRangeMessage('2000::1:0', r),
      'the provided IP (2000::1:0) is not in the valid range. The range of valid IPs is 2000::/108',
    );
  });
});
