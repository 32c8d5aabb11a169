/**
 * Capacity use cases for REST, GraphQL and metrics alike: one cluster's report, many clusters'
 * reports in one read (the GraphQL batch and the tenant summary), what-if and forecasts. The
 * maths is core/capacity; this class reads, maps counters to usage, and shapes the answer.
 */
import { Injectable } from '@nestjs/common';
import {
  capacityReport,
  rangeMaths,
  tenantSummary,
  whatIf,
  type BandCounts,
  type CapacityInput,
  type CapacityUsage,
  type ClusterCapacity,
  type RangeMaths,
  type TenantCapacitySummary,
  type WhatIfResult,
} from '../../core/capacity';
import type { ClusterDefinition } from '../../core/cluster/cluster-definition';
import type { IPFamily } from '../../core/net';
import { ClusterDefinitions } from '../clusters/cluster-definitions';
import { badRequest, notFound } from '../../platform/errors/app-error';
import {
  CapacityRepository,
  type ClusterUsageRecord,
  type CounterSum,
  type HistoryAggregate,
} from './capacity.repository';
import { rangeForecasts, type RangeForecast } from './range-forecasts';
import { parseCapacityChange } from './what-if-input';

/** A cluster's report with who owns it (metrics label their series with both names). */
export interface OwnedCapacity {
  readonly clusterId: string;
  readonly tenant: string;
  readonly report: ClusterCapacity;
}

export const DEFAULT_WINDOW_DAYS = 30;
/**
 * How long a cluster's history totals are reused. Counting a window means reading every
 * allocation event in it (half a million for a busy tenant), and a rate over days barely
 * moves in seconds; current usage (`free`) is never cached.
 */
const HISTORY_TTL_MS = 30_000;
const HISTORY_CACHE_MAX = 10_000;
const MAX_WINDOW_DAYS = 3650;

const FAMILIES: readonly IPFamily[] = ['IPv4', 'IPv6'];

/** Counter rows to usage; a negative sum (a release racing a reader) reads as zero. */
export function usageOf(counters: readonly CounterSum[]): CapacityUsage {
  const serviceIPs: Partial<Record<IPFamily, BandCounts>> = {};
  const nodePorts = { static: 0n, dynamic: 0n };
  const nodes: Partial<Record<IPFamily, bigint>> = {};
  for (const c of counters) {
    const n = c.count > 0n ? c.count : 0n;
    const [head, band] = c.scope.split('/');
    if (
      c.kind === 'ip' &&
      FAMILIES.includes(head as IPFamily) &&
      (band === 'static' || band === 'dynamic')
    ) {
      const f = head as IPFamily;
      const cur = serviceIPs[f] ?? { static: 0n, dynamic: 0n };
      serviceIPs[f] = { ...cur, [band]: cur[band] + n };
    } else if (c.kind === 'nodeport' && (band === 'static' || band === 'dynamic')) {
      nodePorts[band] += n;
    } else if (c.kind === 'nodecidr' && FAMILIES.includes(c.scope as IPFamily)) {
      const f = c.scope as IPFamily;
      nodes[f] = (nodes[f] ?? 0n) + n;
    }
  }
  return { serviceIPs, nodePorts, nodes };
}

export function parseWindowDays(raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') return DEFAULT_WINDOW_DAYS;
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && /^[0-9]{1,5}$/.test(raw)
        ? Number(raw)
        : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_WINDOW_DAYS) {
    throw badRequest(`windowDays must be an integer from 1 to ${MAX_WINDOW_DAYS}`, 'windowDays');
  }
  return n;
}

@Injectable()
export class CapacityService {
  /** Parsed definitions by cluster id and generation: parsing is the costly part of a report. */
  /** History totals by tenant, window and cluster name, with when they were counted. */
  private readonly history = new Map<string, { at: number; rows: HistoryAggregate[] }>();

