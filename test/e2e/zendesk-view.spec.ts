import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../lib/demo/node/browser';

/**
 * The foundation's promise end to end: a Zendesk view served at its real URL gets a badge on
 * every ticket row (none elsewhere, no layout shift), a reassignment shows as a handoff, and
 * the popup's numbers match the page.
 */
const FIXTURE_NOW = Date.parse('2026-11-24T11:00:00Z');
const VIEW_URL = 'https://acme.zendesk.com/agent/filters/360001';

/** The project's fixture, with its dates moved so that "now" in the fixture is now. */
function viewHtml(edit: (html: string) => string = (h) => h): string {
  const shift = Date.now() - FIXTURE_NOW;
  const html = readFileSync(resolve('test/fixtures/zendesk/view-basic.html'), 'utf8').replace(
    /datetime="([^"]+)"/g,
    (_, iso: string) => `datetime="${new Date(Date.parse(iso) + shift).toISOString()}"`,
  );
  return edit(html);
}

let browser: ExtensionBrowser;
let served = viewHtml();

test.beforeAll(async () => {
  browser = await launchExtensionBrowser();
  await browser.context.route('https://acme.zendesk.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: served }),
  );
});
test.afterAll(async () => browser?.close());

async function badgeTexts(page: Page) {
  return page.$$eval('[data-queuelens="badge"]', (els) => els.map((e) => ({ key: e.getAttribute('data-ticket-key'), text: e.textContent })));
}

test('every ticket row gets one badge, nothing else does, and the table does not move', async () => {
  const page = await browser.context.newPage();
  await page.goto(VIEW_URL);
  const rows = page.locator('tr[data-test-id="generic-table-row"]');
  await expect(rows).toHaveCount(4);
  await expect(page.locator('[data-queuelens="badge"]:not([data-level="unknown"])')).toHaveCount(4);

  const placement = await page.$$eval('[data-queuelens="badge"]', (els) =>
    els.map((e) => ({
      key: e.getAttribute('data-ticket-key'),
      inRow: !!e.closest('tr[data-test-id="generic-table-row"]'),
      rowId: e.closest('tr')?.querySelector('a[href^="/agent/tickets/"]')?.getAttribute('href'),
    })),
  );
  expect(placement).toEqual(
    ['4123', '4127', '4130', '3988'].map((id) => ({ key: `zendesk:acme.zendesk.com:${id}`, inRow: true, rowId: `/agent/tickets/${id}` })),
  );
  const texts = await badgeTexts(page);
  expect(texts[0].text).toMatch(/^6d · ≥\d+[smhd]$/);

  // Each badge shares the subject link's line (a second line would grow a real 40px row).
  const offsets = await page.$$eval('[data-queuelens="badge"]', (els) =>
    els.map((e) => {
      const link = e.parentElement!.querySelector('a[href^="/agent/tickets/"]')!.getBoundingClientRect();
      const badge = e.getBoundingClientRect();
      return Math.abs(badge.top + badge.height / 2 - (link.top + link.height / 2));
    }),
  );
  for (const offset of offsets) expect(offset).toBeLessThan(4);

  // Keyboard users get the explanation too: focusing a badge shows its tooltip.
  await page.locator('[data-queuelens="badge"]').first().focus();
  await expect(page.locator('[data-queuelens="tooltip"]')).toBeVisible();
  await expect(page.locator('[data-queuelens="tooltip"]')).toContainText(/^Age 6d; in current status/);
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-queuelens="tooltip"]')).toBeHidden();

  // Layout: the table's and every row's box are the same with and without the badges.
  const geometry = () =>
    page.$$eval('table[data-test-id="generic-table"], tr, th', (els) => els.map((e) => JSON.stringify(e.getBoundingClientRect())));
  const withBadges = await geometry();
  await page.$$eval('[data-queuelens="badge"]', (els) => els.forEach((e) => e.remove()));
  expect(await geometry()).toEqual(withBadges);
  await page.close();
});

test('a reassignment seen on the next load shows as one handoff, and the popup matches the page', async () => {
  const page = await browser.context.newPage();
  served = viewHtml();
  await page.goto(VIEW_URL);
  await expect(page.locator('[data-queuelens="badge"]:not([data-level="unknown"])')).toHaveCount(4);

  served = viewHtml((html) => html.replace('<td data-garden-id="tables.cell" data-test-id="ticket-table-cells-assignee">Sam Ortiz</td>', '<td data-garden-id="tables.cell" data-test-id="ticket-table-cells-assignee">Priya Natarajan</td>'));
  await page.reload();
  const reassigned = page.locator('[data-queuelens="badge"][data-ticket-key="zendesk:acme.zendesk.com:4123"]');
  await expect(reassigned).toHaveText(/⇄1$/);
  await expect(reassigned).toHaveAttribute('aria-label', /1 handoff \(last: Sam Ortiz → Priya Natarajan\)/);
  // The other ticket Sam holds was not reassigned.
  await expect(page.locator('[data-queuelens="badge"][data-ticket-key="zendesk:acme.zendesk.com:3988"]')).not.toHaveText(/⇄/);

  // Expected figures, read from the page itself: open rows, oldest by Requested date, thresholds.
  const expected = await page.$$eval('tr[data-test-id="generic-table-row"]', (rows) => {
    const ages = rows.map((r) => Date.now() - Date.parse(r.querySelectorAll('time')[0].getAttribute('datetime')!));
    const day = 86_400_000;
    return {
      open: rows.length,
      oldestDays: Math.floor(Math.max(...ages) / day),
      overAlert: ages.filter((a) => a >= 7 * day).length,
      overWarn: ages.filter((a) => a >= 3 * day && a < 7 * day).length,
    };
  });
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?host=acme.zendesk.com`);
  await expect(popup.locator('[data-queuelens="tile-open"] [data-queuelens="value"]')).toHaveText(String(expected.open));
  await expect(popup.locator('[data-queuelens="tile-oldest"] [data-queuelens="value"]')).toHaveText(`${expected.oldestDays}d`);
  await expect(popup.locator('[data-queuelens="tile-over-alert"] [data-queuelens="value"]')).toHaveText(String(expected.overAlert));
  await expect(popup.locator('[data-queuelens="tile-over-warn"] [data-queuelens="value"]')).toHaveText(String(expected.overWarn));
  await expect(popup.locator('[data-queuelens="refreshed"]')).toContainText('Last refreshed');
  await popup.close();
  await page.close();
});

test('a page the adapter cannot read is reported in the popup', async () => {
  served = viewHtml((html) => html.replaceAll('/agent/tickets/', '/x/').replace(/>#\d+</g, '><'));
  const page = await browser.context.newPage();
  await page.goto('https://acme.zendesk.com/agent/filters/360099');
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?host=acme.zendesk.com`);
  await expect(popup.locator('[data-queuelens="health"]')).toContainText('Zendesk view layout not recognised: 4 of 4 rows have no ticket id');
  await popup.close();
  await page.close();
});
