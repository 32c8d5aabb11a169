import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forecast, type UsageEvent, type UsageHistory } from './forecast';

const DAY = 86_400_000;
const now = new Date('2025-06-01T00:00:00Z');
const daysAgo = (d: number): Date => new Date(now.getTime() - d * DAY);
const allocs = (n: number, kind: UsageEvent['kind'] = 'allocate', from = 1): UsageEvent[] =>
  Array.from({ length: n }, (_, i) => ({ at: daysAgo(from + (i % 9)), kind }));

void describe('forecast', () => {
  const cases: [string, UsageHistory, bigint, number, string, number | null, number | null][] = [
    // name, history, free, window days, status, rate/day, ETA in days from now
    [
      '20 allocations over 10 days, 100 free: 50 days',
      { events: allocs(20) },
      100n,
      10,
      'exhausts',
      2,
      50,
    ],
    [
      'releases count against allocations',
      { events: [...allocs(30), ...allocs(10, 'release')] },
      100n,
      10,
      'exhausts',
      2,
      50,
    ],
    [
      'a batch event counts its size',
      { events: [{ at: daysAgo(1), kind: 'allocate', count: 19n }, ...allocs(1)] },
      40n,
      10,
      'exhausts',
      2,
      20,
    ],
    [
      'events before the window are ignored',
      { events: [...allocs(20), ...allocs(50, 'allocate', 11)] },
      100n,
      10,
      'exhausts',
      2,
      50,
    ],
    ['already full: exhausted now', { events: allocs(20) }, 0n, 10, 'exhausts', 2, 0],
    [
      'more releases than allocations: never',
      { events: [...allocs(5), ...allocs(9, 'release')] },
      100n,
      10,
      'not-growing',
      -0.4,
      null,
    ],
    [
      'balanced churn: never',
      { events: [...allocs(5), ...allocs(5, 'release')] },
      100n,
      10,
      'not-growing',
      0,
      null,
    ],
    [
      'one event is not a trend',
      { events: allocs(1) },
      100n,
      10,
      'insufficient-history',
      null,
      null,
    ],
    ['no events at all', { events: [] }, 100n, 10, 'insufficient-history', null, null],
    [
      'samples: 100 → 120 over 10 days, 40 free: 20 days',
      {
        samples: [
          { at: daysAgo(10), allocated: 100n },
          { at: daysAgo(5), allocated: 90n },
          { at: now, allocated: 120n },
        ],
      },
      40n,
      30,
      'exhausts',
      2,
      20,
    ],
    [
      'samples: one sample',
      { samples: [{ at: daysAgo(1), allocated: 5n }] },
      40n,
      30,
      'insufficient-history',
      null,
      null,
    ],
    [
      'samples: shrinking',
      {
        samples: [
          { at: daysAgo(4), allocated: 10n },
          { at: daysAgo(2), allocated: 6n },
        ],
      },
      40n,
      30,
      'not-growing',
      -2,
      null,
    ],
    [
      'an IPv6 /64 outlives the calendar',
      { events: allocs(20) },
      2n ** 64n,
      10,
      'beyond-horizon',
      2,
      null,
    ],
  ];
  for (const [name, history, free, windowDays, status, rate, etaDays] of cases) {
    void it(name, () => {
      const f = forecast(history, free, now, windowDays);
      assert.equal(f.status, status);
      assert.equal(f.ratePerDay, rate);
      assert.equal(
        f.exhaustsAt?.getTime() ?? null,
        etaDays === null ? null : now.getTime() + etaDays * DAY,
      );
      assert.equal(f.windowEnd.getTime(), now.getTime());
      assert.equal(f.windowStart.getTime(), now.getTime() - windowDays * DAY);
    });
  }
});