  constructor(
    private readonly repo: CapacityRepository,
    private readonly definitions: ClusterDefinitions,
  ) {}

  /** One cluster's report; 404 when the tenant has no such cluster. */
  async cluster(tenantId: string, name: string): Promise<ClusterCapacity> {
    const [record] = name.length <= 253 ? await this.repo.clusters({ tenantId, name }) : [];
    if (!record) throw notFound('clusters', name.slice(0, 100));
    return capacityReport(...this.inputOf(record));
  }

  /** Reports of the tenant's clusters by id, in one read (GraphQL batches). */
  async byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, ClusterCapacity>> {
    const records = await this.repo.clusters({ tenantId, ids });
    return new Map(records.map((r) => [r.id, capacityReport(...this.inputOf(r))]));
  }

  /** Every cluster of the tenant ranked by its tightest range, with the full reports. */
  async summary(
    tenantId: string,
  ): Promise<TenantCapacitySummary & { reports: Map<string, ClusterCapacity> }> {
    const reports = (await this.repo.clusters({ tenantId })).map((r) =>
      capacityReport(...this.inputOf(r)),
    );
    return { ...tenantSummary(reports), reports: new Map(reports.map((r) => [r.cluster, r])) };
  }

  /** Every cluster of every tenant (the metrics scrape), in one read. */
  async everything(): Promise<OwnedCapacity[]> {
    return (await this.repo.clusters('all')).map((r) => ({
      clusterId: r.id,
      tenant: r.tenantName,
      report: capacityReport(...this.inputOf(r)),
    }));
  }

  async whatIf(tenantId: string, name: string, body: unknown): Promise<WhatIfResult> {
    const change = parseCapacityChange(body, name.slice(0, 100));
    const [record] = name.length <= 253 ? await this.repo.clusters({ tenantId, name }) : [];
    if (!record) throw notFound('clusters', name.slice(0, 100));
    const [input, maths] = this.inputOf(record);
    return whatIf(input, change, maths);
  }

  /** Forecasts for reports of the tenant's clusters, with one history read for all of them. */
  async forecasts(
    tenantId: string,
    reports: readonly ClusterCapacity[],
    windowDays: number,
    now = new Date(),
  ): Promise<RangeForecast[][]> {
    const history = await this.historyOf(
      tenantId,
      reports.map((r) => r.cluster),
      windowDays,
      now,
    );
    return reports.map((r) => rangeForecasts(r, history.get(r.cluster) ?? [], now, windowDays));
  }

  private async historyOf(
    tenantId: string,
    clusters: readonly string[],
    windowDays: number,
    now: Date,
  ): Promise<Map<string, HistoryAggregate[]>> {
    const key = (name: string) => `${tenantId}\n${windowDays}\n${name}`;
    const out = new Map<string, HistoryAggregate[]>();
    const missing: string[] = [];
    for (const name of new Set(clusters)) {
      const hit = this.history.get(key(name));
      if (hit && now.getTime() - hit.at < HISTORY_TTL_MS) out.set(name, hit.rows);
      else missing.push(name);
    }
    if (missing.length === 0) return out;
    const since = new Date(now.getTime() - windowDays * 86_400_000);
    for (const name of missing) out.set(name, []);
    for (const h of await this.repo.history(tenantId, missing, since, now))
      out.get(h.cluster)?.push(h);
    if (this.history.size + missing.length > HISTORY_CACHE_MAX) this.history.clear();
    for (const name of missing)
      this.history.set(key(name), { at: now.getTime(), rows: out.get(name)! });
    return out;
  }

  private inputOf(record: ClusterUsageRecord): [CapacityInput, RangeMaths] {
    const def = this.definitionOf(record);
    return [{ cluster: def, usage: usageOf(record.counters) }, rangeMaths(def.version)];
  }

  private definitionOf(record: ClusterUsageRecord): ClusterDefinition {
    return this.definitions.of(record.id, record.generation, record.definition);
  }
}
