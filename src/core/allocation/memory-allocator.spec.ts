import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type Cidr, type IP, formatIP, parseCidr, parseIPStrict } from '../net';
import type { ServiceNetwork } from '../cluster/service-network';
import type { RandomSource } from './candidates';
import { MemoryServiceAllocator } from './memory-allocator';

const cidr = (t: string): Cidr => {
  const r = parseCidr(t);
  assert.ok(r.ok, t);
  return r.cidr;
};
const ipOf = (t: string): IP => parseIPStrict(t)!;
const network = (
  cidrs: string[],
  minor = 30,
  ports = { base: 30000, size: 2768 },
): ServiceNetwork => ({
  serviceCIDRs: cidrs.map(cidr),
  nodePortRange: ports,
  version: { major: 1, minor },
});
const low: RandomSource = () => 0n;
const high: RandomSource = (n) => n - 1n;

async function next(a: MemoryServiceAllocator, family: 'IPv4' | 'IPv6' = 'IPv4'): Promise<string> {
  const r = await a.allocateNextIP(family, 'test');
  return r.ok ? `${formatIP(r.value)} ${r.band}` : r.reason;
}

describe('MemoryServiceAllocator.allocateNextIP (ipallocator TestAllocate, TestAllocateReserved)', () => {
  it('starts at a random point of the upper band and wraps inside it', async () => {
    const a = new MemoryServiceAllocator(network(['10.0.0.0/24']), high);
    assert.equal(await next(a), '10.0.0.254 dynamic');
    assert.equal(await next(a), '10.0.0.17 dynamic');
    const b = new MemoryServiceAllocator(network(['10.0.0.0/24']), low);
    assert.equal(await next(b), '10.0.0.17 dynamic');
    assert.equal(await next(b), '10.0.0.18 dynamic');
  });

  it('takes the static band only once the dynamic band is full', async () => {
    const a = new MemoryServiceAllocator(network(['10.0.0.0/24']));
    const bands: string[] = [];
    for (let i = 0; i < 254; i++) bands.push(await next(a));
    const dynamic = bands.slice(0, 238);
    assert.ok(dynamic.every((b) => b.endsWith(' dynamic')));
    assert.ok(bands.slice(238).every((b) => b.endsWith(' static')));
    assert.equal(await next(a), 'full');
    assert.equal(a.freeIPs('IPv4'), 0n);
  });

  it('a /28 is full exactly after its 14 usable addresses, never .0 or .15', async () => {
    const a = new MemoryServiceAllocator(network(['10.0.0.0/28']));
    const got = new Set<string>();
    for (let i = 0; i < 14; i++) {
      const r = await a.allocateNextIP('IPv4', `svc-${i}`);
      assert.ok(r.ok);
      assert.equal(r.band, 'dynamic');
      got.add(formatIP(r.value));
    }
    assert.equal(got.size, 14);
    assert.ok(!got.has('10.0.0.0') && !got.has('10.0.0.15'));
    assert.equal(await next(a), 'full');
  });

  it('release makes the address available again', async () => {
    const a = new MemoryServiceAllocator(network(['10.0.0.0/28']), low);
    for (let i = 0; i < 14; i++) await a.allocateNextIP('IPv4', 'x');
    await a.releaseIP('IPv4', ipOf('10.0.0.7'));
    assert.equal(a.freeIPs('IPv4'), 1n);
    assert.equal(await next(a), '10.0.0.7 dynamic');
    assert.equal(await next(a), 'full');
  });

  it('IPv6 on 1.33 stops below the bitmap cap; on 1.34 uses the whole /125 incl. all-ones', async () => {
    const a = new MemoryServiceAllocator(network(['2000::/108'], 33), high);
    assert.equal(await next(a, 'IPv6'), '2000::ffff dynamic');
    const b = new MemoryServiceAllocator(network(['fd00::/125'], 34), high);
    assert.equal(await next(b, 'IPv6'), 'fd00::7 dynamic');
  });

  it('an unconfigured family is reported as such', async () => {
    const a = new MemoryServiceAllocator(network(['10.0.0.0/24']));
    assert.equal(await next(a, 'IPv6'), 'family-not-configured');
  });
});

