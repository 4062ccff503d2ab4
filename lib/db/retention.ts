import { dayOf, type Diagnostic, type Tool } from '../model';
import { knownHosts, type QueueLensDb } from './database';

/**
 * Retention (settings.retentionMonths): history older than the cutoff is deleted by time.
 * - transitions whose `at` is before the cutoff (also those of open tickets: an old open ticket
 *   keeps its current state and counters, only its oldest changes go);
 * - tickets that are done and were last seen before the cutoff, with any transitions left;
 * - daily rollups of days before the cutoff's UTC day; snapshots taken before the cutoff.
 * Diagnostics and import provenance are small and stay.
 */

export interface PruneResult {
  cutoff: number;
  tickets: number;
  transitions: number;
  rollups: number;
  snapshots: number;
}

/** `now` minus whole calendar months (UTC), clamped to the month's last day (Mar 31 − 1 → Feb 28). */
export function retentionCutoff(now: number, months: number): number {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime();
}

export async function pruneHistory(database: QueueLensDb, retentionMonths: number, now: number): Promise<PruneResult> {
  const cutoff = retentionCutoff(now, retentionMonths);
  const cutoffDay = dayOf(cutoff);
  return database.transaction('rw', [database.tickets, database.transitions, database.rollups, database.snapshots], async () => {
    const oldDone = await doneTicketsLastSeenBefore(database, cutoff);
    let transitions = await database.transitions.where('at').below(cutoff).delete();
    if (oldDone.length) {
      transitions += await database.transitions.where('key').anyOf(oldDone).delete();
      await database.tickets.bulkDelete(oldDone);
    }
    const rollups = await database.rollups.where('day').below(cutoffDay).delete();
    const snapshots = await database.snapshots.filter((s) => s.takenAt < cutoff).delete();
    return { cutoff, tickets: oldDone.length, transitions, rollups, snapshots };
  });
}

/**
 * Keys of done tickets last seen before `cutoff`. There is no `lastSeenAt` index (every sighting
 * moves it, and ingest rate is a budget), so this reads each host's done tickets through
 * `[host+open]`, one request per host: retention runs daily and on a full disk, never per batch.
 */
async function doneTicketsLastSeenBefore(database: QueueLensDb, cutoff: number): Promise<string[]> {
  const keys: string[] = [];
  for (const host of await knownHosts(database)) {
    const done = await database.tickets.where('[host+open]').equals([host, 0]).toArray();
    for (const t of done) if (t.lastSeenAt < cutoff) keys.push(t.key);
  }
  return keys;
}

/** True for IndexedDB's quota error however Dexie wraps it (directly, as `inner`, or as an abort's cause). */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const err = e as { name?: unknown; inner?: unknown; cause?: unknown };
    if (err.name === 'QuotaExceededError') return true;
    e = err.inner ?? err.cause;
  }
  return false;
}

export const storageFullMessage = (months: number) =>
  `Storage is full: QueueLens pruned history older than ${months} month${months === 1 ? '' : 's'}. Lower the retention in Options if this repeats.`;

/**
 * After a quota error: prune, then record a diagnostic per affected host so the popup's health
 * warnings say what happened (a silent failure would look like missing data).
 */
export async function recoverFromQuotaError(
  database: QueueLensDb,
  retentionMonths: number,
  now: number,
  hosts: readonly { host: string; tool: Tool }[],
): Promise<PruneResult> {
  const result = await pruneHistory(database, retentionMonths, now);
  const problem = storageFullMessage(retentionMonths);
  const rows: Diagnostic[] = (hosts.length ? hosts : [{ host: '*', tool: 'zendesk' as Tool }]).map(({ host, tool }) => ({
    id: `${host}|storage`,
    tool,
    host,
    pageKind: 'unknown',
    url: '',
    at: now,
    rows: 0,
    fieldCounts: {},
    problem,
    errors: 0,
  }));
  // Best effort: if even this write fails the prune above has already freed space for the next try.
  await database.diagnostics.bulkPut(rows).catch(() => undefined);
  return result;
}
