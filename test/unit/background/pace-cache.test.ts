import { afterEach, describe, expect, it } from 'vitest';
import { computePaceTable, MIN_EXITS_FOR_PACE } from '../../../lib/background/pace-cache';
import { QueueLensDb } from '../../../lib/db/database';
import { applyObservation } from '../../../lib/ingest/apply';
import { annotationOf } from '../../../lib/ingest/annotations';
import type { TicketState, Transition } from '../../../lib/model';
import { hours, observation } from '../support/observations';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const database = new QueueLensDb(`pace-${Math.random()}`);
afterEach(() => database.tickets.clear().then(() => database.transitions.clear()));

/** A ticket created, opened, then solved `activeHours` later — one exit from `active`. */
function solvedTicket(id: number, activeHours: number): { state: TicketState; transitions: Transition[] } {
  const created = NOW - hours(200) - id * 1000;
  const first = applyObservation(undefined, observation(String(id), { seenAt: created + 1, createdAt: created, status: 'open' }))!;
  const solved = applyObservation(first.state, observation(String(id), { seenAt: created + hours(activeHours), createdAt: created, status: 'solved' }))!;
  return { state: solved.state, transitions: solved.transitions };
}

describe('pace thresholds', () => {
  it('needs enough completed history before it colours by pace', async () => {
    for (let i = 0; i < MIN_EXITS_FOR_PACE - 1; i++) {
      const t = solvedTicket(i, 10);
      await database.tickets.put(t.state);
      await database.transitions.bulkPut(t.transitions);
    }
    expect(await computePaceTable(database, 'acme.zendesk.com', NOW)).toEqual({});
  });

  it('gives each stage the ages at which 70% and 85% of completed items had left it', async () => {
    // 100 tickets left "active" after 1..100 hours: p70 ≈ 70h, p85 ≈ 85h.
    for (let i = 1; i <= 100; i++) {
      const t = solvedTicket(i, i);
      await database.tickets.put(t.state);
      await database.transitions.bulkPut(t.transitions);
    }
    const table = await computePaceTable(database, 'acme.zendesk.com', NOW);
    expect(table.active?.count).toBe(100);
    expect(table.active!.p70 / hours(1)).toBeCloseTo(70, 0);
    expect(table.active!.p85 / hours(1)).toBeCloseTo(85, 0);

    // An open ticket 90 hours into "active" carries those thresholds to its badge.
    const open = applyObservation(undefined, observation('999', { seenAt: NOW, createdAt: NOW - hours(90), status: 'open' }))!.state;
    expect(annotationOf(open, table).pace).toEqual({ stage: 'active', p70: table.active!.p70, p85: table.active!.p85, since: NOW - hours(90) });
  });
});
