import type { QueueLensDb } from '../db/database';
import type { Stage } from '../model';
import { buildHistoryIndex } from '../metrics/history-index';
import { paceThresholds, stageExitAges } from '../metrics/pace';
import { WEEK_MS } from '../metrics/time';

/** Exit-age percentiles of one stage: a badge is amber past p70 and red past p85 (aging alert). */
export interface StagePace {
  p70: number;
  p85: number;
  count: number;
}
export type PaceTable = Partial<Record<Stage, StagePace>>;

/** Below this many completed exits from a stage, pace is noise: badges use the age thresholds. */
export const MIN_EXITS_FOR_PACE = 20;
const REFRESH_MS = 15 * 60_000;
const WINDOW_MS = 12 * WEEK_MS;

/**
 * Pace thresholds from the items completed in the trailing 12 weeks (DESIGN.md, Pace). Reads only
 * those tickets ([host+open] index) and their transitions, so it stays cheap on a year of history.
 */
export async function computePaceTable(database: QueueLensDb, host: string, now: number): Promise<PaceTable> {
  const windowStart = now - WINDOW_MS;
  const done = await database.tickets
    .where('[host+open]')
    .equals([host, 0])
    .filter((t) => (t.doneAt ?? 0) > windowStart)
    .toArray();
  if (!done.length) return {};
  const transitions = await database.transitions.where('key').anyOf(done.map((t) => t.key)).toArray();
  const thresholds = paceThresholds(stageExitAges(buildHistoryIndex(done, transitions), { now, windowMs: WINDOW_MS }));
  const table: PaceTable = {};
  for (const [stage, p] of Object.entries(thresholds) as [Stage, NonNullable<(typeof thresholds)[Stage]>][]) {
    if (p.count >= MIN_EXITS_FOR_PACE) table[stage] = { p70: p.p70, p85: p.p85, count: p.count };
  }
  return table;
}

/** Per-host pace tables, refreshed in the background at most every 15 minutes. */
export class PaceCache {
  private tables = new Map<string, { table: PaceTable; at: number; refreshing?: Promise<void> }>();

  constructor(
    private database: QueueLensDb,
    private now: () => number = Date.now,
  ) {}

  /** The current table (possibly stale or empty); starts a refresh when due, never waits for it. */
  get(host: string): PaceTable {
    const entry = this.tables.get(host);
    if (!entry || (this.now() - entry.at > REFRESH_MS && !entry.refreshing)) void this.refresh(host);
    return entry?.table ?? {};
  }

  async refresh(host: string): Promise<void> {
    const entry = this.tables.get(host) ?? { table: {}, at: 0 };
    this.tables.set(host, entry);
    entry.refreshing = computePaceTable(this.database, host, this.now())
      .then((table) => {
        entry.table = table;
        entry.at = this.now();
      })
      .catch(() => {
        entry.at = this.now();
      })
      .finally(() => {
        entry.refreshing = undefined;
      });
    await entry.refreshing;
  }
}
