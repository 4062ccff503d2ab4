import { expect, test, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import { launchExtensionBrowser } from '../../lib/demo/node/browser';
import { rollupsFromHistory } from '../../lib/db/rollups';
import { CURRENT_DB_VERSION, DB_NAME, STORES_BY_VERSION } from '../../lib/db/schema';
import type { Annotation, Observation, TicketState } from '../../lib/model';
import { storedRowsOf } from '../bench/ingest';
import { createDatabase, dexieLayout, LEGACY_HOST, legacyObservations, legacySeed, readDatabase, type IdbLayout } from '../support/legacy-database';
import { hours, observation } from '../unit/support/observations';

/**
 * Issue 8: a database left by every earlier schema version, opened by the current build in
 * Chromium. For each version the test writes the database exactly as that release's Dexie laid
 * it out (the layout is read back from a database Dexie itself created at that version), with
 * rows a user of that version had, restarts the service worker so the current build opens it,
 * and checks what a user would notice: badges, popup and report show the old tickets, every
 * row is kept, the layout is the current version's, the v1 → v2 upgrade rolled history up, and
 * new observations still ingest on top of the old history.
 */

/** The extension API inside page.evaluate (extension pages only). */
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const CURRENT = STORES_BY_VERSION.length;
const EARLIER = Array.from({ length: CURRENT - 1 }, (_, k) => k + 1);
let currentLayout: IdbLayout;

test.beforeAll(async () => {
  currentLayout = await dexieLayout(CURRENT, STORES_BY_VERSION[CURRENT - 1]);
});

test('schema.ts lists every version it declares, oldest first', () => {
  expect(STORES_BY_VERSION).toHaveLength(CURRENT_DB_VERSION);
  expect(currentLayout.version).toBe(CURRENT_DB_VERSION * 10);
});

/** Dexie's complaints (schema patched behind its back, upgrade failures, connections closed under it) and page errors. */
function watchProblems(context: BrowserContext): string[] {
  const problems: string[] = [];
  const onConsole = (where: string) => (m: ConsoleMessage) => {
    if ((m.type() === 'warning' || m.type() === 'error') && /dexie|upgrade|schema|indexeddb|database/i.test(m.text())) problems.push(`${where}: ${m.text()}`);
  };
  const onPage = (p: Page) => {
    p.on('console', onConsole(p.url()));
    p.on('pageerror', (e) => problems.push(`${p.url()}: ${e.message}`));
  };
  context.pages().forEach(onPage);
  context.on('page', onPage);
  for (const w of context.serviceWorkers()) w.on('console', onConsole('service worker'));
  context.on('serviceworker', (w) => w.on('console', onConsole('service worker')));
  return problems;
}

/**
 * Stops the extension's service worker and waits until it has. First waits for it to be
 * activated: a worker stopped while a fresh profile still installs it is started again at once
 * (and would open the database again, or refuse messages while it installs).
 */
async function stopServiceWorker(page: Page, extensionId: string): Promise<void> {
  const worker = { status: '', running: '' };
  const cdp = await page.context().newCDPSession(page);
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) Object.assign(worker, { status: v.status, running: v.runningStatus });
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => worker.status).toBe('activated');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => `${worker.status} ${worker.running}`).toBe('activated stopped');
  await cdp.detach();
}

