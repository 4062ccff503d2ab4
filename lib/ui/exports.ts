import { browser } from 'wxt/browser';
import { db } from '../db/database';
import { exportCsvFiles } from '../export/csv';
import { downloadText } from '../export/download';
import { exportFileName } from '../export/filename';
import { exportDatabase, serializeExport } from '../export/json';
import { weekLabel } from '../snapshots/schedule';
import { loadSettings } from '../settings/store';
import { snapshotTimeZone } from '../settings/schema';

/**
 * The report page's export actions: real downloads through an `<a download>` (no `downloads`
 * permission needed), named with instance and ISO week.
 */
export async function exportAs(kind: 'json' | 'csv', host?: string): Promise<string[]> {
  const settings = await loadSettings();
  const now = Date.now();
  const rule = { weekStartDay: settings.snapshots.weekStartDay, timeZone: snapshotTimeZone(settings) };
  const week = weekLabel(now, rule);
  const data = await exportDatabase(db(), {
    settings,
    extensionVersion: browser.runtime.getManifest().version,
    now,
    hosts: host ? [host] : undefined,
  });
  if (kind === 'json') {
    const name = exportFileName({ instance: host, week, ext: 'json' });
    await downloadText(name, serializeExport(data), 'json', null);
    return [name];
  }
  const names: string[] = [];
  for (const file of exportCsvFiles(data, { storeTitles: settings.privacy.storeTitles, rule })) {
    const name = exportFileName({ instance: host, week, ext: 'csv', part: file.table });
    await downloadText(name, file.text, 'csv', null);
    names.push(name);
  }
  return names;
}
