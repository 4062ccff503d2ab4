import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../lib/demo/node/browser';
import { computeDashboard } from '../../lib/metrics/dashboard';
import { dashboardOptionsFor } from '../../lib/queries/dashboard-data';
import { readSettings } from '../../lib/settings/schema';
import { generateHistory, type SyntheticHistory } from '../../lib/synthetic/history';

/**
 * Popup and report end to end: a seeded history is written into the extension's IndexedDB
 * through an extension page, the background computes the dashboard on the popup's message, and
 * the numbers on screen equal computeDashboard's over the same rows. Axe (serious / critical),
 * keyboard tabs, remembered tab, links, exports and screenshots at real sizes.
 */
/** The extension API inside page.evaluate (extension pages only). */
declare const chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };

const HOST = 'acme.zendesk.com';
const SHOTS = 'test-results/screenshots';
let browser: ExtensionBrowser;
let history: SyntheticHistory;
let me: string;

const page = (p: string) => `chrome-extension://${browser.extensionId}/${p}`;

async function seed(ext: Page, h: SyntheticHistory) {
  const CHUNK = 5000;
  for (const [table, rows] of [
    ['tickets', h.tickets],
    ['transitions', h.transitions],
    ['rollups', h.rollups],
  ] as const) {
    for (let k = 0; k < rows.length; k += CHUNK) {
      await ext.evaluate(
        ({ table, rows }) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('queuelens');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const idb = open.result;
              const tx = idb.transaction(table, 'readwrite');
              for (const r of rows) tx.objectStore(table).put(r);
              tx.oncomplete = () => (idb.close(), resolve());
              tx.onerror = () => reject(tx.error);
            };
          }),
        { table, rows: rows.slice(k, k + CHUNK) as unknown[] },
      );
    }
  }
}

async function setSettings(ext: Page, settings: unknown) {
  await ext.evaluate((s) => chrome.storage.local.set({ settings: s }), settings as Record<string, unknown>);
}

async function seriousViolations(p: Page) {
  const result = await new AxeBuilder({ page: p }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchExtensionBrowser();
  history = generateHistory({ seed: 11, tickets: 900, days: 120, agents: 10, groups: 5, host: HOST, now: Date.now() });
  // "Me" = the agent holding the most open tickets, so Mine has content.
  const counts = new Map<string, number>();
  for (const t of history.tickets) if (t.open === 1 && t.assignee) counts.set(t.assignee, (counts.get(t.assignee) ?? 0) + 1);
  me = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
});
test.afterAll(async () => browser?.close());

test('empty and partial states teach: no data, no "me", a host waiting for access', async () => {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(page('popup.html'));
  await expect(popup.locator('[data-queuelens="empty"]')).toContainText('Zendesk: open a view');
  await setSettings(popup, {
    version: 2,
    instances: [{ id: 'corp', kind: 'jira-server', tool: 'jira', host: 'jira.corp.example', origin: 'https://jira.corp.example', label: 'Corp Jira' }],
  });
  await expect(popup.getByRole('button', { name: 'Allow access to jira.corp.example' })).toBeVisible();
  expect(await seriousViolations(popup)).toEqual([]);
  await setSettings(popup, { version: 2 });
  await popup.close();
});

