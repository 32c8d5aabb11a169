import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  cidrContains,
  cidrLast,
  cidrSize,
  cidrsOverlap,
  formatIP,
  indexedIP,
  parseCidr,
  parseIPSloppy,
  parseIPStrict,
  type IP,
} from './index';

const HUGE = '1'.repeat(100 * 1024);
const show = (ip: IP | null): string | null => (ip ? `${ip.family} ${formatIP(ip)}` : null);

// Mirrors k8s.io/utils/net TestParseIPSloppy and Go's net TestParseIP: [input, strict, sloppy].
const IP_TABLE: Array<[string, string | null, string | null]> = [
  ['10.1.0.1', 'IPv4 10.1.0.1', 'IPv4 10.1.0.1'],
  ['0.0.0.0', 'IPv4 0.0.0.0', 'IPv4 0.0.0.0'],
  ['255.255.255.255', 'IPv4 255.255.255.255', 'IPv4 255.255.255.255'],
  ['010.1.0.1', null, 'IPv4 10.1.0.1'],
  ['0010.0.0.1', null, 'IPv4 10.0.0.1'],
  ['1.2.3.04', null, 'IPv4 1.2.3.4'],
  ['00.0.0.0', null, 'IPv4 0.0.0.0'],
  ['256.1.1.1', null, null],
  ['0256.1.1.1', null, null],
  ['1.2.3', null, null],
  ['1.2.3.4.5', null, null],
  ['1..1.1', null, null],
  ['0x1.1.1.1', null, null],
  ['1e1.1.1.1', null, null],
  [' 1.2.3.4', null, null],
  ['1.2.3.4 ', null, null],
  ['1.2.3.4\n', null, null],
  ['+1.2.3.4', null, null],
  ['١٠.1.0.1', null, null],
  ['１０.1.0.1', null, null],
  ['', null, null],
  [HUGE, null, null],
  ['::', 'IPv6 ::', 'IPv6 ::'],
  ['::1', 'IPv6 ::1', 'IPv6 ::1'],
  ['2001:DB8::1', 'IPv6 2001:db8::1', 'IPv6 2001:db8::1'],
  ['0:0:0:0:0:0:0:0', 'IPv6 ::', 'IPv6 ::'],
  ['0000:0000::1', 'IPv6 ::1', 'IPv6 ::1'],
  ['1:0:2:3:4:5:6:7', 'IPv6 1:0:2:3:4:5:6:7', 'IPv6 1:0:2:3:4:5:6:7'],
  ['1:0:0:2:0:0:3:4', 'IPv6 1::2:0:0:3:4', 'IPv6 1::2:0:0:3:4'],
  ['1:0:0:2:0:0:0:3', 'IPv6 1:0:0:2::3', 'IPv6 1:0:0:2::3'],
  ['1:2:3:4:5:6:7::', 'IPv6 1:2:3:4:5:6:7:0', 'IPv6 1:2:3:4:5:6:7:0'],
  ['::1:2:3:4:5:6:7', 'IPv6 0:1:2:3:4:5:6:7', 'IPv6 0:1:2:3:4:5:6:7'],
  ['fd12:b5e0:383f::101', 'IPv6 fd12:b5e0:383f::101', 'IPv6 fd12:b5e0:383f::101'],
  ['::10.0.0.1', 'IPv6 ::a00:1', 'IPv6 ::a00:1'],
  ['1:2:3:4:5:6:1.2.3.4', 'IPv6 1:2:3:4:5:6:102:304', 'IPv6 1:2:3:4:5:6:102:304'],
  ['1:2:3:4:5::1.2.3.4', 'IPv6 1:2:3:4:5:0:102:304', 'IPv6 1:2:3:4:5:0:102:304'],
  // An IPv4-mapped IPv6 address is IPv4 (Go's To4() != nil).
  ['::ffff:10.0.0.1', 'IPv4 10.0.0.1', 'IPv4 10.0.0.1'],
  ['::FFFF:10.0.0.1', 'IPv4 10.0.0.1', 'IPv4 10.0.0.1'],
  ['::ffff:a00:1', 'IPv4 10.0.0.1', 'IPv4 10.0.0.1'],
  ['0:0:0:0:0:ffff:10.0.0.1', 'IPv4 10.0.0.1', 'IPv4 10.0.0.1'],
  ['::ffff:010.0.0.1', null, 'IPv4 10.0.0.1'],
  ['::fffe:a00:1', 'IPv6 ::fffe:a00:1', 'IPv6 ::fffe:a00:1'],
  ['1::ffff:10.0.0.1', 'IPv6 1::ffff:a00:1', 'IPv6 1::ffff:a00:1'],
  // Zones, brackets and malformed groups are rejected.
  ['fe80::1%eth0', null, null],
  ['fe80::1%1', null, null],
  ['[::1]', null, null],
  ['12345::1', null, null],
  ['00000::1', null, null],
  [':::', null, null],
  ['1::2::3', null, null],
  [':1::2', null, null],
  ['::1:', null, null],
  ['1:2:3:4:5:6:7:8:9', null, null],
  ['::1:2:3:4:5:6:7:8', null, null],
  ['1:2:3:4::5:6:7:8', null, null],
  ['1:2:3:4:5:6::1.2.3.4', null, null],
  ['1:2:3:4:5:6:7:1.2.3.4', null, null],
  ['::ffff:1.2.3', null, null],
  ['::1.2.3.4:5', null, null],
  ['g::1', null, null],
  ['::١', null, null],
];

