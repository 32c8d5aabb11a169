/**
 * IPAM use cases over service addresses (API.md "IPAM"): reserve a given address or the next
 * one of a family, reserve several at once (all or none), list, release. Each call resolves
 * the tenant's cluster, then makes its change in as few statements as possible: a single
 * reservation is one statement (row, counter and audit event together).
 */
import { Injectable } from '@nestjs/common';
import { primaryFamily } from '../../core/cluster/service-network';
import { formatIP, type IP, type IPFamily } from '../../core/net';
import type { TenantPrincipal } from '../../platform/auth/principal';
import type { Tx } from '../../platform/database/transactions';
import { AppError, notFound } from '../../platform/errors/app-error';
import { throwInvalid } from '../../platform/http/body-shape';
import { decodeContinue, pageOf, parseLimit, type Page } from '../../platform/http/pagination';
import type { ClusterContext } from '../clusters/cluster-context';
import { ClustersService } from '../clusters/clusters.service';
import { AllocationCountersRepository } from './allocation-counters.repository';
import { type Answer, Idempotency } from './idempotency';
import {
  type IpRow,
  IpAllocationsRepository,
  StaleClusterError,
} from './ip-allocations.repository';
import { IpAllocator } from './ip-allocator';
import {
  alreadyAllocated,
  contended,
  familyMismatch,
  familyNotConfigured,
  notInRange,
  rangeFull,
} from './ipam-errors';
import {
  type ReserveInput,
  parseBulk,
  parseListFilter,
  parseReserve,
  readAddress,
} from './ipam-input';
import { ClusterCache } from './cluster-cache';

export interface IpAllocationView {
  address: string;
  family: IPFamily;
  cidr: string;
  owner: string;
  description: string;
  band: 'static' | 'dynamic';
  createdAt: string;
}

export const ipView = (r: IpRow): IpAllocationView => ({
  address: r.address,
  family: r.family,
  cidr: r.cidr,
  owner: r.owner,
  description: r.description,
  band: r.band,
  createdAt: r.createdAt.toISOString(),
});

const isContinueKey = (v: unknown): v is [string, string] =>
  Array.isArray(v) &&
  v.length === 2 &&
  (v[0] === 'IPv4' || v[0] === 'IPv6') &&
  typeof v[1] === 'string' &&
  /^[0-9]{1,39}$/.test(v[1]);

