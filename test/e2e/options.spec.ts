import { expect, test, type Page } from '@playwright/test';
import { rollupsFromHistory } from '../../lib/db/rollups';
import { buildExport, serializeExport } from '../../lib/export/json';
import { applyObservation } from '../../lib/ingest/apply';
import type { TicketState, Transition } from '../../lib/model';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../lib/demo/node/browser';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { observation } from '../unit/support/observations';

/**
 * The options page in Chromium: settings survive a reload, self-hosted Jira asks for site access,
 * imports change the popup (and a hostile file changes nothing), and "Take snapshot now" shows
 * up on the report page.
 */
/** The extension APIs the checks call inside extension pages (page.evaluate), typed for Node's compiler. */
interface ChromeApi {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
  permissions: { request: (...args: unknown[]) => unknown; contains(p: { origins: string[] }): Promise<boolean> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; js?: string[]; persistAcrossSessions?: boolean }[]> };
}
declare const chrome: ChromeApi;

let browser: ExtensionBrowser;
test.beforeAll(async () => {
  browser = await launchExtensionBrowser();
});
test.afterAll(async () => browser?.close());

const url = (page: string) => `chrome-extension://${browser.extensionId}/${page}`;
async function openOptions(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url('options.html'));
  await expect(page.getByRole('heading', { name: 'QueueLens options' })).toBeVisible();
  return page;
}
const storedSettings = (page: Page) => page.evaluate(async () => (await chrome.storage.local.get('settings')).settings as Record<string, unknown> | undefined);

/** A teammate's export holding three open tickets, built the way QueueLens builds one. */
function teammateExport(): string {
  const now = Date.now();
  const tickets: TicketState[] = [];
  const transitions: Transition[] = [];
  for (const id of ['501', '502', '503']) {
    const a = applyObservation(undefined, observation(id, { seenAt: now - 7_200_000, createdAt: now - 3 * 86_400_000, status: 'new', assignee: null }))!;
    const b = applyObservation(a.state, observation(id, { seenAt: now - 3_600_000, createdAt: now - 3 * 86_400_000, status: 'open' }))!;
    tickets.push(b.state);
    transitions.push(...a.transitions, ...b.transitions);
  }
  const exp = buildExport(
    { tickets, transitions, rollups: rollupsFromHistory(tickets, transitions), snapshots: [] },
    { settings: DEFAULT_SETTINGS, extensionVersion: '0.1.0', now, exportId: 'teammate-e2e-1' },
  );
  return serializeExport(exp);
}

async function popupOpenCount(): Promise<string> {
  const popup = await browser.context.newPage();
  await popup.goto(url('popup.html'));
  const empty = popup.locator('[data-queuelens="empty"]');
  const tile = popup.locator('[data-queuelens="tile-open"] [data-queuelens="value"]');
  await expect(empty.or(tile)).toBeVisible();
  const value = (await tile.count()) ? (await tile.textContent())! : '0';
  await popup.close();
  return value;
}

test('settings are validated inline, saved, and still there after a reload', async () => {
  const page = await openOptions();
  await page.getByLabel('Warn after (days)').fill('');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('[data-queuelens="save-status"]')).toHaveText(/^Not saved: 1 problem \(first: thresholds\.warnDays — Enter a number\.\)/);
  await expect(page.getByLabel('Warn after (days)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Warn after (days)')).toBeFocused();
  expect(await storedSettings(page)).toBeUndefined(); // nothing written

  await page.getByLabel('Warn after (days)').fill('2');
  await expect(page.locator('[data-queuelens="field-error"]')).toHaveCount(0);
  await page.getByLabel('Keep history for (months)').fill('6');
  await page.getByLabel('Store ticket titles').uncheck();
  await page.getByLabel('Week starts on').selectOption({ label: 'Sunday' });
  await page.getByLabel('Tickets closed per day').fill('12');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('[data-queuelens="save-status"]')).toHaveText('Settings saved.');

  await page.reload();
  await expect(page.getByLabel('Warn after (days)')).toHaveValue('2');
  await expect(page.getByLabel('Keep history for (months)')).toHaveValue('6');
  await expect(page.getByLabel('Store ticket titles')).not.toBeChecked();
  await expect(page.getByLabel('Week starts on')).toHaveValue('0');
  await expect(page.getByLabel('Tickets closed per day')).toHaveValue('12');
  expect(await storedSettings(page)).toMatchObject({ version: 2, thresholds: { warnDays: 2 }, retentionMonths: 6, privacy: { storeTitles: false }, goals: { closedPerDay: 12 } });
  await page.close();
});