describe('parseIPStrict / parseIPSloppy (k8s.io/utils/net TestParseIPSloppy, Go TestParseIP)', () => {
  for (const [input, strict, sloppy] of IP_TABLE) {
    it(`${JSON.stringify(input.length > 40 ? `${input.slice(0, 12)}…(${input.length})` : input)}`, () => {
      assert.equal(show(parseIPStrict(input)), strict, 'strict');
      assert.equal(show(parseIPSloppy(input)), sloppy, 'sloppy');
    });
  }
  it('does not throw on non-string input from untyped JSON', () => {
    for (const v of [undefined, null, 10, {}, [], true]) {
      assert.equal(parseIPStrict(v as unknown as string), null);
      assert.equal(parseIPSloppy(v as unknown as string), null);
    }
  });
});

describe('formatIP (Go net.IP.String)', () => {
  const table: Array<[IP, string]> = [
    [{ family: 'IPv4', value: 0x0a600001n }, '10.96.0.1'],
    [{ family: 'IPv4', value: 0xffffffffn }, '255.255.255.255'],
    [{ family: 'IPv6', value: 0n }, '::'],
    [{ family: 'IPv6', value: 1n }, '::1'],
    [{ family: 'IPv6', value: 0xfd12b5e0383f0000000000000000ffffn }, 'fd12:b5e0:383f::ffff'],
    [{ family: 'IPv6', value: (1n << 128n) - 1n }, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    // A value in ::ffff:0:0/96 prints as its IPv4 form, as Go does.
    [{ family: 'IPv6', value: 0xffff0a000001n }, '10.0.0.1'],
    [{ family: 'IPv6', value: 0xfffe0a000001n }, '::fffe:a00:1'],
  ];
  for (const [ip, text] of table) it(text, () => assert.equal(formatIP(ip), text));
});

// [input, strict result, sloppy result]: a canonical CIDR text or the failure reason.
const CIDR_TABLE: Array<[string, string, string]> = [
  ['10.1.0.0/16', '10.1.0.0/16', '10.1.0.0/16'],
  ['0.0.0.0/0', '0.0.0.0/0', '0.0.0.0/0'],
  ['10.0.0.1/32', '10.0.0.1/32', '10.0.0.1/32'],
  ['10.1.0.0/33', 'prefix', 'prefix'],
  ['fd12::/129', 'prefix', 'prefix'],
  ['fd12::/128', 'fd12::/128', 'fd12::/128'],
  ['::/0', '::/0', '::/0'],
  ['FD12:B5E0:383F::/112', 'fd12:b5e0:383f::/112', 'fd12:b5e0:383f::/112'],
  ['10.1.0.1/16', 'host-bits', '10.1.0.0/16'],
  ['fd12::1/64', 'host-bits', 'fd12::/64'],
  ['010.1.0.0/16', 'syntax', '10.1.0.0/16'],
  ['10.0.0.0/08', 'prefix', '10.0.0.0/8'],
  ['10.0.0.0/+8', 'prefix', 'prefix'],
  ['10.0.0.0/-1', 'prefix', 'prefix'],
  ['10.0.0.0/ 8', 'prefix', 'prefix'],
  ['10.0.0.0/', 'prefix', 'prefix'],
  ['10.0.0.0/8/8', 'prefix', 'prefix'],
  ['10.0.0.0/٨', 'prefix', 'prefix'],
  ['١٠.1.0.0/16', 'syntax', 'syntax'],
  ['/8', 'syntax', 'syntax'],
  ['10.0.0.0', 'syntax', 'syntax'],
  ['fe80::%eth0/64', 'syntax', 'syntax'],
  ['::ffff:10.0.0.0/104', 'syntax', 'syntax'],
  ['', 'syntax', 'syntax'],
  [`${HUGE}/8`, 'syntax', 'syntax'],
  [`10.0.0.0/${HUGE}`, 'syntax', 'syntax'],
];

describe('parseCidr (Go net.ParseCIDR, k8s.io/utils/net ParseCIDRSloppy)', () => {
  for (const [input, strict, sloppy] of CIDR_TABLE) {
    it(
      JSON.stringify(input.length > 40 ? `${input.slice(0, 12)}…(${input.length})` : input),
      () => {
        for (const [mode, want] of [
          [true, strict],
          [false, sloppy],
        ] as const) {
          const r = parseCidr(input, mode);
          assert.equal(r.ok ? r.cidr.text : r.reason, want, mode ? 'strict' : 'sloppy');
        }
      },
    );
  }
  it('does not throw on non-string input', () => {
    assert.deepEqual(parseCidr(42 as unknown as string), { ok: false, reason: 'syntax' });
  });
});

describe('cidr arithmetic', () => {
  const c = (t: string) => {
    const r = parseCidr(t);
    assert.ok(r.ok, t);
    return r.cidr;
  };
  const table: Array<[string, bigint, string]> = [
    ['10.96.0.0/12', 1n << 20n, '10.111.255.255'],
    ['10.0.0.0/28', 16n, '10.0.0.15'],
    ['10.0.0.1/32', 1n, '10.0.0.1'],
    ['fd12:b5e0:383f::/112', 65536n, 'fd12:b5e0:383f::ffff'],
    ['2000::/108', 1n << 20n, '2000::f:ffff'],
    ['fd00::/64', 1n << 64n, 'fd00::ffff:ffff:ffff:ffff'],
  ];
  for (const [text, size, last] of table) {
    it(`${text}: size ${size}, last ${last}`, () => {
      const cidr = c(text);
      assert.equal(cidrSize(cidr), size);
      assert.equal(formatIP({ family: cidr.family, value: cidrLast(cidr) }), last);
    });
  }
  it('contains, overlap and indexed IPs respect families and bounds', () => {
    const v4 = c('10.1.0.0/16');
    assert.equal(formatIP(indexedIP(v4, 10n)), '10.1.0.10');
    assert.ok(cidrContains(v4, parseIPStrict('10.1.255.255')!));
    assert.ok(!cidrContains(v4, parseIPStrict('10.2.0.0')!));
    assert.ok(!cidrContains(c('::/0'), parseIPStrict('10.1.0.1')!));
    assert.ok(cidrsOverlap(c('10.0.0.0/12'), v4));
    assert.ok(cidrsOverlap(v4, c('10.1.2.0/24')));
    assert.ok(!cidrsOverlap(v4, c('10.2.0.0/16')));
    assert.ok(!cidrsOverlap(c('0.0.0.0/0'), c('::/0')));
  });
});