@Injectable()
export class IpAllocationsService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly cache: ClusterCache,
    private readonly allocator: IpAllocator,
    private readonly repo: IpAllocationsRepository,
    private readonly counters: AllocationCountersRepository,
    private readonly idempotency: Idempotency,
  ) {}

  /**
   * One address, given or next. Without an Idempotency-Key this is the hot path: the cluster
   * comes from ClusterCache and the reservation is one guarded statement; a stale cache
   * entry (or a refusal that a fresher definition might not give) is re-read once.
   */
  async reserve(
    p: TenantPrincipal,
    clusterName: string,
    body: unknown,
    key?: string,
  ): Promise<Answer<IpAllocationView>> {
    const input = parseReserve(body);
    if (key !== undefined) {
      const cluster = await this.clusters.lookup(p.tenantId, clusterName);
      const request = [
        'reserve',
        input.family ?? null,
        input.addressText ?? null,
        input.owner,
        input.description,
      ];
      return this.idempotency.run(p.tenantId, scopeOf(cluster), key, request, false, (tx) =>
        this.reserveIn(tx ?? undefined, cluster, input, p, false),
      );
    }
    const cached = await this.cache.get(p.tenantId, clusterName);
    try {
      return await this.reserveIn(undefined, cached, input, p, true);
    } catch (e) {
      const stale = e instanceof StaleClusterError;
      if (!stale && !(e instanceof AppError && e.status.code === 422)) throw e;
      const fresh = await this.cache.get(p.tenantId, clusterName, true);
      if (!stale && fresh.id === cached.id && fresh.generation === cached.generation) throw e;
      return this.reserveIn(undefined, fresh, input, p, true);
    }
  }

  private async reserveIn(
    tx: Tx | undefined,
    cluster: ClusterContext,
    input: ReserveInput,
    p: TenantPrincipal,
    guarded: boolean,
  ): Promise<Answer<IpAllocationView>> {
    const family = this.familyOf(cluster, input.family, input.address, input.addressText);
    const who = {
      owner: input.owner,
      description: input.description,
      serviceUid: null,
      actor: p.keyId,
    };
    if (input.address) {
      const r = await this.allocator.reserve(tx, cluster, family, input.address, who, guarded);
      if (r.ok) return { status: 201, body: ipView(r.row) };
      const shown = formatIP(input.address);
      if (r.reason === 'allocated') throw alreadyAllocated(shown);
      if (r.reason === 'not-in-range' && r.range) throw notInRange(shown, r.range);
      throw familyNotConfigured(family, 'address', shown);
    }
    const r = await this.allocator.reserveNext(tx, cluster, family, 1, who, guarded);
    if (r.ok) return { status: 201, body: ipView(r.rows[0]!) };
    throw this.nextFailure(r.reason, family, r.range);
  }

  async reserveBulk(
    p: TenantPrincipal,
    clusterName: string,
    body: unknown,
    key?: string,
  ): Promise<Answer<{ items: IpAllocationView[] }>> {
    const input = parseBulk(body);
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    const family = this.familyOf(cluster, input.family);
    const fp = this.allocator.poolOf(cluster, family)!;
    const who = {
      owner: input.owner,
      description: input.description,
      serviceUid: null,
      actor: p.keyId,
    };
    return this.idempotency.run(
      p.tenantId,
      scopeOf(cluster),
      key,
      ['bulk', input.family ?? null, input.count, input.owner, input.description],
      true,
      async (tx) => {
        const t = tx ?? undefined;
        const used = await this.counters.bandCounts(t, cluster.id, 'ip', family);
        if (fp.range.usable - used.static - used.dynamic < BigInt(input.count))
          throw rangeFull(fp.range, input.count);
        const r = await this.allocator.reserveNext(t, cluster, family, input.count, who);
        if (!r.ok) throw this.nextFailure(r.reason, family, r.range, input.count);
        return { status: 201, body: { items: r.rows.map(ipView) } };
      },
    );
  }

  async list(
    p: TenantPrincipal,
    clusterName: string,
    query: Record<string, unknown>,
  ): Promise<Page<IpAllocationView>> {
    const filter = parseListFilter(query);
    const limit = parseLimit(query.limit);
    const after = decodeContinue(query.continue, isContinueKey);
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    const rows = await this.repo.list(
      cluster.id,
      cluster.tenantId,
      filter,
      limit,
      after && { family: after[0], ordinal: BigInt(after[1]) },
    );
    return pageOf(rows, limit, ipView, (r) => [r.family, r.ordinal.toString()]);
  }

  /** Releases an IPAM reservation; addresses a Service holds are released by that Service. */
  async release(
    p: TenantPrincipal,
    clusterName: string,
    address: string,
    key?: string,
  ): Promise<Answer<IpAllocationView>> {
    const errors: Parameters<typeof readAddress>[1] = [];
    const ip = readAddress(address, errors);
    if (!ip) throwInvalid('IPAllocation', address.slice(0, 64), errors);
    const cluster = await this.clusters.lookup(p.tenantId, clusterName);
    return this.idempotency.run(
      p.tenantId,
      scopeOf(cluster),
      key,
      ['release', formatIP(ip)],
      false,
      async (tx) => {
        const t = tx ?? undefined;
        const row = await this.allocator.release(t, cluster, ip, p.keyId, { kind: 'unowned' });
        if (row) return { status: 200, body: ipView(row) };
        const held = await this.repo.find(t, cluster.id, ip.family, ip.value);
        if (!held) throw notFound('ipallocations', formatIP(ip));
        throw AppError.of(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ipallocations "${held.address}": the address is held by ${held.owner}; delete or update that Service to release it`,
          {
            name: held.address,
            kind: 'ipallocations',
          },
        );
      },
    );
  }

  /** The family asked for, else the address's, else the cluster's primary; 422 if not configured. */
  private familyOf(
    cluster: ClusterContext,
    asked: IPFamily | undefined,
    address?: IP,
    text?: string,
  ): IPFamily {
    if (asked && address && address.family !== asked)
      throw familyMismatch(text ?? formatIP(address), asked);
    const family = asked ?? address?.family ?? primaryFamily(cluster.network);
    if (!this.allocator.poolOf(cluster, family)) {
      throw asked
        ? familyNotConfigured(family, 'family', family)
        : familyNotConfigured(family, 'address', text ?? '');
    }
    return family;
  }

  private nextFailure(
    reason: string,
    family: IPFamily,
    range: Parameters<typeof rangeFull>[0] | undefined,
    n = 1,
  ): AppError {
    if (!range) return familyNotConfigured(family, 'family', family);
    return reason === 'contended' ? contended(range) : rangeFull(range, n);
  }
}

/** Idempotency keys are scoped to the cluster: the same key may be reused on another one. */
const scopeOf = (c: ClusterContext): string => `ipam:${c.id}`;
