import type { InboxRow, QueueLensDb } from '../db/database';
import type { Observation, StageOverrides } from '../model';
import { foldIntoStores, type IngestResult } from './ingest';

/**
 * The ingest inbox (schema v7): an accepted observe batch is written as one row, so
 * acknowledging it costs one put however many tickets it names, and nothing acknowledged is
 * lost if the service worker stops. Rows are folded into tickets, transitions and rollups later,
 * many batches per transaction, by lib/background/inbox-folder.ts.
 */

/** Durably records one batch; resolves with its place in arrival order. */
export function appendToInbox(database: QueueLensDb, observations: Observation[], receivedAt: number): Promise<number> {
  return database.inbox.add({ receivedAt, observations });
}

/** Rows read per look at the inbox: a row holds at most 5,000 observations (ObserveRequestSchema). */
const ROWS_PER_READ = 32;

/** The oldest rows, in arrival order, holding about `maxObservations` (at least one row, whatever its size). */
export async function oldestInboxRows(database: QueueLensDb, maxObservations: number): Promise<InboxRow[]> {
  const rows = await database.inbox.limit(ROWS_PER_READ).toArray();
  const taken: InboxRow[] = [];
  let observations = 0;
  for (const row of rows) {
    if (taken.length && observations + row.observations.length > maxObservations) break;
    taken.push(row);
    observations += row.observations.length;
  }
  return taken;
}

/**
 * Folds rows into the stores, then deletes them: two transactions, so a batch being accepted
 * meanwhile never waits for the fold to write the inbox. A stop between the two leaves rows
 * already folded; folding them again changes nothing (ingest is idempotent).
 */
export async function foldInboxRows(
  database: QueueLensDb,
  rows: InboxRow[],
  overridesForHost: (host: string) => StageOverrides = () => ({}),
): Promise<IngestResult> {
  const result = await database.transaction('rw', [database.tickets, database.transitions, database.rollups], () =>
    foldIntoStores(database, rows.map((r) => r.observations), overridesForHost),
  );
  await database.inbox.bulkDelete(rows.map((r) => r.seq!));
  return result;
}
