import { describe, expect, it } from 'vitest';
import { rollupsFromHistory } from '../../../lib/db/rollups';
import {
  buildHistoryIndex,
  cycleTimes,
  dailyFlow,
  netFlowTrend,
  paceOf,
  paceSummary,
  reopenRate,
  stageExitAges,
  stalledSummary,
  timeInStatus,
  timeInStatusOf,
  weeklyFlow,
  wipSummary,
  workItemAge,
} from '../../../lib/metrics';
import type { DailyRollup } from '../../../lib/model';
import { change, D, H, T0, ticket } from './builders';

describe('WIP, age and time in status — worked example', () => {
  // A: created T0 (new), open at +1d, pending at +2d, open again at +4d; now = +5d.
  const a = ticket('1', { status: 'open', statusSince: T0 + 4 * D, updatedAt: T0 + 4 * D });
  const aHistory = [
    change(a, 'status', 'new', 'open', T0 + 1 * D),
    change(a, 'status', 'open', 'pending', T0 + 2 * D),
    change(a, 'status', 'pending', 'open', T0 + 4 * D),
  ];
  // B: solved at +3d (not WIP). C: Jira, still in To Do (open, not started → not WIP).
  const b = ticket('2', { status: 'solved', doneAt: T0 + 3 * D, statusSince: T0 + 3 * D, updatedAt: T0 + 3 * D });
  const bHistory = [change(b, 'status', 'new', 'solved', T0 + 3 * D)];
  const c = ticket('OPS-1', { tool: 'jira', status: 'to do', createdAt: T0 - 10 * D, statusSince: T0 - 10 * D, updatedAt: T0 - 10 * D });
  const now = T0 + 5 * D;
  const index = buildHistoryIndex([a, b, c], [...bHistory, ...aHistory.reverse()]);

  it('counts started-not-done as WIP and ages it from the commitment point', () => {
    const wip = wipSummary(index, { now });
    expect(wip.wip).toBe(1);
    expect(wip.open).toBe(2);
    expect(wip.byStage).toEqual({ queued: 0, active: 1, waiting: 0, done: 0 });
    expect(wip.ages!.p50).toBe(5 * D);
    expect(wip.ageSumMs).toBe(5 * D);
    expect(wip.oldest.map((t) => t.id)).toEqual(['1']);
    expect(workItemAge(a, now)).toBe(5 * D);
    expect(workItemAge(c, now)).toBe(15 * D); // unstarted: from creation
    expect(workItemAge(a, T0 - D)).toBe(0); // never negative
  });

  it('shows the current visit and the time accumulated over revisits', () => {
    // open visits: (+1d, +2d] and (+4d, now] → 1d + 1d
    const expected = { status: 'open', currentVisitMs: 1 * D, accumulatedMs: 2 * D, visits: 2 };
    expect(timeInStatus(a, aHistory, now)).toEqual(expected);
    expect(timeInStatusOf(index, index.ticketOf.get(a.key)!, now)).toEqual(expected);
  });

  it('finds stalled and dead items by inactivity', () => {
    // A active 1 day ago; C untouched for 15 days → stalled (≥5d), not dead (≤45d).
    const s = stalledSummary(index, { now });
    expect(s.stalled).toBe(1);
    expect(s.dead).toBe(0);
    expect(s.items[0].id).toBe('OPS-1');
    expect(s.items[0].inactiveMs).toBe(15 * D);
    const later = stalledSummary(index, { now: now + 31 * D, stalledDays: 5, deadDays: 45 });
    expect(later.stalled).toBe(2);
    expect(later.dead).toBe(1); // C: 46 days; A: 32 days
  });
});

describe('cycle time', () => {
  it('takes done − start of items done in the window; a reopened item counts to its last done', () => {
    const now = T0 + 30 * D;
    const tickets = [
      ticket('1', { status: 'solved', doneAt: T0 + 2 * D }), // 2d
      ticket('2', { status: 'solved', doneAt: T0 + 4 * D }), // 4d
      // reopened: solved at +1d, reopened, solved again at +6d → 6d
      ticket('3', { status: 'solved', doneAt: T0 + 6 * D, reopens: 1 }),
      ticket('4', { status: 'solved', createdAt: T0 - 200 * D, doneAt: T0 - 190 * D }), // outside 12 weeks
      ticket('5', { status: 'open' }), // not done
    ];
    const result = cycleTimes(buildHistoryIndex(tickets, []), { now });
    expect(Array.from(result.samples)).toEqual([2 * D, 4 * D, 6 * D]);
    expect(result.percentiles).toMatchObject({ count: 3, p50: 4 * D, p85: expect.closeTo(5.4 * D, 3) });
    expect(result.meanMs).toBe(4 * D);
    expect(cycleTimes(buildHistoryIndex(tickets, []), { now, windowMs: 25 * D }).percentiles!.count).toBe(1);
  });
});

