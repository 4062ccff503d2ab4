import type { QueueLensDb } from '../db/database';
import { mergeRollups, rollupsFromHistory, type RollupDelta } from '../db/rollups';
import { parseTicketKey, type DailyRollup, type StageOverrides, type TicketKey, type TicketState, type Transition } from '../model';
import { replayHistory, type HistoryFacts } from './replay';

export interface ApplyHistoryResult {
  state: TicketState;
  /** Stored transitions removed (observed/imported ones the API superseded, stale API ones). */
  removed: number;
  /** API transitions written (new or rewritten). */
  written: number;
}

/**
 * Replaces a ticket's history with the host's exact history, in ONE read-write transaction:
 *  1. delete its non-API transitions that the API covers (those that could have begun before
 *     `facts.fetchedAt`; API history is authoritative there) and API transitions no longer in
 *     the API's answer (e.g. an `id:<n>` value that now resolves to a name);
 *  2. bulkPut the API transitions (ids are deterministic, so a repeat rewrites the same rows);
 *  3. rebuild the ticket's state by replaying API + remaining observed transitions in time
 *     order (`replayHistory`, which folds with ingest's own `foldTransition`), apply the facts,
 *     set `backfilledAt`;
 *  4. keep rollups consistent: subtract the ticket's old contribution and add its new one,
 *     both computed by `rollupsFromHistory` — the same function that builds rollups from
 *     scratch — so the rows equal a full recompute without reading every ticket.
 * Idempotent: applying the same history twice leaves the database as after the first time.
 * Imported transitions are treated like observed ones (superseded), since their provenance is
 * another browser's observation.
 */
export async function applyApiHistory(
  database: QueueLensDb,
  key: TicketKey,
  apiTransitions: Transition[],
  facts: HistoryFacts,
  overrides: StageOverrides = {},
): Promise<ApplyHistoryResult> {
  const identity = { key, ...parseTicketKey(key) };
  const incoming = apiTransitions.map((t) => {
    if (t.key !== key || t.source !== 'api') throw new Error(`applyApiHistory: ${t.id} is not an API transition of ${key}`);
    return t;
  });
  const incomingIds = new Set(incoming.map((t) => t.id));

  return database.transaction('rw', [database.tickets, database.transitions, database.rollups], async () => {
    const before = await database.tickets.get(key);
    const stored = await database.transitions.where('key').equals(key).toArray();

    // Observed changes that began after the API was read are news to it: keep them.
    const keep = stored.filter((t) => t.source !== 'api' && t.earliest >= facts.fetchedAt);
    const keepIds = new Set(keep.map((t) => t.id));
    const remove = stored.filter((t) => !keepIds.has(t.id) && !incomingIds.has(t.id)).map((t) => t.id);

    const state = replayHistory(before, identity, [...incoming, ...keep], facts, overrides);

    if (remove.length) await database.transitions.bulkDelete(remove);
    if (incoming.length) await database.transitions.bulkPut(incoming);
    await database.tickets.put(state);

    const deltas: RollupDelta[] = [
      ...(before ? rollupsFromHistory([before], stored).map(negate) : []),
      ...rollupsFromHistory([state], [...incoming, ...keep]),
    ];
    if (deltas.length) {
      const ids = [...new Set(deltas.map((d) => `${d.host}|${d.day}`))];
      const existing = await database.rollups.bulkGet(ids);
      const byId = new Map(existing.filter((r): r is DailyRollup => r !== undefined).map((r) => [r.id, r]));
      // Clamped: a day counted differently before (e.g. an arrival ingest never recorded)
      // must not go negative.
      const rows = mergeRollups(byId, deltas).map(clampRollup);
      await database.rollups.bulkPut(rows);
    }
    return { state, removed: remove.length, written: incoming.length };
  });
}

function negate(r: DailyRollup): RollupDelta {
  return { host: r.host, day: r.day, arrivals: -r.arrivals, throughput: -r.throughput, reopens: -r.reopens, handoffs: -r.handoffs };
}

function clampRollup(r: DailyRollup): DailyRollup {
  return {
    ...r,
    arrivals: Math.max(0, r.arrivals),
    throughput: Math.max(0, r.throughput),
    reopens: Math.max(0, r.reopens),
    handoffs: Math.max(0, r.handoffs),
  };
}
