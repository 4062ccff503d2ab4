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
  await report.getByLabel('Group').selectOption(group);
  const groupWip = history.tickets.filter((t) => t.open === 1 && t.startedAt !== undefined && t.group === group).length;
  await expect(report.locator('[data-queuelens="report-wip"]')).toHaveAttribute('data-wip', String(groupWip));
  await report.getByLabel('Group').selectOption('');
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
