/**
 * The persistent cluster-IP allocator of one cluster family: ipallocator `Allocate` (an exact
 * address) and `AllocateNext` (the band-aware random choice of dynamic-choice.ts) over the
 * `ip_allocations` table. Stateless: the database is the allocator's bitmap.
 */
import { Injectable } from '@nestjs/common';
import {
  type Band,
  type RandomSource,
  mathRandom,
  probeIntervals,
} from '../../core/allocation/candidates';
import {
  type ServiceIPRange,
  ipBandOf,
  serviceIPRange,
} from '../../core/allocation/service-ip-range';
import { cidrForFamily } from '../../core/cluster/service-network';
import { type IP, type IPFamily, formatIP } from '../../core/net';
import type { Tx } from '../../platform/database/transactions';
import type { ClusterContext } from '../clusters/cluster-context';
import { AllocationCountersRepository } from './allocation-counters.repository';
import { chooseAndTake, choosePeek, firstPeekProbes } from './dynamic-choice';
import {
  type IpPool,
  type IpRow,
  type IpWriter,
  type ReleaseFilter,
  IpAllocationsRepository,
} from './ip-allocations.repository';

export type ExactOutcome =
  | { ok: true; row: IpRow }
  | {
      ok: false;
      reason: 'allocated' | 'not-in-range' | 'family-not-configured';
      range?: ServiceIPRange;
    };

export type NextOutcome =
  | { ok: true; rows: IpRow[] }
  | { ok: false; reason: 'full' | 'contended' | 'family-not-configured'; range?: ServiceIPRange };

export type CheckOutcome =
  | { ok: true; band: Band }
  | {
      ok: false;
      reason: 'allocated' | 'not-in-range' | 'family-not-configured';
      range?: ServiceIPRange;
    };

/** Random candidates of one family's first band, for a dry run to check in a statement it makes anyway. */
export interface PeekProbe {
  family: IPFamily;
  band: Band;
  candidates: bigint[];
}

export interface FamilyPool {
  pool: IpPool;
  range: ServiceIPRange;
}

@Injectable()
export class IpAllocator {
  /** Random source of the dynamic choice; tests may pin it. */
  rand: RandomSource = mathRandom;

  constructor(
    private readonly repo: IpAllocationsRepository,
    private readonly counters: AllocationCountersRepository,
  ) {}

  /**
   * The range of a configured family as the cluster's version sees it, or null. `guarded`
   * makes writes check that the cluster row still has the context's generation.
   */
  poolOf(cluster: ClusterContext, family: IPFamily, guarded = false): FamilyPool | null {
    const cidr = cidrForFamily(cluster.network, family);
    if (!cidr) return null;
    const range = serviceIPRange(cidr, cluster.network.version);
    return {
      range,
      pool: {
        clusterId: cluster.id,
        tenantId: cluster.tenantId,
        family,
        cidr: cidr.text,
        staticLast: range.staticLast,
        ...(guarded ? { generation: cluster.generation } : {}),
      },
    };
  }

  /** ipallocator `Allocate`: this address, anywhere in the range (either band). */
  async reserve(
    tx: Tx | undefined,
    cluster: ClusterContext,
    family: IPFamily,
    ip: IP,
    who: IpWriter,
    guarded = false,
  ): Promise<ExactOutcome> {
    const fp = this.poolOf(cluster, family, guarded);
    if (!fp) return { ok: false, reason: 'family-not-configured' };
    if (ip.family !== family || !ipBandOf(fp.range, ip.value))
      return { ok: false, reason: 'not-in-range', range: fp.range };
    const rows = await this.repo.take(
      tx,
      fp.pool,
      who,
      [{ ordinal: ip.value, address: formatIP(ip) }],
      1,
    );
    return rows[0]
      ? { ok: true, row: rows[0] }
      : { ok: false, reason: 'allocated', range: fp.range };
  }

  /** ipallocator `AllocateNext`, `n` times, all or none when the caller's transaction rolls back. */
  async reserveNext(
    tx: Tx | undefined,
    cluster: ClusterContext,
    family: IPFamily,
    n: number,
    who: IpWriter,
    guarded = false,
  ): Promise<NextOutcome> {
    const fp = this.poolOf(cluster, family, guarded);
    if (!fp) return { ok: false, reason: 'family-not-configured' };
    const { pool, range } = fp;
    const choice = await chooseAndTake(
      probeIntervals(range),
      {
        take: (candidates, k) =>
          this.repo.take(
            tx,
            pool,
            who,
            candidates.map((v) => ({ ordinal: v, address: formatIP({ family, value: v }) })),
            k,
          ),
        bandCounts: () => this.counters.bandCounts(tx, cluster.id, 'ip', family),
        firstFree: (from, to) => this.repo.firstFree(tx, pool, from, to),
      },
      n,
      this.rand,
      `${cluster.id}/${family}`,
    );
    return choice.ok
      ? { ok: true, rows: choice.rows }
      : { ok: false, reason: choice.reason, range };
  }

  /** Dry run of `reserve`: the range and conflict checks, no write. */
  async check(
    tx: Tx | undefined,
    cluster: ClusterContext,
    family: IPFamily,
    ip: IP,
  ): Promise<CheckOutcome> {
    const fp = this.poolOf(cluster, family);
    if (!fp) return { ok: false, reason: 'family-not-configured' };
    const band = ip.family === family ? ipBandOf(fp.range, ip.value) : null;
    if (!band) return { ok: false, reason: 'not-in-range', range: fp.range };
    if (await this.repo.find(tx, cluster.id, family, ip.value))
      return { ok: false, reason: 'allocated', range: fp.range };
    return { ok: true, band };
  }

  /** `firstPeekProbes` for every family the cluster has a service range of. */
  peekProbes(cluster: ClusterContext): PeekProbe[] {
    const out: PeekProbe[] = [];
    for (const family of ['IPv4', 'IPv6'] as const) {
      const fp = this.poolOf(cluster, family);
      if (!fp) continue;
      const p = firstPeekProbes(probeIntervals(fp.range), this.rand, `${cluster.id}/${family}`);
      if (p) out.push({ family, ...p });
    }
    return out;
  }

  /** Dry run of `reserveNext(1)`: the address a real request would take now, or null when full. */
  async peekNext(
    tx: Tx | undefined,
    cluster: ClusterContext,
    family: IPFamily,
  ): Promise<{ ip: IP; band: Band } | null | 'family-not-configured'> {
    const fp = this.poolOf(cluster, family);
    if (!fp) return 'family-not-configured';
    const hit = await choosePeek(
      probeIntervals(fp.range),
      (candidates) => this.repo.peek(tx, fp.pool, candidates),
      {
        bandCounts: () => this.counters.bandCounts(tx, cluster.id, 'ip', family),
        firstFree: (from, to) => this.repo.firstFree(tx, fp.pool, from, to),
      },
      this.rand,
    );
    return hit ? { ip: { family, value: hit.value }, band: hit.band } : null;
  }

  release(
    tx: Tx | undefined,
    cluster: ClusterContext,
    ip: IP,
    actor: string,
    filter: ReleaseFilter,
  ): Promise<IpRow | null> {
    return this.repo.release(
      tx,
      { clusterId: cluster.id, tenantId: cluster.tenantId },
      ip.family,
      ip.value,
      actor,
      filter,
    );
  }
}
