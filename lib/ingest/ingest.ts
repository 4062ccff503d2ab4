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
export async function ingestBatch(
  database: QueueLensDb,
  observations: Observation[],
  overridesForHost: (host: string) => StageOverrides = () => ({}),
): Promise<IngestResult> {
  const ordered = [...observations].sort((a, b) => a.seenAt - b.seenAt);
  const keys = [...new Set(ordered.map((o) => o.key))];

  return database.transaction('rw', [database.tickets, database.transitions, database.rollups], async () => {
    const current = await database.tickets.bulkGet(keys);
    const states = new Map<string, TicketState>();
    keys.forEach((k, i) => {
      const s = current[i];
      if (s) states.set(k, s);
    });

    const changed = new Map<string, TicketState>();
    const newTransitions: Transition[] = [];
    const deltas: RollupDelta[] = [];
    for (const obs of ordered) {
      const result = applyObservation(states.get(obs.key), obs, overridesForHost(obs.host));
      if (!result) continue;
      states.set(obs.key, result.state);
      changed.set(obs.key, result.state);
      newTransitions.push(...result.transitions);
      deltas.push(...result.rollups);
    }

    if (changed.size) await database.tickets.bulkPut([...changed.values()]);
    if (newTransitions.length) await database.transitions.bulkPut(newTransitions);
    if (deltas.length) {
      const ids = [...new Set(deltas.map((d) => `${d.host}|${d.day}`))];
      const existing = await database.rollups.bulkGet(ids);
      const byId = new Map(existing.filter((r) => r !== undefined).map((r) => [r!.id, r!]));
      await database.rollups.bulkPut(mergeRollups(byId, deltas));
    }
    return { stored: changed.size, transitions: newTransitions.length, states: [...states.values()] };
  });
}
