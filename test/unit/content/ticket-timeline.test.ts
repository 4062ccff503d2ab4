import { describe, expect, it } from 'vitest';
import { applyObservation } from '../../../lib/ingest/apply';
import { ticketTimeline } from '../../../lib/timeline/ticket-timeline';
import type { TicketState, Transition } from '../../../lib/model';
import { hours, observation } from '../support/observations';

const T0 = Date.parse('2026-11-24T00:00:00Z');

/** Folds a sequence of sightings the way ingest does, collecting transitions. */
function replay(...changes: Parameters<typeof observation>[1][]): { state: TicketState; transitions: Transition[] } {
  let state: TicketState | undefined;
  const transitions: Transition[] = [];
  for (const change of changes) {
    const result = applyObservation(state, observation('7', { createdAt: T0, ...change }))!;
    state = result.state;
    transitions.push(...result.transitions);
  }
  return { state: state!, transitions };
}

describe('ticket timeline', () => {
  it('accumulates time in the current status across revisits (hand-worked)', () => {
    // open 0h–2h, pending 2h–5h, open 5h–now(8h): this visit 3h, accumulated 2h + 3h = 5h.
    const { state, transitions } = replay(
      { seenAt: T0, status: 'open' },
      { seenAt: T0 + hours(2), status: 'pending' },
      { seenAt: T0 + hours(5), status: 'open' },
    );
    const timeline = ticketTimeline(state, transitions, T0 + hours(8));
    expect(timeline.visits.map((v) => [v.status, v.from - T0, v.to === undefined ? undefined : v.to - T0])).toEqual([
      ['open', 0, hours(2)],
      ['pending', hours(2), hours(5)],
      ['open', hours(5), undefined],
    ]);
    expect(timeline.currentVisitMs).toBe(hours(3));
    expect(timeline.accumulatedMs).toBe(hours(5));
  });

  it('marks a return to an earlier assignee or group as ping-pong', () => {
    const { state, transitions } = replay(
      { seenAt: T0, assignee: 'Sam', group: 'Billing' },
      { seenAt: T0 + hours(1), assignee: 'Priya', group: 'Tier 2' },
      { seenAt: T0 + hours(2), assignee: 'Sam', group: 'Tier 2' },
    );
    const changes = ticketTimeline(state, transitions, T0 + hours(3)).ownerChanges;
    expect(changes.map((c) => [c.field, c.from, c.to, c.pingPong])).toEqual([
      ['assignee', 'Sam', 'Priya', false],
      ['group', 'Billing', 'Tier 2', false],
      ['assignee', 'Priya', 'Sam', true],
    ]);
  });
});
