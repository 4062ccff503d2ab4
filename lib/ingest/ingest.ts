import type { Table } from 'dexie';
import type { QueueLensDb } from '../db/database';
import { mergeRollups, type RollupDelta } from '../db/rollups';
import type { Observation, StageOverrides, TicketState, Transition } from '../model';
import { applyObservation } from './apply';

export interface IngestResult {
  /** Tickets whose state changed. */
  stored: number;
  /** New transitions written. */
  transitions: number;
  /** Current state of every ticket the batch named, for annotations. */
  states: TicketState[];
}

/**
 * Writes one batch of observations in a single read-write transaction: read the current state
 * of every ticket named, fold the observations in time order, write back what changed.
 * Idempotent — replaying a batch, or the same sighting from another tab, writes nothing new.
 */
export function ingestBatch(
  database: QueueLensDb,
  observations: Observation[],
  overridesForHost: (host: string) => StageOverrides = () => ({}),
): Promise<IngestResult> {
  return database.transaction('rw', [database.tickets, database.transitions, database.rollups], () =>
    foldIntoStores(database, [observations], overridesForHost),
  );
}

/**
 * The body of `ingestBatch` for batches in arrival order, inside a transaction the caller holds
 * on tickets, transitions and rollups. Each batch is folded in time order, one batch after the
 * other — exactly as if each had been ingested on its own.
 */
export async function foldIntoStores(
  database: QueueLensDb,
  batches: Observation[][],
  overridesForHost: (host: string) => StageOverrides,
): Promise<IngestResult> {
  const ordered = batches.flatMap(inTimeOrder);
  const keys = [...new Set(ordered.map((o) => o.key))];
  const states = await storedStates(database.tickets, keys);
  const { changed, transitions, rollups } = foldObservations(states, ordered, overridesForHost);

  if (changed.size) await database.tickets.bulkPut([...changed.values()]);
  if (transitions.length) await database.transitions.bulkPut(transitions);
  if (rollups.length) {
    const ids = [...new Set(rollups.map((d) => `${d.host}|${d.day}`))];
    const existing = await database.rollups.bulkGet(ids);
    const byId = new Map(existing.filter((r) => r !== undefined).map((r) => [r!.id, r!]));
    await database.rollups.bulkPut(mergeRollups(byId, rollups));
  }
  return { stored: changed.size, transitions: transitions.length, states: [...states.values()] };
}

/** A batch's observations, oldest first (a sort that keeps equal times in page order). */
export const inTimeOrder = (batch: Observation[]): Observation[] => [...batch].sort((a, b) => a.seenAt - b.seenAt);

/**
 * Folds observations, in the order given, into `states` (updated in place). Pure apart from that map:
 * returns the tickets that changed and the transitions and rollup deltas to write.
 */
export function foldObservations(
  states: Map<string, TicketState>,
  ordered: Observation[],
  overridesForHost: (host: string) => StageOverrides = () => ({}),
): { changed: Map<string, TicketState>; transitions: Transition[]; rollups: RollupDelta[] } {
  const changed = new Map<string, TicketState>();
  const transitions: Transition[] = [];
  const rollups: RollupDelta[] = [];
  for (const obs of ordered) {
    const result = applyObservation(states.get(obs.key), obs, overridesForHost(obs.host));
    if (!result) continue;
    states.set(obs.key, result.state);
    changed.set(obs.key, result.state);
    transitions.push(...result.transitions);
    rollups.push(...result.rollups);
  }
  return { changed, transitions, rollups };
}

/** Rows per key of the batch a range may hold and still be read whole (else: a get per key). */
const RANGE_ROWS_PER_KEY = 3;

/**
 * The stored state of each key, in `keys` order. IndexedDB's cost in Chromium is mostly per
 * request, so when the batch's key range holds few other tickets (a view's tickets are often
 * near each other in key order) it is read with one getAll instead of a get per key (in the
 * ingest bench, reads had been a fifth of ingest time); a sparse range is read key by key.
 */
export async function storedStates(tickets: Table<TicketState, string>, keys: string[]): Promise<Map<string, TicketState>> {
  const states = new Map<string, TicketState>();
  if (!keys.length) return states;
  // JavaScript orders strings by UTF-16 code units, as IndexedDB does.
  const sorted = [...keys].sort();
  const range = () => tickets.where(':id').between(sorted[0], sorted.at(-1)!, true, true);
  // One cursor step over the first `limit` keys of the range (skipped, not transferred): a key
  // beyond them means a sparse range.
  const limit = keys.length * RANGE_ROWS_PER_KEY;
  const sparse = (await range().offset(limit).limit(1).primaryKeys()).length > 0;
  const rows = sparse ? await tickets.bulkGet(keys) : await range().toArray();
  const byKey = new Map<string, TicketState>();
  for (const row of rows) if (row) byKey.set(row.key, row);
  for (const k of keys) {
    const s = byKey.get(k);
    if (s) states.set(k, s);
  }
  return states;
}
