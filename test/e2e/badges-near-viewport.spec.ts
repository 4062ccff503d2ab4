import { expect, test } from '@playwright/test';
import { SimulatedHelpdesk } from '../../lib/demo';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../lib/demo/node/browser';
import { serveHelpdesk } from '../../lib/demo/node/serve';

/**
 * A long view gets badges where the agent looks: rows within reach of the viewport at once, a row
 * further down before it scrolls into view, and no row's badge ever on another row.
 * (Why not all 500 at once: lib/content/near-viewport.ts.)
 */
const HOST = 'long.zendesk.com';
const ROWS = 400;
let browser: ExtensionBrowser;

test.beforeAll(async () => {
  browser = await launchExtensionBrowser();
  const desk = new SimulatedHelpdesk({ seed: 5, host: HOST, now: Date.now() });
  desk.ensureUnsolved(ROWS);
  await serveHelpdesk(browser.context, desk, HOST);
});
test.afterAll(async () => browser?.close());

const rowBadge = (index: number) => `tr[data-test-id="generic-table-row"] >> nth=${index} >> [data-queuelens="badge"]`;

test('rows near the viewport get badges at once, far rows when scrolled to, each on its own row', async () => {
  const page = await browser.context.newPage();
  await page.goto(`https://${HOST}/agent/filters/360001003?rows=${ROWS}`);
  const rows = page.locator('tr[data-test-id="generic-table-row"]');
  await expect(rows).toHaveCount(ROWS);
  await expect(page.locator(rowBadge(0))).toHaveCount(1);

  // Everything on screen has its badge; the bottom of a 400-row table is not drawn yet.
  const onScreen = await rows.evaluateAll((trs) => trs.filter((tr) => tr.getBoundingClientRect().top < innerHeight).length);
  await expect.poll(() => page.locator('[data-queuelens="badge"]').count()).toBeGreaterThanOrEqual(onScreen);
  expect(await page.locator('[data-queuelens="badge"]').count()).toBeLessThan(ROWS);
  await expect(page.locator(rowBadge(ROWS - 1))).toHaveCount(0);

  // Scrolling to the end draws the last rows' badges; the first rows keep theirs.
  await rows.nth(ROWS - 1).scrollIntoViewIfNeeded();
  await expect(page.locator(rowBadge(ROWS - 1))).toHaveCount(1);
  await expect(page.locator(rowBadge(0))).toHaveCount(1);

  // Each badge belongs to the row it sits in.
  const mismatched = await page.$$eval('[data-queuelens="badge"]', (badges) =>
    badges.filter((b) => {
      const id = /\/agent\/tickets\/(\d+)/.exec(b.closest('tr')?.querySelector('a[href^="/agent/tickets/"]')?.getAttribute('href') ?? '')?.[1];
      return b.getAttribute('data-ticket-key') !== `zendesk:long.zendesk.com:${id}`;
    }).length,
  );
  expect(mismatched).toBe(0);
  await page.close();
});
