import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatIP, parseCidr } from '../net';
import {
  mathRandom,
  portProbeIntervals,
  probeIntervals,
  probeSequence,
  scanSegments,
} from './candidates';
import { nodePortBands } from './node-port-range';
import { serviceIPRange } from './service-ip-range';

const range = (t: string, minor = 30) => {
  const r = parseCidr(t);
  assert.ok(r.ok, t);
  return serviceIPRange(r.cidr, { major: 1, minor });
};
const text = (iv: { from: bigint; to: bigint; band: string }, family: 'IPv4' | 'IPv6' = 'IPv4') =>
  `${iv.band} ${formatIP({ family, value: iv.from })}-${formatIP({ family, value: iv.to })}`;

describe('probeIntervals (randomScanStrategyWithOffset: upper band first)', () => {
  const table: Array<[string, string[]]> = [
    ['10.0.0.0/24', ['dynamic 10.0.0.17-10.0.0.254', 'static 10.0.0.1-10.0.0.16']],
    ['10.96.0.0/12', ['dynamic 10.96.1.1-10.111.255.254', 'static 10.96.0.1-10.96.1.0']],
    ['10.0.0.0/28', ['dynamic 10.0.0.1-10.0.0.14']],
  ];
  for (const [cidr, want] of table) {
    it(cidr, () =>
      assert.deepEqual(
        probeIntervals(range(cidr)).map((i) => text(i)),
        want,
      ),
    );
  }
  it('node ports: dynamic 30086-32767 then static 30000-30085; one band before 1.28', () => {
    const show = (minor: number) =>
      portProbeIntervals(nodePortBands({ base: 30000, size: 2768 }, { major: 1, minor })).map(
        (i) => `${i.band} ${i.from}-${i.to}`,
      );
    assert.deepEqual(show(29), ['dynamic 30086-32767', 'static 30000-30085']);
    assert.deepEqual(show(26), ['dynamic 30000-32767']);
  });
});

describe('scanSegments and probeSequence (random start, wrap inside the band)', () => {
  it('splits a band at the start', () => {
    const iv = { from: 10n, to: 20n, band: 'dynamic' as const };
    assert.deepEqual(scanSegments(iv, 10n), [{ from: 10n, to: 20n }]);
    assert.deepEqual(scanSegments(iv, 15n), [
      { from: 15n, to: 20n },
      { from: 10n, to: 14n },
    ]);
  });
  it('visits every usable address exactly once, dynamic band first', () => {
    const r = range('10.0.0.0/24');
    const draws: bigint[] = [];
    const rand = (n: bigint) => {
      draws.push(n);
      return n / 2n;
    };
    const seq = [...probeSequence(probeIntervals(r), rand)];
    assert.equal(seq.length, 254);
    assert.equal(new Set(seq.map((c) => c.value)).size, 254);
    assert.deepEqual(draws, [238n, 16n]);
    assert.equal(formatIP({ family: 'IPv4', value: seq[0]!.value }), '10.0.0.136');
    assert.equal(formatIP({ family: 'IPv4', value: seq[118]!.value }), '10.0.0.254');
    assert.equal(formatIP({ family: 'IPv4', value: seq[119]!.value }), '10.0.0.17');
    assert.equal(seq[237]!.band, 'dynamic');
    assert.equal(seq[238]!.band, 'static');
    assert.equal(formatIP({ family: 'IPv4', value: seq[238]!.value }), '10.0.0.9');
  });
  it('draws the lower band start only when the scan reaches it', () => {
    let calls = 0;
    const gen = probeSequence(probeIntervals(range('10.0.0.0/24')), (n) => {
      calls++;
      return n - 1n;
    });
    gen.next();
    assert.equal(calls, 1);
  });
});

describe('mathRandom', () => {
  it('stays within [0, n) for small and 64-bit ranges', () => {
    for (const n of [1n, 2n, 7n, 238n, 1n << 64n, (1n << 64n) - 257n]) {
      for (let k = 0; k < 200; k++) {
        const x = mathRandom(n);
        assert.ok(x >= 0n && x < n, `${x} < ${n}`);
      }
    }
  });

  it('reaches every residue of small even ranges (no low bit is constant)', () => {
    for (const n of [2n, 4n, 1024n, 1n << 20n]) {
      const low = new Set<bigint>();
      for (let k = 0; k < 400; k++) low.add(mathRandom(n) % 4n);
      assert.equal(low.size, n < 4n ? Number(n) : 4, `residues mod 4 of mathRandom(${n})`);
    }
  });
});