describe('pace', () => {
  it('ranks an open item against the ages at which completed items left its stage', () => {
    const now = T0 + 30 * D;
    const done = [1, 2, 3, 4].map((days, k) => {
      const t = ticket(String(k + 1), { status: 'solved', doneAt: T0 + days * D + H });
      return { t, history: [change(t, 'status', 'new', 'open', T0 + H), change(t, 'status', 'open', 'solved', T0 + days * D)] };
    });
    // Open items in `open` (active) aged 3.5 and 4.5 days.
    const young = ticket('10', { createdAt: now - 3.5 * D, statusSince: now - 3.5 * D });
    const old = ticket('11', { createdAt: now - 4.5 * D, statusSince: now - 4.5 * D });
    const index = buildHistoryIndex(
      [...done.map((d) => d.t), young, old],
      done.flatMap((d) => d.history),
    );
    const exits = stageExitAges(index, { now });
    expect(Array.from(exits.byStage[0])).toEqual([H, H, H, H]); // left `new` after an hour
    expect(Array.from(exits.byStage[1])).toEqual([1, 2, 3, 4].map((d) => d * D));
    expect(paceOf(exits, 'active', 3.5 * D)).toBe(75);
    expect(paceOf(exits, 'active', 4.5 * D)).toBe(100);
    const summary = paceSummary(index, exits, { now });
    expect(summary.agingAlerts).toBe(1);
    expect(summary.alertsByStage.active).toBe(1);
    expect(summary.items.map((i) => [i.id, i.pace])).toEqual([
      ['11', 100],
      ['10', 75],
    ]);
    expect(summary.thresholds.active!.p50).toBe(2.5 * D);
  });
});

describe('throughput, arrivals, net flow and reopen rate from rollups', () => {
  const row = (day: string, arrivals: number, throughput: number, reopens = 0, handoffs = 0, host = 'a'): DailyRollup => ({
    id: `${host}|${day}`,
    host,
    day,
    arrivals,
    throughput,
    reopens,
    handoffs,
  });
  const now = Date.UTC(2025, 5, 14, 15); // Saturday 14 June
  const rollups = [
    row('2025-06-01', 4, 1), // outside two weeks
    row('2025-06-02', 5, 2, 1),
    row('2025-06-07', 3, 3),
    row('2025-06-08', 6, 2, 1, 4),
    row('2025-06-10', 2, 5, 1),
    row('2025-06-14', 4, 1),
    row('2025-06-14', 9, 9, 9, 9, 'b'), // another host
  ];

  it('lays days out oldest first, with net flow = arrivals − throughput', () => {
    const days = dailyFlow(rollups, { now, days: 7, host: 'a' });
    expect(days.map((d) => d.day)).toEqual(['2025-06-08', '2025-06-09', '2025-06-10', '2025-06-11', '2025-06-12', '2025-06-13', '2025-06-14']);
    expect(days.map((d) => d.netFlow)).toEqual([4, 0, -3, 0, 0, 0, 3]);
    expect(dailyFlow(rollups, { now, days: 1 })[0]).toMatchObject({ arrivals: 13, throughput: 10 }); // both hosts
  });

  it('sums trailing 7-day weeks and spots a growing backlog', () => {
    const weeks = weeklyFlow(rollups, { now, weeks: 2, host: 'a' });
    // 1–7 June: arrivals 4+5+3, throughput 1+2+3; 8–14 June: arrivals 6+2+4, throughput 2+5+1
    expect(weeks).toEqual([
      { firstDay: '2025-06-01', lastDay: '2025-06-07', arrivals: 12, throughput: 6, reopens: 1, handoffs: 0, netFlow: 6 },
      { firstDay: '2025-06-08', lastDay: '2025-06-14', arrivals: 12, throughput: 8, reopens: 2, handoffs: 4, netFlow: 4 },
    ]);
    expect(netFlowTrend(weeks)).toEqual({ growingWeeks: 2, backlogGrowing: true });
    expect(netFlowTrend([...weeks, { ...weeks[1], netFlow: -1 }])).toEqual({ growingWeeks: 0, backlogGrowing: false });
  });

  it('divides reopens by solved in the period', () => {
    expect(reopenRate(rollups, { now, periodDays: 7, host: 'a' })).toEqual({ reopens: 2, solved: 8, rate: 0.25 });
    expect(reopenRate([], { now }).rate).toBeUndefined();
  });

  it('agrees with rollups rebuilt from history (reopens and re-solves count)', () => {
    const t = ticket('1', { status: 'solved', doneAt: T0 + 3 * D });
    const history = [
      change(t, 'status', 'new', 'solved', T0 + D),
      change(t, 'status', 'solved', 'open', T0 + 2 * D),
      change(t, 'status', 'open', 'solved', T0 + 3 * D),
    ];
    const rebuilt = rollupsFromHistory([t], history);
    expect(reopenRate(rebuilt, { now: T0 + 4 * D, periodDays: 7 })).toEqual({ reopens: 1, solved: 2, rate: 0.5 });
  });
});
