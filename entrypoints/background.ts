import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createMessageHandler } from '../lib/background/router';
import { db } from '../lib/db/database';
import { loadSettings } from '../lib/settings/store';

export default defineBackground(() => {
  const handler = createMessageHandler(db(), browser.runtime.id, loadSettings);
  browser.runtime.onMessage.addListener((message, sender) => handler.handle(message, sender));
});