describe('MemoryServiceAllocator.allocateIP (ipallocator Allocate)', () => {
  const table: Array<[string, string, string]> = [
    ['IPv4', '10.0.0.1', 'ok static'],
    ['IPv4', '10.0.0.10', 'ok static'],
    ['IPv4', '10.0.0.16', 'ok static'],
    ['IPv4', '10.0.0.17', 'ok dynamic'],
    ['IPv4', '10.0.0.254', 'ok dynamic'],
    ['IPv4', '10.0.0.0', 'not-in-range'],
    ['IPv4', '10.0.0.255', 'not-in-range'],
    ['IPv4', '10.0.1.1', 'not-in-range'],
    ['IPv4', 'fd12::1', 'not-in-range'],
    ['IPv6', 'fd12::1', 'ok static'],
    ['IPv6', 'fd12::ffff', 'ok dynamic'],
    ['IPv6', 'fd12::', 'not-in-range'],
    ['IPv6', 'fd12::1:0', 'not-in-range'],
  ];
  for (const [family, addr, want] of table) {
    it(`${family} ${addr} => ${want}`, async () => {
      const a = new MemoryServiceAllocator(network(['10.0.0.0/24', 'fd12::/112']));
      const r = await a.allocateIP(family as 'IPv4' | 'IPv6', ipOf(addr), 'owner');
      assert.equal(r.ok ? `ok ${r.band}` : r.reason, want);
      if (r.ok) {
        const again = await a.allocateIP(family as 'IPv4' | 'IPv6', ipOf(addr), 'other');
        assert.deepEqual(again, { ok: false, reason: 'allocated' });
        assert.deepEqual(a.allocatedIPs(family as 'IPv4' | 'IPv6'), [
          { ip: ipOf(addr), owner: 'owner' },
        ]);
      }
    });
  }
  it('a statically taken address is skipped by the dynamic scan', async () => {
    const a = new MemoryServiceAllocator(network(['10.0.0.0/24']), low);
    await a.allocateIP('IPv4', ipOf('10.0.0.17'), 'pinned');
    assert.equal(await next(a), '10.0.0.18 dynamic');
  });
  it('family-not-configured for a family the cluster lacks', async () => {
    const a = new MemoryServiceAllocator(network(['10.0.0.0/24']));
    assert.deepEqual(await a.allocateIP('IPv6', ipOf('fd12::1'), 'x'), {
      ok: false,
      reason: 'family-not-configured',
    });
  });
});

describe('MemoryServiceAllocator node ports (portallocator TestAllocate, KEP-3668)', () => {
  it('dynamic ports come from 30086-32767 first on 1.28+, uniformly before', async () => {
    const a = new MemoryServiceAllocator(network(['10.0.0.0/24'], 29), low);
    assert.deepEqual(await a.allocateNextPort('x'), { ok: true, value: 30086, band: 'dynamic' });
    const b = new MemoryServiceAllocator(network(['10.0.0.0/24'], 26), low);
    assert.deepEqual(await b.allocateNextPort('x'), { ok: true, value: 30000, band: 'dynamic' });
  });
  it('static requests, conflicts, range and release', async () => {
    const a = new MemoryServiceAllocator(network(['10.0.0.0/24'], 30));
    assert.deepEqual(await a.allocatePort(30080, 'x'), { ok: true, value: 30080, band: 'static' });
    assert.deepEqual(await a.allocatePort(30080, 'y'), { ok: false, reason: 'allocated' });
    assert.deepEqual(await a.allocatePort(32768, 'y'), { ok: false, reason: 'not-in-range' });
    assert.deepEqual(await a.allocatePort(29999, 'y'), { ok: false, reason: 'not-in-range' });
    await a.releasePort(30080);
    assert.deepEqual(await a.allocatePort(30080, 'y'), { ok: true, value: 30080, band: 'static' });
    assert.deepEqual(a.allocatedPorts(), [{ port: 30080, owner: 'y' }]);
  });
  it('a small range fills up and reports full', async () => {
    const a = new MemoryServiceAllocator(
      network(['10.0.0.0/24'], 35, { base: 30000, size: 20 }),
      high,
    );
    const got: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await a.allocateNextPort('x');
      assert.ok(r.ok);
      got.push(r.value);
    }
    // size 20 => 16-port static band; 30016-30019 go first.
    assert.deepEqual(got.slice(0, 4), [30019, 30016, 30017, 30018]);
    assert.deepEqual(
      [...got].sort(),
      Array.from({ length: 20 }, (_, i) => 30000 + i),
    );
    assert.deepEqual(await a.allocateNextPort('x'), { ok: false, reason: 'full' });
    assert.equal(a.freePorts(), 0n);
  });
});
