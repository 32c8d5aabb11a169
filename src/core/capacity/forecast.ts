/**
 * Exhaustion forecast for one range: the net allocation rate over a trailing window, and the
 * moment the free room runs out at that rate. A linear forecast on purpose: it is explainable,
 * and a range's history is usually too short to fit anything better.
 */

export interface UsageEvent {
  readonly at: Date;
  readonly kind: 'allocate' | 'release';
  /** Items allocated or released by the event; default 1. */
  readonly count?: bigint;
}

/** The allocated count observed at a moment. */
export interface UsageSample {
  readonly at: Date;
  readonly allocated: bigint;
}

export type UsageHistory =
  { readonly events: readonly UsageEvent[] } | { readonly samples: readonly UsageSample[] };

export type ForecastStatus = 'exhausts' | 'insufficient-history' | 'not-growing' | 'beyond-horizon';

export interface Forecast {
  readonly status: ForecastStatus;
  readonly windowStart: Date;
  readonly windowEnd: Date;
  /** Events (or samples) inside the window. */
  readonly observations: number;
  readonly netChange: bigint;
  /** Net allocations per day; null when fewer than two observations. */
  readonly ratePerDay: number | null;
  /** When free reaches 0 at this rate; null unless status is 'exhausts'. */
  readonly exhaustsAt: Date | null;
}

const DAY_MS = 86_400_000;
/** The last instant a JS Date can hold. */
const MAX_DATE_MS = 8.64e15;

/**
 * Events: net = allocations - releases inside (now - window, now], spread over the whole window.
 * Samples: net = last - first sample inside the window, spread over the time between them.
 * The ETA is now + free / rate; unknown (null) with fewer than two observations or when the
 * rate is zero or negative.
 */
export function forecast(
  history: UsageHistory,
  free: bigint,
  now: Date,
  windowDays: number,
): Forecast {
  const end = now.getTime();
  const start = end - Math.max(0, windowDays) * DAY_MS;
  const inWindow = (d: Date): boolean => d.getTime() > start && d.getTime() <= end;
  const base = { windowStart: new Date(start), windowEnd: new Date(end) };

  let observations: number;
  let netChange: bigint;
  let spanMs: number;
  if ('events' in history) {
    const events = history.events.filter((e) => inWindow(e.at));
    observations = events.length;
    netChange = events.reduce(
      (n, e) => n + (e.kind === 'allocate' ? 1n : -1n) * (e.count ?? 1n),
      0n,
    );
    spanMs = end - start;
  } else {
    const samples = history.samples
      .filter((s) => inWindow(s.at))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    observations = samples.length;
    const first = samples[0];
    const last = samples[samples.length - 1];
    netChange = first && last ? last.allocated - first.allocated : 0n;
    spanMs = first && last ? last.at.getTime() - first.at.getTime() : 0;
  }

  if (observations < 2 || spanMs <= 0) {
    return {
      ...base,
      status: 'insufficient-history',
      observations,
      netChange,
      ratePerDay: null,
      exhaustsAt: null,
    };
  }
  const ratePerDay = (Number(netChange) * DAY_MS) / spanMs;
  if (!(ratePerDay > 0)) {
    return {
      ...base,
      status: 'not-growing',
      observations,
      netChange,
      ratePerDay,
      exhaustsAt: null,
    };
  }
  const eta = end + (Number(free > 0n ? free : 0n) / ratePerDay) * DAY_MS;
  if (!Number.isFinite(eta) || eta > MAX_DATE_MS) {
    return {
      ...base,
      status: 'beyond-horizon',
      observations,
      netChange,
      ratePerDay,
      exhaustsAt: null,
    };
  }
  return {
    ...base,
    status: 'exhausts',
    observations,
    netChange,
    ratePerDay,
    exhaustsAt: new Date(Math.round(eta)),
  };
}
