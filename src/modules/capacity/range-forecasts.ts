/**
 * Exhaustion forecasts for every range of a capacity report, from the allocation history
 * counted in the database. core/capacity `forecast` takes events; the database hands over
 * totals per window (a range may have a million events), so this adapter replays the totals
 * as at most two events at the end of the window — the net change and the event count are
 * what the forecast reads — and reports the true number of observations.
 */
import {
  forecast,
  type ClusterCapacity,
  type Forecast,
  type RangeKind,
  type UsageEvent,
} from '../../core/capacity';
import type { IPFamily } from '../../core/net';
import type { HistoryAggregate } from './capacity.repository';

export interface RangeForecast extends Forecast {
  /** The range, named as in the report's `ranges` ("serviceCIDR 10.1.0.0/16"). */
  readonly range: string;
  readonly kind: RangeKind;
  readonly family: IPFamily | null;
  readonly free: bigint;
}

interface Totals {
  observations: number;
  added: bigint;
  removed: bigint;
}

const NONE: Totals = { observations: 0, added: 0n, removed: 0n };

function totals(history: readonly HistoryAggregate[], resource: string, family?: IPFamily): Totals {
  const t = { ...NONE };
  for (const h of history) {
    if (h.resource !== resource || (family !== undefined && h.family !== family)) continue;
    t.observations += h.observations;
    t.added += h.added;
    t.removed += h.removed;
  }
  return t;
}

function replay(t: Totals, at: Date): UsageEvent[] {
  if (t.observations >= 2) {
    return [
      { at, kind: 'allocate', count: t.added },
      { at, kind: 'release', count: t.removed },
    ];
  }
  if (t.added > 0n) return [{ at, kind: 'allocate', count: t.added }];
  if (t.removed > 0n) return [{ at, kind: 'release', count: t.removed }];
  return [];
}

function one(
  range: Pick<RangeForecast, 'range' | 'kind' | 'family' | 'free'>,
  t: Totals,
  now: Date,
  windowDays: number,
): RangeForecast {
  const f = forecast({ events: replay(t, now) }, range.free, now, windowDays);
  return { ...range, ...f, observations: t.observations };
}

/** One forecast per Service CIDR, the node-port range and each pod CIDR (node count). */
export function rangeForecasts(
  report: ClusterCapacity,
  history: readonly HistoryAggregate[],
  now: Date,
  windowDays: number,
): RangeForecast[] {
  const nodes = totals(history, 'node');
  return [
    ...report.serviceCIDRs.map((s) =>
      one(
        { range: `serviceCIDR ${s.cidr}`, kind: 'serviceCIDR', family: s.family, free: s.free },
        totals(history, 'ip', s.family),
        now,
        windowDays,
      ),
    ),
    one(
      {
        range: `nodePorts ${report.nodePorts.range}`,
        kind: 'nodePorts',
        family: null,
        free: report.nodePorts.free,
      },
      totals(history, 'nodeport'),
      now,
      windowDays,
    ),
    ...report.podCIDRs.map((p) =>
      one(
        { range: `podCIDR ${p.cidr}`, kind: 'podCIDR', family: p.family, free: p.freeNodes },
        nodes,
        now,
        windowDays,
      ),
    ),
  ];
}
