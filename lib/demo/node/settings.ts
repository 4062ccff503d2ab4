import type { ExtensionBrowser } from './browser';

/**
 * Changes QueueLens settings in a running browser the way the options page stores them
 * (storage.local `settings`), merging one level deep. Used by the demo and the e2e tests.
 */
export async function patchSettings(browser: ExtensionBrowser, patch: Record<string, Record<string, unknown>>): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await page.evaluate(async (p) => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: unknown): Promise<void> } } } }).chrome;
    const current = ((await api.storage.local.get('settings')).settings ?? {}) as Record<string, Record<string, unknown>>;
    const next: Record<string, unknown> = { ...current };
    for (const [section, values] of Object.entries(p)) next[section] = { ...(current[section] ?? {}), ...values };
    await api.storage.local.set({ settings: next });
  }, patch);
  await page.close();
}