test('the popup shows the background-computed dashboard, equal to computeDashboard on the same history', async () => {
  const ext = await browser.context.newPage();
  await ext.goto(page('popup.html'));
  await expect(ext.locator('[data-queuelens="empty"]')).toBeVisible(); // Dexie has opened (and created) the database
  await seed(ext, history);
  const rawSettings = { version: 2, team: { members: [{ id: 'me', name: me }], me: 'me' }, goals: { closedPerDay: 4, closedPerWeek: 20 } };
  await setSettings(ext, rawSettings);
  await ext.close();

  // Before the background has computed anything the popup asks for it and shows its tiles at once.
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(page(`popup.html?host=${HOST}`));
  const openNow = history.tickets.filter((t) => t.open === 1).length;
  await expect(popup.locator('[data-queuelens="tile-open"] [data-queuelens="value"]')).toHaveText(openNow.toLocaleString('en-US'));
  await expect(popup.locator('[data-queuelens="computed"]')).toBeVisible({ timeout: 30_000 });

  // The same figures from the engine in Node, at the instant the background computed.
  const { computedAt, timeZone, locale } = await popup.evaluate(
    () =>
      new Promise<{ computedAt: number; timeZone: string; locale: string }>((resolve) => {
        const open = indexedDB.open('queuelens');
        open.onsuccess = () => {
          const req = open.result.transaction('dashboards').objectStore('dashboards').get('acme.zendesk.com');
          req.onsuccess = () =>
            resolve({ computedAt: req.result.computedAt, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, locale: navigator.language });
        };
      }),
  );
  const expected = computeDashboard(history, dashboardOptionsFor(readSettings(rawSettings), HOST, computedAt, timeZone));
  const n = (x: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(x);

  // Mine (the default tab): my open tickets, stalled, goals; links into Zendesk in a new tab.
  const mine = expected.personal!;
  await expect(popup.locator('[data-queuelens="stat-my-open"] [data-queuelens="value"]')).toHaveText(n(mine.wip.open));
  await expect(popup.locator('[data-queuelens="stat-my-stalled"] [data-queuelens="value"]')).toHaveText(n(mine.stalled.stalled));
  await expect(popup.locator('[data-queuelens="goal-today"] [data-queuelens="value"]')).toHaveText(n(mine.goals.daily.done));
  await expect(popup.locator('[data-queuelens="goal-week"] [data-queuelens="value"]')).toHaveText(n(mine.goals.weekly.done));
  const firstPaced = popup.locator('[data-queuelens="list-by-pace"] a').first();
  if (mine.pace.items.length) {
    await expect(firstPaced).toHaveAttribute('href', `https://${HOST}/agent/tickets/${mine.pace.items[0].id}`);
    await expect(firstPaced).toHaveAttribute('target', '_blank');
  }
  await popup.screenshot({ path: `${SHOTS}/popup-mine.png`, fullPage: true });
  expect(await seriousViolations(popup)).toEqual([]);

  // Keyboard: the tablist is one tab stop; → selects Team.
  await popup.locator('[data-queuelens="tab-mine"]').focus();
  await popup.keyboard.press('ArrowRight');
  await expect(popup.locator('[data-queuelens="tab-team"]')).toHaveAttribute('aria-selected', 'true');
  await expect(popup.locator('[data-queuelens="tab-team"]')).toBeFocused();
  await expect(popup.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'ql-popup-tab-team');

  await expect(popup.locator('[data-queuelens="stat-wip"] [data-queuelens="value"]')).toHaveText(n(expected.wip.wip));
  await expect(popup.locator('[data-queuelens="stat-stalled"] [data-queuelens="value"]')).toHaveText(n(expected.stalled.stalled));
  await expect(popup.locator('[data-queuelens="stat-at-risk"] [data-queuelens="value"]')).toHaveText(n(expected.sla!.atRisk));
  await expect(popup.locator('[data-queuelens="stat-breached"] [data-queuelens="value"]')).toHaveText(n(expected.sla!.breached));
  await expect(popup.locator('[data-queuelens="capacity-throughput"] [data-queuelens="value"]')).toHaveText(n(expected.capacity.throughput.current ?? NaN));
  await expect(popup.locator('[data-queuelens="chart-age-strip"] circle')).toHaveCount(Math.min(expected.wip.wip, 400));
  await expect(popup.locator('[data-queuelens="chart-throughput"] table tbody tr')).toHaveCount(Math.min(8, expected.flow.weekly.length));
  await popup.screenshot({ path: `${SHOTS}/popup-team.png`, fullPage: true });
  expect(await seriousViolations(popup)).toEqual([]);
  await popup.close();

  // The tab (and scope) are remembered.
  const again = await browser.context.newPage();
  await again.setViewportSize({ width: 360, height: 600 });
  await again.goto(page('popup.html'));
  await expect(again.locator('[data-queuelens="tab-team"]')).toHaveAttribute('aria-selected', 'true');
  await expect(again.locator('[data-queuelens="scope"]')).toHaveValue(HOST);
  await again.close();
});

test('the report draws the charts from the full history, passes axe and exports Markdown', async () => {
  const report = await browser.context.newPage();
  await report.setViewportSize({ width: 1280, height: 900 });
  await report.goto(page(`report.html?host=${HOST}`));
  await expect(report.locator('[data-queuelens="report-charts"]')).toBeVisible({ timeout: 30_000 });
  const wip = history.tickets.filter((t) => t.open === 1 && t.startedAt !== undefined).length;
  await expect(report.locator('[data-queuelens="report-wip"]')).toHaveAttribute('data-wip', String(wip));
  for (const name of ['aging-wip', 'cfd', 'throughput', 'cycle-scatter', 'handoff-matrix']) {
    const chart = report.locator(`[data-queuelens="chart-${name}"]`);
    await expect(chart.getByRole('img')).toBeVisible();
    await expect(chart.locator('[data-queuelens="chart-summary"]')).not.toBeEmpty();
  }
  await expect(report.locator('[data-queuelens="chart-aging-wip"] circle')).toHaveCount(wip);
  await expect(report.locator('[data-queuelens="capacity-history"]')).toContainText('No weekly snapshots yet');

  // Filters: a group narrows everything without a reload of the history.
  const group = history.tickets.find((t) => t.open === 1 && t.group)!.group!;
  await report.locator('[data-queuelens="filter-group"]').selectOption(group);
  const groupWip = history.tickets.filter((t) => t.open === 1 && t.startedAt !== undefined && t.group === group).length;
  await expect(report.locator('[data-queuelens="report-wip"]')).toHaveAttribute('data-wip', String(groupWip));
  await report.locator('[data-queuelens="filter-group"]').selectOption('');
  await report.screenshot({ path: `${SHOTS}/report.png`, fullPage: true });
  expect(await seriousViolations(report)).toEqual([]);

  for (const name of ['Export JSON', 'Export CSV', 'Export Markdown']) await expect(report.getByRole('button', { name })).toBeVisible();
  const [download] = await Promise.all([report.waitForEvent('download'), report.getByRole('button', { name: 'Export Markdown' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^queuelens-acme\.zendesk\.com-\d{4}-W\d{2}-summary\.md$/);
  const path = await download.path();
  const text = (await import('node:fs')).readFileSync(path!, 'utf8');
  expect(text).toContain('# Weekly flow summary');
  expect(text).toContain(`- **WIP:** ${wip}`);
  await report.close();
});

/**
 * Popup time-to-data with a year of team history (DESIGN.md budget ≤ 150 ms). Opt-in
 * (QL_PERF=1): seeding takes a while. Tickets (100k) and rollups are written; the dashboard row
 * is computed in Node over the full year (1M+ transitions) and written as the background would.
 * Transitions are not written: the popup never reads that table (the unit test proves it by
 * leaving them out), so their presence cannot change what it reads.
 */
test('popup time-to-data with a year of history', async () => {
  test.skip(!process.env.QL_PERF, 'set QL_PERF=1 to measure');
  test.setTimeout(600_000);
  const now = Date.now();
  const year = generateHistory({ seed: 42, tickets: 100_000, days: 365, agents: 50, groups: 6, host: 'big.zendesk.com', now });
  const { buildHistoryIndex } = await import('../../lib/metrics/history-index');
  const { buildDashboardData } = await import('../../lib/queries/dashboard-data');
  const { DEFAULT_SETTINGS } = await import('../../lib/settings/schema');
  const index = buildHistoryIndex(year.tickets, year.transitions);
  const row = { id: 'big.zendesk.com', computedAt: now, data: buildDashboardData(index, year.rollups, DEFAULT_SETTINGS, 'big.zendesk.com', now) };
  const ext = await browser.context.newPage();
  await ext.goto(page('popup.html'));
  await seed(ext, { tickets: year.tickets, transitions: [], rollups: year.rollups });
  await ext.evaluate(
    (r) =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('queuelens');
        open.onsuccess = () => {
          const tx = open.result.transaction('dashboards', 'readwrite');
          // Fresh, as the background keeps it: a stale row would make every popup ask for a recompute.
          tx.objectStore('dashboards').put({ ...r, computedAt: Date.now() });
          tx.oncomplete = () => resolve();
        };
      }),
    row as unknown as Record<string, unknown>,
  );
  await ext.evaluate(() => chrome.storage.local.set({ popupState: { tab: 'team', scope: 'big.zendesk.com' } }));
  await ext.close();
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const popup = await browser.context.newPage();
    await popup.addInitScript(() => {
      const w = window as unknown as { __qlReady?: number };
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-queuelens="tile-open"] [data-queuelens="value"]') && document.querySelector('[data-queuelens="stat-wip"] [data-queuelens="value"]')) {
          w.__qlReady = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await popup.goto(page('popup.html?host=big.zendesk.com'));
    await popup.waitForFunction(() => (window as unknown as { __qlReady?: number }).__qlReady !== undefined, undefined, { timeout: 30_000 });
    times.push(await popup.evaluate(() => (window as unknown as { __qlReady: number }).__qlReady));
    await popup.close();
  }
  times.sort((a, b) => a - b);
  console.log(`popup_time_to_data_ms ${JSON.stringify({ runs: times.map(Math.round), median: Math.round(times[2]) })}`);
  expect(times[2]).toBeLessThan(1000); // a loose guard; the budget (150 ms) is reported, not asserted (shared CI machine)
});
