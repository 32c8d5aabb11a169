/**
 * An in-memory `ServiceAllocator` with the exact semantics of the bitmap allocators
 * (ipallocator `Range.Allocate`/`AllocateNext`, portallocator `PortAllocator`), used by the
 * Service pipeline's tests and by dry runs over a snapshot. The random source is injectable so
 * that tests can pin the dynamic choice.
 */
import { type IP, type IPFamily } from '../net';
import { cidrForFamily, type ServiceNetwork } from '../cluster/service-network';
import type { AllocateResult, ServiceAllocator } from './allocator-port';
import {
  type ProbeInterval,
  type RandomSource,
  intervalSize,
  mathRandom,
  portProbeIntervals,
  probeIntervals,
  probeSequence,
} from './candidates';
import { type NodePortBands, nodePortBandOf, nodePortBands } from './node-port-range';
import { type ServiceIPRange, ipBandOf, serviceIPRange } from './service-ip-range';

interface Pool {
  readonly intervals: readonly ProbeInterval[];
  readonly capacity: bigint;
  /** value -> owner */
  readonly used: Map<bigint, string>;
}

function pool(intervals: ProbeInterval[]): Pool {
  return {
    intervals,
    capacity: intervals.reduce((n, i) => n + intervalSize(i), 0n),
    used: new Map(),
  };
}

/** `randomScanStrategyWithOffset.AllocateBit`: full when the count reaches the capacity. */
function next(p: Pool, rand: RandomSource): { value: bigint; band: 'static' | 'dynamic' } | null {
  if (BigInt(p.used.size) >= p.capacity) return null;
  for (const c of probeSequence(p.intervals, rand)) if (!p.used.has(c.value)) return c;
  return null;
}

export class MemoryServiceAllocator implements ServiceAllocator {
  private readonly ranges = new Map<IPFamily, ServiceIPRange>();
  private readonly ipPools = new Map<IPFamily, Pool>();
  private readonly ports: NodePortBands;
  private readonly portPool: Pool;

  constructor(
    network: ServiceNetwork,
    private readonly rand: RandomSource = mathRandom,
  ) {
    for (const family of ['IPv4', 'IPv6'] as const) {
      const cidr = cidrForFamily(network, family);
      if (!cidr) continue;
      const r = serviceIPRange(cidr, network.version);
      this.ranges.set(family, r);
      this.ipPools.set(family, pool(probeIntervals(r)));
    }
    this.ports = nodePortBands(network.nodePortRange, network.version);
    this.portPool = pool(portProbeIntervals(this.ports));
  }

  allocateIP(family: IPFamily, ip: IP, owner: string): Promise<AllocateResult<IP>> {
    const r = this.ranges.get(family);
    const p = this.ipPools.get(family);
    if (!r || !p) return Promise.resolve({ ok: false, reason: 'family-not-configured' });
    const band = ip.family === family ? ipBandOf(r, ip.value) : null;
    if (!band) return Promise.resolve({ ok: false, reason: 'not-in-range' });
    if (p.used.has(ip.value)) return Promise.resolve({ ok: false, reason: 'allocated' });
    p.used.set(ip.value, owner);
    return Promise.resolve({ ok: true, value: { family, value: ip.value }, band });
  }

  allocateNextIP(family: IPFamily, owner: string): Promise<AllocateResult<IP>> {
    const p = this.ipPools.get(family);
    if (!p) return Promise.resolve({ ok: false, reason: 'family-not-configured' });
    const c = next(p, this.rand);
    if (!c) return Promise.resolve({ ok: false, reason: 'full' });
    p.used.set(c.value, owner);
    return Promise.resolve({ ok: true, value: { family, value: c.value }, band: c.band });
  }

  /** Releasing an unallocated or out-of-range address is a no-op, as upstream. */
  releaseIP(family: IPFamily, ip: IP): Promise<void> {
    if (ip.family === family) this.ipPools.get(family)?.used.delete(ip.value);
    return Promise.resolve();
  }

  allocatePort(port: number, owner: string): Promise<AllocateResult<number>> {
    const band = nodePortBandOf(this.ports, port);
    if (!band) return Promise.resolve({ ok: false, reason: 'not-in-range' });
    const key = BigInt(port);
    if (this.portPool.used.has(key)) return Promise.resolve({ ok: false, reason: 'allocated' });
    this.portPool.used.set(key, owner);
    return Promise.resolve({ ok: true, value: port, band });
  }

  allocateNextPort(owner: string): Promise<AllocateResult<number>> {
    const c = next(this.portPool, this.rand);
    if (!c) return Promise.resolve({ ok: false, reason: 'full' });
    this.portPool.used.set(c.value, owner);
    return Promise.resolve({ ok: true, value: Number(c.value), band: c.band });
  }

  releasePort(port: number): Promise<void> {
    if (Number.isInteger(port)) this.portPool.used.delete(BigInt(port));
    return Promise.resolve();
  }

  /** The range of a configured family (for error messages such as `notInRangeMessage`). */
  rangeOf(family: IPFamily): ServiceIPRange | undefined {
    return this.ranges.get(family);
  }

  get nodePorts(): NodePortBands {
    return this.ports;
  }

  /** Allocated addresses of a family with their owners, in ascending order. */
  allocatedIPs(family: IPFamily): Array<{ ip: IP; owner: string }> {
    const used = this.ipPools.get(family)?.used ?? new Map<bigint, string>();
    return [...used.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([value, owner]) => ({ ip: { family, value }, owner }));
  }

  /** Allocated node ports with their owners, in ascending order. */
  allocatedPorts(): Array<{ port: number; owner: string }> {
    return [...this.portPool.used.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([port, owner]) => ({ port: Number(port), owner }));
  }

  /** Free addresses left in a family (`Range.Free`). */
  freeIPs(family: IPFamily): bigint {
    const p = this.ipPools.get(family);
    return p ? p.capacity - BigInt(p.used.size) : 0n;
  }

  freePorts(): bigint {
    return this.portPool.capacity - BigInt(this.portPool.used.size);
  }
}
