import { describe, expect, it } from 'vitest';
import { isHandoff } from '../../../lib/ingest/handoffs';
import { buildHistoryIndex, handoffSummary, ticketHandoffs, ticketHandoffsOf } from '../../../lib/metrics';
import { change, D, H, T0, ticket } from './builders';

describe('handoffs — worked example', () => {
  // Routed by a trigger to Tier 1, taken by ann, handed to bob, escalated to Tier 2 (carol),
  // sent back to Tier 1 and to ann again (ping-pong on both), then a rule moves it to Billing.
  const t = ticket('1', { assignee: 'ann', group: 'Billing' });
  const history = [
    change(t, 'group', null, 'Tier 1', T0 + 1 * H, true),
    change(t, 'assignee', null, 'ann', T0 + 2 * H),
    change(t, 'assignee', 'ann', 'bob', T0 + 3 * H),
    change(t, 'group', 'Tier 1', 'Tier 2', T0 + 4 * H),
    change(t, 'assignee', 'bob', 'carol', T0 + 4 * H),
    change(t, 'group', 'Tier 2', 'Tier 1', T0 + 5 * H),
    change(t, 'assignee', 'carol', null, T0 + 5 * H),
    change(t, 'assignee', null, 'ann', T0 + 6 * H),
    change(t, 'group', 'Tier 1', 'Billing', T0 + 7 * H, true),
  ];
  const expected = {
    assigneeStations: 4, // ann, bob, carol, ann
    groupStations: 4, // Tier 1, Tier 2, Tier 1, Billing
    handoffs: 4, // ann→bob, Tier 1→Tier 2, bob→carol, Tier 2→Tier 1 (not: unassign, reassign, rules)
    escalations: 2,
    automaticChanges: 2,
    assigneeReturns: 1, // back to ann
    groupReturns: 1, // back to Tier 1
    pingPong: true,
  };

  it('counts stations, handoffs, returns and automatic changes per ticket', () => {
    expect(ticketHandoffs(t, [...history].reverse())).toEqual(expected);
    const index = buildHistoryIndex([t], history);
    expect(ticketHandoffsOf(index, 0)).toEqual(expected);
    // Same rule as ingest's counter.
    expect(history.filter(isHandoff).length).toBe(expected.handoffs);
  });

  it('builds the group → group matrix of human handoffs, automatic ones apart', () => {
    const index = buildHistoryIndex([t], history);
    const summary = handoffSummary(index, { now: T0 + D, windowMs: 2 * D });
    expect(summary.matrix).toEqual([
      { from: 'Tier 1', to: 'Tier 2', count: 1 },
      { from: 'Tier 2', to: 'Tier 1', count: 1 },
    ]);
    expect(summary.automaticMatrix).toEqual([{ from: 'Tier 1', to: 'Billing', count: 1 }]);
    expect(summary).toMatchObject({ handoffs: 4, escalations: 2, automaticChanges: 2, returns: 2, pingPongTickets: 1 });
    expect(summary.hotspots.map((h) => h.id)).toEqual(['1']);
    // A window that starts after 04:30 sees only the last changes.
    const late = handoffSummary(index, { now: T0 + 7 * H, windowMs: 2.5 * H });
    expect(late).toMatchObject({ handoffs: 1, escalations: 1, returns: 2, automaticChanges: 1 });
  });

  it('does not call a hand-back to the owner just before a return', () => {
    const u = ticket('2', { assignee: 'ann' });
    const back = [change(u, 'assignee', 'ann', null, T0 + H), change(u, 'assignee', null, 'ann', T0 + 2 * H)];
    expect(ticketHandoffs(u, back)).toMatchObject({ assigneeStations: 2, handoffs: 0, assigneeReturns: 0, pingPong: false });
  });
});
