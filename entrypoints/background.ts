import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BackfillCoordinator } from '../lib/background/backfill-coordinator';
import { createMessageHandler, type Sender } from '../lib/background/router';
import { PaceCache } from '../lib/background/pace-cache';
import { recordBackfillError } from '../lib/background/backfill-health';
import { startSnapshotAlarm } from '../lib/background/snapshot-alarm';
import { db } from '../lib/db/database';
import { isQuotaError, recoverFromQuotaError } from '../lib/db/retention';
import { ObserveRequestSchema } from '../lib/model';
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
  const backfill = new BackfillCoordinator(
    db(),
    (tabId, message) => browser.tabs.sendMessage(tabId, message),
    () => settings,
    (error, tool, host) => void recordBackfillError(db(), tool, host, error).catch(() => undefined),
    (host) => pace.get(host),
  );
  const handler = createMessageHandler(db(), browser.runtime.id, {
    loadSettings: async () => settings,
    onObserved: (tabId, states) => backfill.observed(tabId, states),
    paceFor: (host) => pace.get(host),
  });
  browser.runtime.onMessage.addListener(async (message: unknown, sender: Sender) => {
    try {
      return await handler.handle(message, sender);
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      // Storage full: prune by the retention setting, say so in the popup, then try this batch once more.
      const seen = ObserveRequestSchema.safeParse(message);
      const hosts = seen.success ? [...new Map(seen.data.observations.map((o) => [o.host, { host: o.host, tool: o.tool }])).values()] : [];
      await recoverFromQuotaError(db(), settings.retentionMonths, Date.now(), hosts);
      return handler.handle(message, sender);
    }
  });
});
