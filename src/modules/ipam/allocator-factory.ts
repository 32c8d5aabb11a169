/**
 * The persistent `ServiceAllocator` (core/allocation/allocator-port.ts) the Service pipeline
 * allocates through, inside the caller's transaction so that a failed request rolls back
 * everything it reserved (alloc.go's `txn.Revert`). Allocations carry the Service's owner
 * (`service:<ns>/<name>`) and uid.
 *
 * Dry runs (reference §9.1, `?dryRun=All`): an exact address or port is range- and
 * conflict-checked by a read; the next address or port is the one a real request would take
 * now, chosen without inserting; releases do nothing.
 */
import { Injectable } from '@nestjs/common';
import type { AllocateResult, ServiceAllocator } from '../../core/allocation/allocator-port';
import type { Band } from '../../core/allocation/candidates';
import type { IP, IPFamily } from '../../core/net';
import type { Tx } from '../../platform/database/transactions';
import type { ClusterContext } from '../clusters/cluster-context';
import { IpAllocationsRepository, type ReleaseFilter } from './ip-allocations.repository';
import { IpAllocator } from './ip-allocator';
import { NodePortsRepository } from './node-ports.repository';
import { PortAllocator } from './port-allocator';

/** Per family, an address a dry run's own read already saw free in the first band. */
export type PeekedAddresses = Map<IPFamily, { value: bigint; band: Band }>;

export interface ServiceAllocatorOptions {
  dryRun: boolean;
  /** API key id recorded on audit events. */
  actor: string;
  /** Default owner when a call passes none, e.g. `service:default/nginx`. */
  owner: string;
  serviceUid?: string;
  /**
   * Dry runs only: per family, an address of the first band already seen free in this
   * request's own read (see IpAllocator.peekProbes); the next address of that family is it.
   */
  peeked?: PeekedAddresses;
}

/** What the contended case (a value lost to concurrent writers many times) reports: full. */
const fullOr = (reason: string): 'full' | 'allocated' | 'not-in-range' | 'family-not-configured' =>
  reason === 'contended'
    ? 'full'
    : (reason as 'full' | 'allocated' | 'not-in-range' | 'family-not-configured');

class PersistentServiceAllocator implements ServiceAllocator {
  private readonly tx: Tx | undefined;
  private readonly filter: ReleaseFilter;

  constructor(
    tx: Tx | null,
    private readonly cluster: ClusterContext,
    private readonly opts: ServiceAllocatorOptions,
    private readonly ips: IpAllocator,
    private readonly ports: PortAllocator,
  ) {
    this.tx = tx ?? undefined;
    this.filter = opts.serviceUid ? { kind: 'service', uid: opts.serviceUid } : { kind: 'any' };
  }

  private writer(owner: string) {
    return {
      owner: owner || this.opts.owner,
      description: '',
      serviceUid: this.opts.serviceUid ?? null,
      actor: this.opts.actor,
    };
  }

  async allocateIP(family: IPFamily, ip: IP, owner: string): Promise<AllocateResult<IP>> {
    if (this.opts.dryRun) {
      const c = await this.ips.check(this.tx, this.cluster, family, ip);
      return c.ok ? { ok: true, value: ip, band: c.band } : { ok: false, reason: c.reason };
    }
    const r = await this.ips.reserve(this.tx, this.cluster, family, ip, this.writer(owner));
    return r.ok
      ? { ok: true, value: { family, value: r.row.ordinal }, band: r.row.band }
      : { ok: false, reason: r.reason };
  }

  async allocateNextIP(family: IPFamily, owner: string): Promise<AllocateResult<IP>> {
    if (this.opts.dryRun) {
      const seen = this.opts.peeked?.get(family);
      if (seen) {
        this.opts.peeked?.delete(family);
        return { ok: true, value: { family, value: seen.value }, band: seen.band };
      }
      const p = await this.ips.peekNext(this.tx, this.cluster, family);
      if (p === 'family-not-configured') return { ok: false, reason: p };
      return p ? { ok: true, value: p.ip, band: p.band } : { ok: false, reason: 'full' };
    }
    const r = await this.ips.reserveNext(this.tx, this.cluster, family, 1, this.writer(owner));
    if (!r.ok) return { ok: false, reason: fullOr(r.reason) };
    const row = r.rows[0]!;
    return { ok: true, value: { family, value: row.ordinal }, band: row.band };
  }

  async releaseIP(family: IPFamily, ip: IP): Promise<void> {
    if (this.opts.dryRun || ip.family !== family) return;
    await this.ips.release(this.tx, this.cluster, ip, this.opts.actor, this.filter);
  }

  async allocatePort(port: number, owner: string): Promise<AllocateResult<number>> {
    if (this.opts.dryRun) {
      const c = await this.ports.check(this.tx, this.cluster, port);
      return c.ok ? { ok: true, value: port, band: c.band } : { ok: false, reason: c.reason };
    }
    const r = await this.ports.reserve(this.tx, this.cluster, port, this.writer(owner));
    return r.ok
      ? { ok: true, value: r.row.port, band: r.row.band }
      : { ok: false, reason: fullOr(r.reason) };
  }

  async allocateNextPort(owner: string): Promise<AllocateResult<number>> {
    if (this.opts.dryRun) {
      const p = await this.ports.peekNext(this.tx, this.cluster);
      return p ? { ok: true, value: p.port, band: p.band } : { ok: false, reason: 'full' };
    }
    const r = await this.ports.reserveNext(this.tx, this.cluster, this.writer(owner));
    return r.ok
      ? { ok: true, value: r.row.port, band: r.row.band }
      : { ok: false, reason: fullOr(r.reason) };
  }

  async releasePort(port: number): Promise<void> {
    if (this.opts.dryRun || !Number.isInteger(port)) return;
    await this.ports.release(this.tx, this.cluster, port, this.opts.actor, this.filter);
  }
}

@Injectable()
export class AllocatorFactory {
  constructor(
    private readonly ips: IpAllocator,
    private readonly ports: PortAllocator,
    private readonly ipRepo: IpAllocationsRepository,
    private readonly portRepo: NodePortsRepository,
  ) {}

  /** The allocator a Service create, update or delete uses, bound to the caller's transaction. */
  forService(
    tx: Tx | null,
    cluster: ClusterContext,
    opts: ServiceAllocatorOptions,
  ): ServiceAllocator {
    return new PersistentServiceAllocator(tx, cluster, opts, this.ips, this.ports);
  }

  /**
   * Releases every address and node port a Service holds (Service delete), with counters and
   * audit events, in two statements. Returns how many of each were released.
   */
  async releaseService(
    tx: Tx | null,
    cluster: ClusterContext,
    serviceUid: string,
    actor: string,
  ): Promise<{ ips: number; ports: number }> {
    const t = tx ?? undefined;
    const ips = await this.ipRepo.releaseService(
      t,
      cluster.id,
      cluster.tenantId,
      serviceUid,
      actor,
    );
    const ports = await this.portRepo.releaseService(
      t,
      cluster.id,
      cluster.tenantId,
      serviceUid,
      actor,
    );
    return { ips: ips.length, ports: ports.length };
  }
}
