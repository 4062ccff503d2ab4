import { describe, expect, it } from 'vitest';
import {
  buildHistoryIndex,
  evaluateSla,
  slaFactsOf,
  slaSummary,
  weekdayCalendar,
  zonedTimeToEpoch,
  type SlaOptions,
} from '../../../lib/metrics';
import { change, H, ticket } from './builders';

const berlin = (d: number, h: number, m = 0) => zonedTimeToEpoch('Europe/Berlin', 2024, d < 10 ? 4 : 3, d, h, m);
const calendar = weekdayCalendar('Europe/Berlin');
const policies = [
  { priority: 'urgent', firstReplyMs: 1 * H, resolutionMs: 4 * H },
  { priority: '*', firstReplyMs: 4 * H, nextReplyMs: 2 * H, resolutionMs: 16 * H },
];

describe('SLA over business hours — worked example', () => {
  // Created Fri 29 Mar 2024 15:00 (CET); the first-reply target is 4 business hours.
  const created = berlin(29, 15);
  const facts = { open: true, priority: 'normal', createdAt: created };
  const at = (now: number): SlaOptions => ({ now, policies, calendar });

  it('counts Friday 15–17 and Monday from 09:00 (after the DST change) and names the due time', () => {
    // Mon 1 Apr 09:30 CEST: 2.5 h used, 1.5 h left (≥ 25 % of 4 h) → ok, due Mon 11:00 CEST.
    expect(evaluateSla(facts, at(berlin(1, 9, 30)))).toEqual({
      metric: 'first-reply',
      source: 'policy',
      state: 'ok',
      dueAt: Date.UTC(2024, 3, 1, 9),
      timeLeftMs: 1.5 * H,
      targetMs: 4 * H,
    });
    // 10:30: 0.5 h left < 1 h → at risk; 11:30: breached by half an hour.
    expect(evaluateSla(facts, at(berlin(1, 10, 30)))).toMatchObject({ state: 'at-risk', timeLeftMs: 0.5 * H });
    expect(evaluateSla(facts, at(berlin(1, 11, 30)))).toMatchObject({ state: 'breached', timeLeftMs: -0.5 * H });
  });

  it('after the first reply, a customer answer starts the next-reply clock', () => {
    const replied = { ...facts, firstReplyAt: berlin(29, 16), awaitingReplySince: berlin(1, 9) };
    // Next reply: 2 h target. At 10:30, 0.5 h left is exactly 25 %: not yet "less than" → ok.
    expect(evaluateSla(replied, at(berlin(1, 10, 30)))).toMatchObject({ metric: 'next-reply', state: 'ok', timeLeftMs: 0.5 * H });
    // At 10:45, 0.25 h left → at risk (resolution, 16 h with 3.75 h used, is less urgent).
    expect(evaluateSla(replied, at(berlin(1, 10, 45)))).toMatchObject({
      metric: 'next-reply',
      state: 'at-risk',
      timeLeftMs: 0.25 * H,
      dueAt: Date.UTC(2024, 3, 1, 9),
    });
  });

  it('lets the host SLA win and falls back to wall time without a calendar', () => {
    const now = berlin(1, 10);
    expect(evaluateSla({ ...facts, slaDueAt: now + 3 * H }, at(now))).toEqual({
      metric: 'host',
      source: 'host',
      state: 'ok',
      dueAt: now + 3 * H,
      timeLeftMs: 3 * H,
    });
    expect(evaluateSla({ ...facts, slaDueAt: now - H }, at(now))).toMatchObject({ state: 'breached', timeLeftMs: -H });
    // Urgent, no calendar: 1 h first reply in wall time from Fri 15:00 → breached by Monday.
    expect(evaluateSla({ ...facts, priority: 'Urgent' }, { now, policies })).toMatchObject({ metric: 'first-reply', state: 'breached' });
    expect(evaluateSla({ ...facts, open: false }, at(now))).toBeUndefined();
  });

  it('infers first reply and awaited replies from status history', () => {
    const t = ticket('1', { createdAt: berlin(29, 15), status: 'open', statusSince: berlin(1, 9) });
    const history = [
      change(t, 'status', 'new', 'pending', berlin(29, 16)),
      change(t, 'status', 'pending', 'open', berlin(1, 9)),
    ];
    const quiet = ticket('2', { createdAt: berlin(29, 15, 30), status: 'new' });
    const index = buildHistoryIndex([t, quiet], history);
    expect(slaFactsOf(index, 0)).toMatchObject({ firstReplyAt: berlin(29, 16), awaitingReplySince: berlin(1, 9) });
    expect(slaFactsOf(index, 1)).toMatchObject({ firstReplyAt: undefined, awaitingReplySince: undefined });
    // At 10:45: #1 awaits a next reply due 11:00 (0.25 h left); #2 awaits its first reply,
    // 1.5 h Friday + 1.75 h Monday used of 4 h → due 11:30. Both under 25 % → at risk.
    const summary = slaSummary(index, { now: berlin(1, 10, 45), policies, calendar });
    expect(summary).toMatchObject({ ok: 0, atRisk: 2, breached: 0, byMetric: { 'next-reply': 1, 'first-reply': 1 } });
    expect(summary.nextBreaches.map((i) => [i.id, i.dueAt])).toEqual([
      ['1', Date.UTC(2024, 3, 1, 9)],
      ['2', Date.UTC(2024, 3, 1, 9, 30)],
    ]);
  });
});
