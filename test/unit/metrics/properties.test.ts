import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyObservation } from '../../../lib/ingest/apply';
import { mergeRollups, type RollupDelta } from '../../../lib/db/rollups';
import { computeDashboard, mulberry32, randomIndex, type DashboardOptions } from '../../../lib/metrics';
import type { DailyRollup, Observation, TicketState, Transition } from '../../../lib/model';
import { generateHistory } from '../../../lib/synthetic/history';

const H = 3_600_000;
const now = Date.UTC(2025, 3, 9, 12);
const history = generateHistory({ seed: 3, tickets: 600, days: 60, agents: 8, groups: 3, host: 'acme.zendesk.com', now });
const options: DashboardOptions = {
  now,
  me: 'agent-002',
  goals: { daily: 3, weekly: 12 },
  sla: { policies: [{ priority: '*', firstReplyMs: 8 * H, resolutionMs: 48 * H }] },
  forecast: { seed: 9, trials: 300, targetDate: now + 14 * 24 * H },
};

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let k = out.length - 1; k > 0; k--) {
    const j = randomIndex(random, k + 1);
    [out[k], out[j]] = [out[j], out[k]];
  }
  return out;
}

/** What a page would have shown of each ticket: one sighting at creation and after each change. */
function sightingsOf(ticket: TicketState, transitions: Transition[]): Observation[] {
  const own = transitions.filter((t) => t.key === ticket.key).sort((a, b) => a.at - b.at);
  const first = (field: Transition['field']) => own.find((t) => t.field === field);
  const shown = {
    status: first('status')?.from ?? ticket.status,
    assignee: first('assignee')?.from ?? ticket.assignee,
    group: first('group')?.from ?? ticket.group,
    priority: first('priority')?.from ?? ticket.priority,
  };
  const sighting = (seenAt: number): Observation => ({
    key: ticket.key,
    tool: ticket.tool,
    host: ticket.host,
    id: ticket.id,
    seenAt,
    pageKind: 'zendesk-view',
    ...shown,
    createdAt: ticket.createdAt,
    updatedAt: seenAt,
  });
  const out = [sighting(ticket.createdAt!)];
  for (let k = 0; k < own.length; k++) {
    shown[own[k].field] = own[k].to;
    if (k + 1 < own.length && own[k + 1].at === own[k].at) continue;
    out.push(sighting(own[k].at));
  }
  return out;
}

/** Folds batches of observations the way ingest does (state per key, transitions, rollups). */
function ingest(batches: Observation[][]) {
  const states = new Map<string, TicketState>();
  const transitions: Transition[] = [];
  const deltas: RollupDelta[] = [];
  for (const batch of batches) {
    for (const obs of batch) {
      const result = applyObservation(states.get(obs.key), obs);
      if (!result) continue;
      states.set(obs.key, result.state);
      transitions.push(...result.transitions);
      deltas.push(...result.rollups);
    }
  }
  const rollups: DailyRollup[] = mergeRollups(new Map(), deltas);
  return { tickets: [...states.values()], transitions, rollups };
}

/** Batches in a random interleaving that keeps each ticket's sightings in time order, with replays. */
function randomBatches(perTicket: Observation[][], seed: number): Observation[][] {
  const random = mulberry32(seed);
  const queues = perTicket.map((q) => [...q]);
  const delivered: Observation[] = [];
  const batches: Observation[][] = [];
  let live = queues.filter((q) => q.length > 0);
  while (live.length > 0) {
    const batch: Observation[] = [];
    const size = 1 + randomIndex(random, 40);
    for (let k = 0; k < size && live.length > 0; k++) {
      const queue = live[randomIndex(random, live.length)];
      const take = 1 + randomIndex(random, 3);
      for (let n = 0; n < take && queue.length > 0; n++) batch.push(queue.shift()!);
      live = live.filter((q) => q.length > 0);
    }
    // A second tab re-sends something already delivered: must change nothing.
    if (delivered.length > 0 && random() < 0.5) batch.push(delivered[randomIndex(random, delivered.length)]);
    delivered.push(...batch);
    batches.push(batch);
  }
  return batches;
}

describe('metrics properties', () => {
  const reference = computeDashboard(history, options);

  it('does not depend on the order of stored rows', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const again = computeDashboard(
          { tickets: shuffled(history.tickets, seed), transitions: shuffled(history.transitions, seed + 1), rollups: shuffled(history.rollups, seed + 2) },
          options,
        );
        // Lists of tickets tie-break by input position; compare everything else exactly.
        expect(strip(again)).toEqual(strip(reference));
      }),
      { numRuns: 6 },
    );
  });

  it('gives the same numbers whatever the batch order of replayed observations', () => {
    const perTicket = history.tickets.map((t) => sightingsOf(t, history.transitions));
    const inOrder = computeDashboard(ingest([perTicket.flat().sort((a, b) => a.seenAt - b.seenAt)]), options);
    // The replay rebuilt the same flow (handoffs differ: a page cannot tell a trigger from a person).
    expect(inOrder.wip.wip).toBe(reference.wip.wip);
    expect(inOrder.flow.weekly.map((w) => [w.arrivals, w.throughput, w.reopens])).toEqual(
      reference.flow.weekly.map((w) => [w.arrivals, w.throughput, w.reopens]),
    );
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(strip(computeDashboard(ingest(randomBatches(perTicket, seed)), options))).toEqual(strip(inOrder));
      }),
      { numRuns: 6 },
    );
  });

  it('never reports a negative age or duration, at any moment', () => {
    fc.assert(
      fc.property(fc.integer({ min: -90 * 24, max: 24 * 30 }), (hours) => {
        const d = computeDashboard(history, { ...options, now: now + hours * H });
        const durations = [
          ...(d.wip.ages ? Object.values(d.wip.ages) : []),
          ...d.wip.oldest.map((t) => t.ageMs),
          ...d.timeInStatus.flatMap((s) => [s.currentVisit.p50, s.accumulated.p50, s.currentVisit.p95]),
          ...(d.cycleTime.percentiles ? Object.values(d.cycleTime.percentiles) : []),
          ...d.stalled.items.map((t) => t.inactiveMs),
          ...d.pace.items.map((t) => t.paceAgeMs),
          ...d.whereWorkWaits.byGroup.map((g) => g.ageWeightedWipMs),
        ];
        for (const value of durations) expect(value).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 8 },
    );
  });
});

/** Order-insensitive view: ticket lists become sorted id sets with their numbers. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) {
    const mapped = value.map(strip);
    return mapped.every((v) => typeof v === 'object' && v !== null && 'key' in v)
      ? [...mapped].sort((a, b) => String((a as { key: string }).key).localeCompare(String((b as { key: string }).key)))
      : mapped;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)]));
  }
  return value;
}
