import { expect, test, type Page } from '@playwright/test';
import { SimulatedHelpdesk } from '../../lib/demo/helpdesk';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../lib/demo/node/browser';
import { serveHelpdesk } from '../../lib/demo/node/serve';
import { patchSettings } from '../../lib/demo/node/settings';

/**
 * Zendesk views as agents really have them (served by the simulated helpdesk at its real URL):
 * other languages, dark mode, grouped rows, search results, and a single-page app that
 * re-renders rows on refresh and pagination, dropping whatever an extension added.
 */
let browser: ExtensionBrowser;
let helpdesk: SimulatedHelpdesk;
const HOST = 'acme.zendesk.com';

test.beforeAll(async () => {
  helpdesk = new SimulatedHelpdesk({ seed: 11, host: HOST, now: Date.now() });
  browser = await launchExtensionBrowser();
  // These tests are about reading pages; the API backfill is tested on its own.
  await patchSettings(browser, { backfill: { enabled: false } });
  await serveHelpdesk(browser.context, helpdesk, HOST);
});
test.afterAll(async () => browser?.close());

const rows = (page: Page) => page.locator('tr[data-test-id="generic-table-row"]');
const badges = (page: Page) => page.locator('[data-queuelens="badge"]:not([data-level="unknown"])');

/** Every ticket row has exactly one recorded badge, keyed to the ticket its link names. */
async function expectBadgeOnEveryRow(page: Page) {
  const count = await rows(page).count();
  expect(count).toBeGreaterThan(0);
  await expect(badges(page)).toHaveCount(count);
  const mismatches = await page.$$eval('tr[data-test-id="generic-table-row"]', (trs) =>
    trs.filter((tr) => {
      const id = /\/agent\/tickets\/(\d+)/.exec(tr.querySelector('a[href^="/agent/tickets/"]')?.getAttribute('href') ?? '')?.[1];
      const badge = tr.querySelectorAll('[data-queuelens="badge"]');
      return badge.length !== 1 || badge[0].getAttribute('data-ticket-key') !== `zendesk:acme.zendesk.com:${id}`;
    }).length,
  );
  expect(mismatches).toBe(0);
}

for (const locale of ['de', 'fr', 'es', 'pt', 'ja']) {
  test(`a view in ${locale} gets badges on every row`, async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://${HOST}/agent/filters/${helpdesk.views()[2].id}?locale=${locale}`);
    await expectBadgeOnEveryRow(page);
    await page.close();
  });
}

test('grouped rows get no badge; reordered columns with no Priority or SLA still work', async () => {
  const page = await browser.context.newPage();
  await page.goto(`https://${HOST}/agent/filters/${helpdesk.views()[2].id}?groupBy=group&columns=assignee,subject,status,updated,id`);
  const groupRows = page.locator('tr[data-test-id="generic-table-rows-group-by"]');
  expect(await groupRows.count()).toBeGreaterThan(0);
  await expectBadgeOnEveryRow(page);
  await expect(groupRows.locator('[data-queuelens="badge"]')).toHaveCount(0);
  await page.close();
});

test('in Zendesk dark mode the badges switch to dark colours', async () => {
  const page = await browser.context.newPage();
  await page.goto(`https://${HOST}/agent/filters/${helpdesk.views()[2].id}?theme=dark`);
  await expectBadgeOnEveryRow(page);
  await expect(page.locator('html')).toHaveAttribute('data-queuelens-theme', 'dark');
  const background = await badges(page).first().evaluate((e) => getComputedStyle(e).backgroundColor);
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  expect(0.2126 * r + 0.7152 * g + 0.0722 * b).toBeLessThan(100);
  await page.close();
});

test('search results tables get badges too', async () => {
  const page = await browser.context.newPage();
  await page.goto(`https://${HOST}/agent/search/1?q=a`);
  await expectBadgeOnEveryRow(page);
  await page.close();
});

test('refresh and pagination re-render rows; badges come back on every row', async () => {
  const page = await browser.context.newPage();
  const view = helpdesk.views().find((v) => v.count > 30)!;
  await page.goto(`https://${HOST}/agent/filters/${view.id}`);
  await expectBadgeOnEveryRow(page);
  const firstPageKeys = await badges(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-ticket-key')));

  await page.click('[data-test-id="views_views-list_header-refresh"]');
  await expectBadgeOnEveryRow(page);

  await page.click('[data-test-id="generic-table-pagination-next"]');
  await expect.poll(async () => (await badges(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-ticket-key'))))[0]).not.toBe(firstPageKeys[0]);
  await expectBadgeOnEveryRow(page);

  // Single-page navigation to another view (history.pushState): badges follow.
  await page.click(`a[data-test-id="views_views-list_item-view-${helpdesk.views()[0].id}"]`);
  await expect(page).toHaveURL(new RegExp(`/agent/filters/${helpdesk.views()[0].id}`));
  await expectBadgeOnEveryRow(page);
  await page.close();
});