/** Rows in IndexedDB's order of their primary key (all of QueueLens's keys are strings). */
function byPrimaryKey(layout: IdbLayout, store: string, rows: readonly unknown[]): unknown[] {
  const keyPath = layout.stores.find((s) => s.name === store)!.keyPath as string;
  const key = (r: unknown) => (r as Record<string, string>)[keyPath];
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const openCount = (tickets: readonly TicketState[]) => tickets.filter((t) => t.open === 1).length;

for (const version of EARLIER) {
  test(`a version-${version} database is upgraded to version ${CURRENT} by the current build with every row kept`, async () => {
    const browser = await launchExtensionBrowser();
    const problems = watchProblems(browser.context);
    try {
      const url = (path: string) => `chrome-extension://${browser.extensionId}/${path}`;
      const now = Date.now();
      const seed = legacySeed(version, now);
      const legacyLayout = await dexieLayout(version, STORES_BY_VERSION[version - 1]);
      expect(legacyLayout.version).toBe(version * 10);

      // An extension-origin page that runs no QueueLens code: raw IndexedDB only, no Dexie of its own.
      const raw = await browser.context.newPage();
      await raw.goto(url('manifest.json'));
      // The worker opened (and created) the current database at start: stop it, so nothing holds the database.
      await stopServiceWorker(raw, browser.extensionId);

      // The database as the earlier release left it.
      await raw.evaluate(createDatabase, { name: DB_NAME, layout: legacyLayout, rows: seed.rows });
      const before = await raw.evaluate(readDatabase, DB_NAME);
      expect(before.layout).toEqual(legacyLayout);
      expect(Object.fromEntries(Object.entries(before.rows).map(([s, r]) => [s, r.length]))).toEqual(
        Object.fromEntries(Object.entries(seed.rows).map(([s, r]) => [s, r.length])),
      );

      // A ticket page asks the (restarted) background for its badges: the worker opens the database with the current build.
      const keys = seed.tickets.map((t) => t.key);
      const badges = (await raw.evaluate((keys) => chrome.runtime.sendMessage({ type: 'annotations', keys }), keys)) as { ok: boolean; annotations: Annotation[] };
      expect(badges.ok).toBe(true);
      expect(badges.annotations.map((a) => [a.key, a.open, a.handoffs])).toEqual(seed.tickets.map((t) => [t.key, t.open === 1, t.handoffs]));

      // Upgraded in place: the current layout (new stores and indexes, dropped ones gone), every row kept.
      const after = await raw.evaluate(readDatabase, DB_NAME);
      expect(after.layout).toEqual(currentLayout);
      const expectedRows = (store: string): unknown[] =>
        // Version 1 had no rollups: the v1 → v2 upgrade computes them from the stored history.
        store === 'rollups' && !seed.rows.rollups ? rollupsFromHistory(seed.tickets, seed.transitions) : (seed.rows[store] ?? []);
      if (version === 1) expect(after.rows.rollups.length).toBeGreaterThan(0);
      for (const { name } of currentLayout.stores) {
        // The worker takes the weekly snapshots missing since the last one at start: kept rows, maybe new ones.
        if (name === 'snapshots') expect(after.rows[name]).toEqual(expect.arrayContaining(expectedRows(name)));
        else expect(after.rows[name], `store ${name}`).toEqual(byPrimaryKey(currentLayout, name, expectedRows(name)));
      }

      // The popup shows the old tickets, and the background computes a dashboard from them.
      const popup = await browser.context.newPage();
      await popup.goto(url(`popup.html?host=${LEGACY_HOST}`));
      await expect(popup.locator('[data-queuelens="tile-open"] [data-queuelens="value"]')).toHaveText(String(openCount(seed.tickets)));
      await expect(popup.locator('[data-queuelens="computed"]')).toContainText(`(${seed.tickets.length} tickets)`);
      await expect
        .poll(async () => ((await raw.evaluate(readDatabase, DB_NAME)).rows.dashboards as { id: string; computedAt: number }[]).find((d) => d.id === LEGACY_HOST)?.computedAt ?? 0)
        .toBeGreaterThanOrEqual(now);

      // The report reads the full history, and the weekly snapshot stored before the upgrade.
      const report = await browser.context.newPage();
      await report.goto(url(`report.html?host=${LEGACY_HOST}`));
      const wip = seed.tickets.filter((t) => t.open === 1 && t.startedAt !== undefined).length;
      expect(wip).toBeGreaterThan(0);
      await expect(report.locator('[data-queuelens="report-wip"]')).toHaveAttribute('data-wip', String(wip));
      if (seed.snapshotWeek) {
        await expect(report.locator(`[data-queuelens="snapshot-row"][data-host="${LEGACY_HOST}"][data-week="${seed.snapshotWeek}"]`)).toBeVisible();
      }

      // New sightings ingest on top of the old history: two new tickets, one old ticket solved.
      const solved = legacyObservations(now).filter((o) => o.id === '105').at(-1)!;
      const fresh: Observation[] = [
        observation('201', { seenAt: now - hours(1), createdAt: now - hours(3), status: 'new', assignee: null }),
        observation('202', { seenAt: now - hours(1), createdAt: now - hours(2), status: 'open' }),
        { ...solved, seenAt: now - hours(1), status: 'solved' },
      ];
      const expected = storedRowsOf([...legacyObservations(now), ...fresh]);
      const ingested = (await raw.evaluate((observations) => chrome.runtime.sendMessage({ type: 'observe', batchId: 'after-upgrade-1', observations }), fresh)) as {
        ok: boolean;
        stored: number;
        transitions: number;
      };
      expect(ingested).toMatchObject({ ok: true, stored: 3, transitions: expected.transitions.length - seed.transitions.length });
      // Acknowledged once in the inbox; history has it once the background has folded it.
      await expect.poll(async () => (await raw.evaluate(readDatabase, DB_NAME)).rows.inbox?.length).toBe(0);
      const ingestedRows = (await raw.evaluate(readDatabase, DB_NAME)).rows;
      expect(ingestedRows.tickets).toEqual(byPrimaryKey(currentLayout, 'tickets', expected.tickets));
      expect(ingestedRows.transitions).toEqual(byPrimaryKey(currentLayout, 'transitions', expected.transitions));
      // Rollups: the whole history's, plus the older day kept from before the upgrade (v2+).
      const fromHistory = new Set(rollupsFromHistory(seed.tickets, seed.transitions).map((r) => r.id));
      const olderDays = ((seed.rows.rollups ?? []) as { id: string }[]).filter((r) => !fromHistory.has(r.id));
      expect(ingestedRows.rollups).toEqual(byPrimaryKey(currentLayout, 'rollups', [...rollupsFromHistory(expected.tickets, expected.transitions), ...olderDays]));
      await popup.reload();
      await expect(popup.locator('[data-queuelens="tile-open"] [data-queuelens="value"]')).toHaveText(String(openCount(expected.tickets)));

      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
}
