import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../lib/settings/schema';

/** Current settings, kept live as the options page changes them. */
export function useSettings(): Settings {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  useEffect(() => {
    let alive = true;
    browser.storage.local.get('settings').then((s) => alive && setSettings(readSettings(s.settings)));
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && changes.settings) setSettings(readSettings(changes.settings.newValue));
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, []);
  return settings;
}
