/**
 * The persistent NodePort allocator of a cluster: portallocator `Allocate` and `AllocateNext`
 * (KEP-3668 bands, upper band first) over `node_port_allocations`.
 */
import { Injectable } from '@nestjs/common';
import {
  type Band,
  type RandomSource,
  mathRandom,
  portProbeIntervals,
} from '../../core/allocation/candidates';
import {
  type NodePortBands,
  nodePortBandOf,
  nodePortBands,
} from '../../core/allocation/node-port-range';
import type { Tx } from '../../platform/database/transactions';
import type { ClusterContext } from '../clusters/cluster-context';
import { AllocationCountersRepository } from './allocation-counters.repository';
import { chooseAndTake, choosePeek } from './dynamic-choice';
import type { ReleaseFilter } from './ip-allocations.repository';
import {
  type PortPool,
  type PortRow,
  type PortWriter,
  NodePortsRepository,
} from './node-ports.repository';

export type PortOutcome =
  | { ok: true; row: PortRow }
  | { ok: false; reason: 'allocated' | 'not-in-range' | 'full' | 'contended' };

@Injectable()
export class PortAllocator {
  rand: RandomSource = mathRandom;

  constructor(
    private readonly repo: NodePortsRepository,
    private readonly counters: AllocationCountersRepository,
  ) {}

  bandsOf(cluster: ClusterContext): NodePortBands {
    return nodePortBands(cluster.network.nodePortRange, cluster.network.version);
  }

  private poolOf(cluster: ClusterContext): PortPool {
    return {
      clusterId: cluster.id,
      tenantId: cluster.tenantId,
      staticLast: this.bandsOf(cluster).staticLast,
    };
  }

  async reserve(
    tx: Tx | undefined,
    cluster: ClusterContext,
    port: number,
    who: PortWriter,
  ): Promise<PortOutcome> {
    if (!nodePortBandOf(this.bandsOf(cluster), port)) return { ok: false, reason: 'not-in-range' };
    const rows = await this.repo.take(tx, this.poolOf(cluster), who, [BigInt(port)], 1);
    return rows[0] ? { ok: true, row: rows[0] } : { ok: false, reason: 'allocated' };
  }

  async reserveNext(
    tx: Tx | undefined,
    cluster: ClusterContext,
    who: PortWriter,
  ): Promise<PortOutcome> {
    const pool = this.poolOf(cluster);
    const choice = await chooseAndTake(
      portProbeIntervals(this.bandsOf(cluster)),
      {
        take: (candidates, n) => this.repo.take(tx, pool, who, candidates, n),
        bandCounts: () => this.counters.bandCounts(tx, cluster.id, 'nodeport', 'nodeport'),
        firstFree: (from, to) => this.repo.firstFree(tx, cluster.id, from, to),
      },
      1,
      this.rand,
      `${cluster.id}/nodeport`,
    );
    if (!choice.ok) return { ok: false, reason: choice.reason };
    return { ok: true, row: choice.rows[0]! };
  }

  async check(
    tx: Tx | undefined,
    cluster: ClusterContext,
    port: number,
  ): Promise<{ ok: true; band: Band } | { ok: false; reason: 'allocated' | 'not-in-range' }> {
    const band = nodePortBandOf(this.bandsOf(cluster), port);
    if (!band) return { ok: false, reason: 'not-in-range' };
    if (await this.repo.isTaken(tx, cluster.id, port)) return { ok: false, reason: 'allocated' };
    return { ok: true, band };
  }

  async peekNext(
    tx: Tx | undefined,
    cluster: ClusterContext,
  ): Promise<{ port: number; band: Band } | null> {
    const hit = await choosePeek(
      portProbeIntervals(this.bandsOf(cluster)),
      (candidates) => this.repo.peek(tx, cluster.id, candidates),
      {
        bandCounts: () => this.counters.bandCounts(tx, cluster.id, 'nodeport', 'nodeport'),
        firstFree: (from, to) => this.repo.firstFree(tx, cluster.id, from, to),
      },
      this.rand,
    );
    return hit ? { port: Number(hit.value), band: hit.band } : null;
  }

  release(
    tx: Tx | undefined,
    cluster: ClusterContext,
    port: number,
    actor: string,
    filter: ReleaseFilter,
  ): Promise<PortRow | null> {
    return this.repo.release(
      tx,
      { clusterId: cluster.id, tenantId: cluster.tenantId },
      port,
      actor,
      filter,
    );
  }
}
