import { dayOf, rollupId, stageOf, type DailyRollup, type TicketState, type Transition } from '../model';
import { isHandoff } from '../ingest/handoffs';

export type RollupDelta = Omit<DailyRollup, 'id'>;

export function emptyRollup(host: string, day: string): DailyRollup {
  return { id: rollupId(host, day), host, day, arrivals: 0, throughput: 0, reopens: 0, handoffs: 0 };
}

/** Adds deltas into existing rollups (keyed by id), returning the rows to write. */
export function mergeRollups(existing: Map<string, DailyRollup>, deltas: RollupDelta[]): DailyRollup[] {
  const touched = new Map<string, DailyRollup>();
  for (const d of deltas) {
    const id = rollupId(d.host, d.day);
    const row = touched.get(id) ?? { ...(existing.get(id) ?? emptyRollup(d.host, d.day)) };
    row.arrivals += d.arrivals;
    row.throughput += d.throughput;
    row.reopens += d.reopens;
    row.handoffs += d.handoffs;
    touched.set(id, row);
  }
  return [...touched.values()];
}

/** The rollup contribution of one transition: done entries, reopens and handoffs. */
export function rollupDeltaOfTransition(t: Transition, host: string, tool: TicketState['tool']): RollupDelta | undefined {
  const day = dayOf(t.at);
  const delta: RollupDelta = { host, day, arrivals: 0, throughput: 0, reopens: 0, handoffs: 0 };
  if (t.field === 'status') {
    const wasDone = t.from !== null && stageOf(tool, t.from) === 'done';
    const isDone = stageOf(tool, t.to) === 'done';
    if (!wasDone && isDone) delta.throughput = 1;
    else if (wasDone && !isDone) delta.reopens = 1;
    else return undefined;
  } else if (isHandoff(t)) {
    delta.handoffs = 1;
  } else {
    return undefined;
  }
  return delta;
}

/** Recomputes every rollup from stored history (schema upgrade, import, backfill replacement). */
export function rollupsFromHistory(tickets: TicketState[], transitions: Transition[]): DailyRollup[] {
  const byKey = new Map(tickets.map((t) => [t.key, t]));
  const deltas: RollupDelta[] = [];
  for (const ticket of tickets) {
    if (ticket.createdAt !== undefined) {
      deltas.push({ host: ticket.host, day: dayOf(ticket.createdAt), arrivals: 1, throughput: 0, reopens: 0, handoffs: 0 });
    }
  }
  for (const t of transitions) {
    const ticket = byKey.get(t.key);
    if (!ticket) continue;
    const d = rollupDeltaOfTransition(t, ticket.host, ticket.tool);
    if (d) deltas.push(d);
  }
  return mergeRollups(new Map(), deltas);
}
