import { browser } from 'wxt/browser';
import { readSettings, SettingsSchema, type Settings } from './schema';

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get('settings');
  return readSettings(stored.settings);
}

/** Validates before writing: an invalid settings object is refused whole. */
export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ settings: SettingsSchema.parse(settings) });
}
