import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type Cidr, parseCidr } from '../net';
import {
  assignableNodeCidrCount,
  nodeCidrBlock,
  nodeCidrCount,
  nodeCidrIndexOf,
  serviceOverlapBlocks,
} from './node-cidrs';

const cidr = (t: string, strict = true): Cidr => {
  const r = parseCidr(t, strict);
  assert.ok(r.ok, t);
  return r.cidr;
};

describe('nodeCidrCount (cidrset NewCIDRSet maxCIDRs)', () => {
  const table: Array<[string, number, bigint]> = [
    ['10.244.0.0/16', 24, 256n],
    ['10.0.0.0/8', 24, 65536n],
    ['10.0.0.0/8', 30, 1n << 22n],
    ['10.244.0.0/24', 24, 1n],
    ['fd12:b5e0:383e::/56', 64, 256n],
    ['fd00::/48', 64, 65536n],
  ];
  for (const [c, mask, want] of table)
    it(`${c} with /${mask} => ${want}`, () => assert.equal(nodeCidrCount(cidr(c), mask), want));
});

describe('nodeCidrBlock (cidrset TestIndexToCIDRBlock)', () => {
  const table: Array<[string, number, bigint, string]> = [
    ['10.244.0.0/16', 24, 0n, '10.244.0.0/24'],
    ['10.244.0.0/16', 24, 1n, '10.244.1.0/24'],
    ['10.244.0.0/16', 24, 255n, '10.244.255.0/24'],
    ['127.123.3.0/16', 24, 0n, '127.123.0.0/24'],
    ['127.123.234.0/24', 30, 16n, '127.123.234.64/30'],
    ['fd12:b5e0:383e::/56', 64, 0n, 'fd12:b5e0:383e::/64'],
    ['fd12:b5e0:383e::/56', 64, 255n, 'fd12:b5e0:383e:ff::/64'],
    ['2001:db8::/48', 64, 65535n, '2001:db8:0:ffff::/64'],
    // Node mask past the 64-bit half with a cluster mask before it (the `btl` branch).
    ['2001:db8::/56', 72, 0x101n, '2001:db8:0:1:100::/72'],
    ['2001:db8::/96', 112, 1n, '2001:db8::1:0/112'],
  ];
  for (const [c, mask, index, want] of table) {
    it(`${c} /${mask} #${index} => ${want}`, () => {
      // Go's ParseCIDR masks host bits, as upstream's table relies on.
      const cluster = cidr(c, false);
      const block = nodeCidrBlock(cluster, mask, index);
      assert.equal(block.text, want);
      assert.equal(nodeCidrIndexOf(cluster, mask, block.network), index);
    });
  }
});

describe('serviceOverlapBlocks (range_allocator filterOutServiceRange + cidrset Occupy)', () => {
  const table: Array<[string, number, string[], Array<[bigint, bigint]>]> = [
    // TestAllocateOrOccupyCIDRSuccess "Correctly filter out service CIDR": the first node gets .64/30.
    ['127.123.234.0/24', 30, ['127.123.234.0/26'], [[0n, 15n]]],
    ['10.0.0.0/8', 24, ['10.96.0.0/12'], [[24576n, 28671n]]],
    ['10.96.0.0/16', 24, ['10.96.0.0/12'], [[0n, 255n]]],
    ['10.0.0.0/16', 24, ['10.0.0.0/16'], [[0n, 255n]]],
    ['10.0.0.0/16', 24, ['10.0.5.16/28'], [[5n, 5n]]],
    ['10.0.0.0/16', 24, ['10.1.0.0/16'], []],
    ['10.0.0.0/16', 24, ['fd00::/112'], []],
    ['fd00::/48', 64, ['10.0.0.0/16', 'fd00:0:0:10::/112'], [[16n, 16n]]],
    ['fd00::/48', 64, ['fd00:0:0:100::/56'], [[256n, 511n]]],
  ];
  for (const [c, mask, services, want] of table) {
    it(`${c} /${mask} minus ${services.join(',')}`, () => {
      const got = serviceOverlapBlocks(
        cidr(c),
        mask,
        services.map((s) => cidr(s)),
      );
      assert.deepEqual(
        got.map((s) => [s.from, s.to]),
        want,
      );
    });
  }
  it('assignable count subtracts the reserved blocks', () => {
    assert.equal(
      assignableNodeCidrCount(cidr('127.123.234.0/24'), 30, [cidr('127.123.234.0/26')]),
      48n,
    );
    assert.equal(assignableNodeCidrCount(cidr('10.244.0.0/16'), 24, [cidr('10.96.0.0/12')]), 256n);
    assert.equal(assignableNodeCidrCount(cidr('10.96.0.0/16'), 24, [cidr('10.96.0.0/12')]), 0n);
  });
});
