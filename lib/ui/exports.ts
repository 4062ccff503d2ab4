import { browser } from 'wxt/browser';
import { db } from '../db/database';
import { exportCsvFiles } from '../export/csv';
import { downloadText } from '../export/download';
import { exportFileName } from '../export/filename';
import { exportDatabase, serializeExport } from '../export/json';
import { weeklySummaryMarkdown } from '../export/markdown';
import type { Dashboard } from '../metrics/dashboard';
import { DASHBOARD_SCOPE_ALL } from '../model/dashboard-messages';
import { storedDashboard } from '../queries/dashboard-data';
import { summaryInputFromDashboard } from '../queries/summary';
import { weekLabel } from '../snapshots/schedule';
import { loadSettings } from '../settings/store';
import { snapshotTimeZone } from '../settings/schema';

/**
 * The report page's export actions: real downloads through an `<a download>` (no `downloads`
 * permission needed), named with instance and ISO week.
 */
export type ExportKind = 'json' | 'csv' | 'md';

/**
 * `md` writes the weekly Markdown summary from `options.dashboard` (the report passes the one it
 * shows) or else the background's stored dashboard of the scope.
 */
export async function exportAs(kind: ExportKind, host?: string, options: { dashboard?: Dashboard; instanceLabel?: string } = {}): Promise<string[]> {
  const settings = await loadSettings();
  const now = Date.now();
  const rule = { weekStartDay: settings.snapshots.weekStartDay, timeZone: snapshotTimeZone(settings) };
  const week = weekLabel(now, rule);
  if (kind === 'md') {
    const dashboard = options.dashboard ?? (await storedDashboard(db(), host ?? DASHBOARD_SCOPE_ALL))?.data.dashboard;
    if (!dashboard) throw new Error('no figures computed yet for this instance: open the popup or wait for the next computation');
    const input = summaryInputFromDashboard(dashboard, { week, instance: options.instanceLabel ?? host ?? 'All instances', generatedAt: now });
    const name = exportFileName({ instance: host, week, ext: 'md', part: 'summary' });
    await downloadText(name, weeklySummaryMarkdown(input), 'md', null);
    return [name];
  }
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
