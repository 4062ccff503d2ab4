import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BackfillCoordinator } from '../lib/background/backfill-coordinator';
import { createMessageHandler, type Sender } from '../lib/background/router';
import { PaceCache } from '../lib/background/pace-cache';
import { dashboardRefresherFor } from '../lib/background/dashboard-refresher';
import { recordBackfillError } from '../lib/background/backfill-health';
import { startSnapshotAlarm } from '../lib/background/snapshot-alarm';
import { hostsOf, withQuotaRecovery } from '../lib/background/quota-recovery';
import { InboxFolder } from '../lib/background/inbox-folder';
import { recoverFromQuotaError } from '../lib/db/retention';
import { db } from '../lib/db/database';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings/schema';
import { loadSettings } from '../lib/settings/store';

export default defineBackground(() => {
  // Settings are read at start and kept current, so synchronous readers (the backfill budget) see changes.
  let settings: Settings = DEFAULT_SETTINGS;
  const refresh = () => loadSettings().then((s) => (settings = s));
  void refresh();

  const snapshots = startSnapshotAlarm({ database: db(), alarms: browser.alarms, loadSettings });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes.settings) return;
    // A new week start or time zone moves the next snapshot: re-plan after the settings load.
    void refresh().then(() => snapshots.runDue().catch(() => undefined));
  });

  const pace = new PaceCache(db());
  const dashboards = dashboardRefresherFor(db(), { loadSettings: async () => settings, onError: (e) => console.debug('QueueLens dashboards:', e) });
  // Accepted batches are folded into history in the background (and at start, for rows a stopped
  // worker left); dashboards are recomputed once history has them.
  const inbox = new InboxFolder(db(), {
    recoverFromQuota: async (observations) => void (await recoverFromQuotaError(db(), settings.retentionMonths, Date.now(), hostsOf(observations))),
    onFolded: () => dashboards.schedule(),
    onError: (e) => console.debug('QueueLens ingest fold:', e),
  });
  const backfill = new BackfillCoordinator(
    db(),
    (tabId, message) => browser.tabs.sendMessage(tabId, message),
    () => settings,
    (error, tool, host) => void recordBackfillError(db(), tool, host, error).catch(() => undefined),
    (host) => pace.get(host),
    () => inbox.flush(),
  );
  const handler = createMessageHandler(db(), browser.runtime.id, {
    inbox,
    loadSettings: async () => settings,
    onObserved: (tabId, states) => {
      backfill.observed(tabId, states);
      dashboards.schedule(); // pushed back while batches keep arriving, then again after their fold
    },
    paceFor: (host) => pace.get(host),
  });
  const handle = withQuotaRecovery((message, sender) => handler.handle(message, sender), db(), () => settings.retentionMonths);
  browser.runtime.onMessage.addListener((message: unknown, sender: Sender) => handle(message, sender));
});
