import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BackfillCoordinator } from '../lib/background/backfill-coordinator';
import { createMessageHandler } from '../lib/background/router';
import { PaceCache } from '../lib/background/pace-cache';
import { db } from '../lib/db/database';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings/schema';
import { loadSettings } from '../lib/settings/store';

export default defineBackground(() => {
  // Settings are read at start and kept current, so synchronous readers (the backfill budget) see changes.
  let settings: Settings = DEFAULT_SETTINGS;
  const refresh = () => loadSettings().then((s) => (settings = s));
  void refresh();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings) void refresh();
  });

  const backfill = new BackfillCoordinator(db(), (tabId, message) => browser.tabs.sendMessage(tabId, message), () => settings, (e) => console.debug('QueueLens backfill:', e));
  const pace = new PaceCache(db());
  const handler = createMessageHandler(db(), browser.runtime.id, {
    loadSettings: async () => settings,
    onObserved: (tabId, states) => backfill.observed(tabId, states),
    paceFor: (host) => pace.get(host),
  });
  browser.runtime.onMessage.addListener((message, sender) => handler.handle(message, sender));
});
