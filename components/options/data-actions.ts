import { browser } from 'wxt/browser';
import type { QueueLensDb } from '../../lib/db/database';
import type { HistoryChangedRequest } from '../../lib/model/messages';
import { weekRuleOf } from '../../lib/background/snapshot-alarm';
import type { Settings } from '../../lib/settings/schema';
import { weekOf } from '../../lib/snapshots/schedule';
import { takeWeek } from '../../lib/snapshots/take';

/**
 * Snapshot of the week in progress, for every instance and `*`. Marked partial, so the weekly
 * alarm still stores the whole week when it ends.
 */
export async function takeSnapshotNow(database: QueueLensDb, settings: Settings, now: number): Promise<{ week: string; hosts: string[] }> {
  const rule = weekRuleOf(settings);
  const week = weekOf(now, rule);
  const rows = await takeWeek(database, { week, rule, settings, now });
  return { week: week.label, hosts: rows.map((r) => r.host) };
}

/**
 * Deletes every stored record (history, snapshots, diagnostics, import provenance). Settings stay.
 * Then tells the background, whose previews of batches not folded yet describe deleted history
 * (a background that is not running holds none: nothing to tell).
 */
export async function purgeEverything(database: QueueLensDb, tellBackground: (m: HistoryChangedRequest) => Promise<unknown> = sendToBackground): Promise<void> {
  await database.transaction('rw', database.tables, async () => {
    await Promise.all(database.tables.map((t) => t.clear()));
  });
  await tellBackground({ type: 'history-changed' }).catch(() => undefined);
}

const sendToBackground = (message: HistoryChangedRequest) => browser.runtime.sendMessage(message);