test('adding a self-hosted Jira asks for access to that site and registers the Jira script there', async () => {
  const origin = 'https://jira.example.test:8443/*';
  const state = (page: Page) =>
    page.evaluate(async (o) => ({
      granted: await chrome.permissions.contains({ origins: [o] }),
      scripts: (await chrome.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, matches: s.matches, js: s.js, persist: s.persistAcrossSessions })),
    }), origin);
  const add = async (page: Page) => {
    await page.getByLabel('Kind').selectOption('jira-server');
    await page.getByLabel('Address').fill('https://jira.example.test:8443/browse/OPS-1');
    await page.getByRole('button', { name: 'Add instance' }).click();
  };
  const requests = (page: Page) => page.evaluate(() => (window as unknown as { requested: unknown[] }).requested);

  // 1. The real API: the click asks Chromium for that one origin. Headless Chromium opens its
  //    prompt where nothing can answer it, so the request stays pending: the page says it waits,
  //    and nothing is saved or registered meanwhile.
  const page = await openOptions();
  await page.evaluate(() => {
    const w = window as unknown as { requested: unknown[] };
    w.requested = [];
    const original = chrome.permissions.request.bind(chrome.permissions) as (...a: unknown[]) => unknown;
    chrome.permissions.request = ((...args: unknown[]) => (w.requested.push(args[0]), original(...args))) as typeof chrome.permissions.request;
  });
  await add(page);
  await expect.poll(() => requests(page)).toEqual([{ origins: [origin] }]);
  await expect(page.locator('[data-queuelens="instance-status"]')).toHaveText(/Waiting for you to allow access/);
  expect((await storedSettings(page))?.instances ?? []).toEqual([]);
  expect(await state(page)).toEqual({ granted: false, scripts: [] });
  await page.close();

  // 2. The user clicks "Allow" (simulated: the prompt answers true); everything after is real.
  const page2 = await openOptions();
  await page2.evaluate(() => {
    const w = window as unknown as { requested: unknown[] };
    w.requested = [];
    chrome.permissions.request = (async (p: unknown) => (w.requested.push(p), true)) as unknown as typeof chrome.permissions.request;
  });
  await add(page2);
  const added = page2.locator('[data-queuelens="instance"][data-host="jira.example.test:8443"]');
  await expect(added).toBeVisible();
  expect(await requests(page2)).toEqual([{ origins: [origin] }]);
  expect((await state(page2)).scripts).toEqual([
    { id: 'queuelens-jira-jira.example.test-8443', matches: [origin], js: ['content-scripts/jira.js'], persist: true },
  ]);
  expect((await storedSettings(page2))?.instances).toMatchObject([{ kind: 'jira-server', host: 'jira.example.test:8443', origin: 'https://jira.example.test:8443' }]);

  await page2.getByRole('button', { name: 'Remove instance jira.example.test:8443' }).click();
  await expect(added).toHaveCount(0);
  await expect.poll(() => state(page2)).toEqual({ granted: false, scripts: [] });
  expect((await storedSettings(page2))?.instances).toEqual([]);
  await page2.close();
});

test('importing a teammate export changes the popup; a hostile file shows its problem and changes nothing', async () => {
  expect(await popupOpenCount()).toBe('0');
  const page = await openOptions();
  const input = page.getByLabel('Import exports');
  const status = page.locator('[data-queuelens="import-status"]');
  const good = teammateExport();

  await input.setInputFiles({ name: 'ana.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  await expect(status).toHaveText(/^Imported 1 file: 3 tickets added, 0 updated, 0 unchanged;/);
  await expect(page.locator('[data-queuelens="import-history"] li')).toHaveCount(1);
  expect(await popupOpenCount()).toBe('3');

  const polluted = good.replace('"tickets":[{', '"tickets":[{"__proto__":{"isAdmin":true},');
  await input.setInputFiles({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(polluted) });
  await expect(status).toHaveText('Nothing was imported: evil.json — $.tickets[0].__proto__ — forbidden key "__proto__" (prototype pollution)');
  await expect(status).toHaveAttribute('role', 'alert');

  const future = good.replace('"version":1', '"version":3');
  await input.setInputFiles([
    { name: 'fine.json', mimeType: 'application/json', buffer: Buffer.from(good) },
    { name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(future) },
  ]);
  await expect(status).toHaveText(/^Nothing was imported: future\.json — \$\.version — export version 3 is newer/);
  expect(await popupOpenCount()).toBe('3');
  await expect(page.locator('[data-queuelens="import-history"] li')).toHaveCount(1);
  await page.close();
});

test('“Take snapshot now” stores a snapshot that the report page lists', async () => {
  const page = await openOptions();
  await page.getByRole('button', { name: 'Take snapshot now' }).click();
  await expect(page.locator('[data-queuelens="snapshot-status"]')).toHaveText(/^Snapshot of \d{4}-W\d{2} taken \(all instances, acme\.zendesk\.com\)\.$/);
  const week = /of (\d{4}-W\d{2})/.exec((await page.locator('[data-queuelens="snapshot-status"]').textContent())!)![1];

  const report = await browser.context.newPage();
  await report.goto(url('report.html'));
  const row = report.locator(`[data-queuelens="snapshot-row"][data-host="*"][data-week="${week}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('All instances');
  await expect(row.locator('td').nth(3)).toHaveText('3'); // WIP from the imported tickets
  await report.close();
  await page.close();
});

test('“Purge everything” asks first, then deletes history, snapshots and import records; settings stay', async () => {
  expect(await popupOpenCount()).toBe('3');
  const page = await openOptions();
  const status = page.locator('[data-queuelens="purge-status"]');
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('button', { name: 'Purge everything' }).click();
  await expect(status).toHaveText('Nothing was deleted.');
  expect(await popupOpenCount()).toBe('3');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Purge everything' }).click();
  await expect(status).toHaveText('All QueueLens data was deleted.');
  expect(await popupOpenCount()).toBe('0');
  await page.reload();
  await expect(page.locator('[data-queuelens="import-history"] li')).toHaveCount(0);
  expect(await storedSettings(page)).toBeDefined();

  const report = await browser.context.newPage();
  await report.goto(url('report.html'));
  await expect(report.locator('[data-queuelens="snapshot-row"]')).toHaveCount(0);
  await report.close();
  await page.close();
});
