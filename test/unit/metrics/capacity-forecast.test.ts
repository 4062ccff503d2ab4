import { describe, expect, it } from 'vitest';
import {
  buildHistoryIndex,
  capacityCard,
  forecastBacklogClear,
  forecastItemsBy,
  goalPeriodStarts,
  personalView,
  stageExitAges,
  trendOf,
} from '../../../lib/metrics';
import type { DailyRollup } from '../../../lib/model';
import { change, D, H, ticket } from './builders';

const row = (day: string, throughput: number, reopens = 0, handoffs = 0): DailyRollup => ({
  id: `a|${day}`,
  host: 'a',
  day,
  arrivals: 0,
  throughput,
  reopens,
  handoffs,
});

describe('capacity card — worked example', () => {
  const now = Date.UTC(2025, 5, 14, 12); // periods: 1–7 June (previous), 8–14 June (current)
  const rollups = [
    row('2025-06-02', 10, 1, 5),
    row('2025-06-05', 10, 1, 5), // previous: 20 solved, 2 reopens, 10 handoffs
    row('2025-06-09', 10, 3, 3),
    row('2025-06-12', 20, 3, 3), // current: 30 solved, 6 reopens, 6 handoffs
  ];
  // Escalations: one human group change in each period, one automatic (not counted).
  const t = ticket('1', { status: 'solved', group: 'G3', createdAt: Date.UTC(2025, 5, 1), doneAt: Date.UTC(2025, 5, 13) });
  const history = [
    change(t, 'group', 'G1', 'G2', Date.UTC(2025, 5, 3)),
    change(t, 'group', 'G2', 'G3', Date.UTC(2025, 5, 10)),
    change(t, 'group', 'G3', 'G1', Date.UTC(2025, 5, 11), true),
    change(t, 'group', 'G1', 'G3', Date.UTC(2025, 5, 11, 1), true),
    change(t, 'status', 'open', 'solved', Date.UTC(2025, 5, 13)),
  ];
  const card = capacityCard(buildHistoryIndex([t], history), rollups, { now, periodDays: 7 });

  it('reads throughput, error rate and load per resolved item, each with its trend', () => {
    expect(card.throughput).toEqual({ current: 30, previous: 20, change: 10, direction: 'up', improving: true });
    expect(card.errorRate).toMatchObject({ current: 0.2, previous: 0.1, direction: 'up', improving: false });
    expect(card.handoffsPerResolved).toMatchObject({ current: 0.2, previous: 0.5, direction: 'down', improving: true });
    expect(card.escalationsPerResolved).toMatchObject({ current: 1 / 30, previous: 1 / 20 });
  });

  it('measures predictability: throughput variation over the days', () => {
    // current days: 0,10,0,0,20,0,0 → mean 30/7; previous: 10,0,0,10,0,0,0 with one leading day
    const current = [0, 10, 0, 0, 20, 0, 0];
    const mean = 30 / 7;
    const sd = Math.sqrt(current.reduce((s, x) => s + (x - mean) ** 2, 0) / 7);
    expect(card.throughputVariation.current).toBeCloseTo(sd / mean, 12);
    // one item done in the current period: P85 ÷ P50 = 1; none before
    expect(card.cycleTimeP85ToP50).toMatchObject({ current: 1, previous: undefined, direction: 'unknown' });
  });

  it('calls a change within 5 % flat', () => {
    expect(trendOf(102, 100, true)).toMatchObject({ direction: 'flat', improving: undefined });
    expect(trendOf(90, 100, false)).toMatchObject({ direction: 'down', improving: true });
  });
});

describe('Monte Carlo forecast', () => {
  const now = Date.UTC(2025, 5, 14, 12);

  it('is exact when every day delivers the same', () => {
    // 95 items at 10 a day → the 10th day, every trial.
    expect(forecastBacklogClear([10, 10, 10], 95, { now })).toEqual({
      backlog: 95,
      trials: 2000,
      p50Days: 10,
      p85Days: 10,
      p50Date: '2025-06-24',
      p85Date: '2025-06-24',
    });
    expect(forecastItemsBy([10], now + 7 * D, { now })).toEqual({ days: 7, p50Items: 70, p85Items: 70 });
    expect(forecastBacklogClear([0, 0], 5, { now })).toBeUndefined();
  });

  it('is deterministic under a seed, and P85 is never sooner than P50', () => {
    const samples = [0, 3, 8, 12, 5, 0, 9, 14, 2];
    const a = forecastBacklogClear(samples, 200, { now, seed: 5 });
    expect(forecastBacklogClear(samples, 200, { now, seed: 5 })).toEqual(a);
    expect(a!.p85Days).toBeGreaterThanOrEqual(a!.p50Days);
    // Mean 53/9 a day → about 34 days for 200 items.
    expect(a!.p50Days).toBeGreaterThan(28);
    expect(a!.p50Days).toBeLessThan(40);
    const items = forecastItemsBy(samples, now + 30 * D, { now, seed: 5 });
    expect(items.p85Items).toBeLessThanOrEqual(items.p50Items);
    expect(items.p50Items).toBeGreaterThan(140);
    expect(items.p50Items).toBeLessThan(215);
  });
});

describe('personal view', () => {
  // Tuesday 10 June 2025, 08:00 in Berlin (06:00 UTC).
  const now = Date.UTC(2025, 5, 10, 6);
  const me = 'ann';
  const mine = [
    ticket('1', { assignee: me, status: 'solved', createdAt: now - 3 * D, doneAt: Date.UTC(2025, 5, 9, 23) }), // today in Berlin (01:00)
    ticket('2', { assignee: me, status: 'solved', createdAt: now - 5 * D, doneAt: Date.UTC(2025, 5, 9, 10) }), // Monday
    ticket('3', { assignee: me, status: 'solved', createdAt: now - 9 * D, doneAt: Date.UTC(2025, 5, 8, 10) }), // last week
    ticket('4', { assignee: me, createdAt: now - 2 * D }),
    ticket('5', { assignee: me, createdAt: now - 6 * D }),
    ticket('6', { assignee: 'bob', createdAt: now - 9 * D }),
  ];
  const index = buildHistoryIndex(mine, [change(mine[0], 'status', 'open', 'solved', mine[0].doneAt!)]);

  it('starts days and weeks at local midnight', () => {
    expect(goalPeriodStarts(now, 'Europe/Berlin')).toEqual({ dayStart: Date.UTC(2025, 5, 9, 22), weekStart: Date.UTC(2025, 5, 8, 22) });
  });

  it('tracks goals and lists own open items oldest first', () => {
    const view = personalView(index, stageExitAges(index, { now }), {
      now,
      me,
      goals: { daily: 4, weekly: 10 },
      timeZone: 'Europe/Berlin',
      sla: { policies: [{ priority: '*', resolutionMs: 100 * H }] },
    });
    expect(view.tickets).toBe(5);
    expect(view.goals.daily).toMatchObject({ target: 4, done: 1, remaining: 3, progress: 0.25 });
    expect(view.goals.weekly).toMatchObject({ target: 10, done: 2, remaining: 8, progress: 0.2 });
    expect(view.focus.map((f) => f.id)).toEqual(['5', '4']);
    expect(view.focus[0].sla).toMatchObject({ metric: 'resolution', state: 'breached', timeLeftMs: -44 * H });
    expect(view.wip.wip).toBe(2);
    expect(view.cycleTime!.count).toBe(3);
  });
});
