import { expect, test, type Frame, type Page } from '@playwright/test';
import { SimulatedHelpdesk } from '../../lib/demo/helpdesk';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../lib/demo/node/browser';
import { serveHelpdesk } from '../../lib/demo/node/serve';
import { patchSettings } from '../../lib/demo/node/settings';
import { isHandoff } from '../../lib/ingest/handoffs';

/**
 * Exact history end to end: the page names the tickets, the host's API (answered by the
 * simulated helpdesk, through the content script on the same origin) says what happened.
 */
let browser: ExtensionBrowser;
let helpdesk: SimulatedHelpdesk;
const HOST = 'acme.zendesk.com';
const apiCalls: string[] = [];

test.beforeAll(async () => {
  helpdesk = new SimulatedHelpdesk({ seed: 7, host: HOST, now: Date.now() });
  browser = await launchExtensionBrowser();
  await patchSettings(browser, { backfill: { enabled: true, requestsPerMinute: 600 } });
  await serveHelpdesk(browser.context, helpdesk, HOST);
  browser.context.on('request', (r) => {
    if (r.url().includes('/api/v2/')) apiCalls.push(new URL(r.url()).pathname);
  });
});
test.afterAll(async () => browser?.close());

/** Human handoffs in a ticket's audits, counted independently of QueueLens's mapping. */
function handoffsInAudits(id: number): number {
  const audits = (helpdesk.api(`/api/v2/tickets/${id}/audits.json?page[size]=100`).body as { audits: { via: { channel: string }; events: { type: string; field_name: string; value: string | null; previous_value: string | null; via?: { channel: string } }[] }[] }).audits;
  let count = 0;
  for (const audit of audits) {
    for (const e of audit.events) {
      if (e.type !== 'Change' || (e.field_name !== 'assignee_id' && e.field_name !== 'group_id')) continue;
      const automatic = (e.via ?? audit.via).channel === 'rule';
      if (isHandoff({ field: e.field_name === 'group_id' ? 'group' : 'assignee', from: e.previous_value, to: e.value, automatic })) count += 1;
    }
  }
  return count;
}

async function panelFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/panel.html'))).toBe(true);
  return page.frames().find((f) => f.url().includes('/panel.html'))!;
}

test('badges switch to exact history from the API, and handoff counts match the audits', async () => {
  // A rate limit on the first batch call: the backfill waits Retry-After and tries again.
  helpdesk.failNext('/api/v2/tickets/show_many.json', { status: 429, retryAfterSeconds: 2 });
  const view = helpdesk.views().find((v) => v.title === 'All unsolved tickets')!;
  const page = await browser.context.newPage();
  await page.goto(`https://${HOST}/agent/filters/${view.id}`);
  const rows = await page.locator('tr[data-test-id="generic-table-row"]').count();
  expect(rows).toBeGreaterThan(10);

  // Exact history: no badge keeps a "≥" lower bound once its ticket is backfilled.
  await expect(page.locator('[data-queuelens="badge"]')).toHaveCount(rows);
  await expect.poll(async () => page.locator('[data-queuelens="badge"]', { hasText: '≥' }).count(), { timeout: 60_000 }).toBe(0);
  expect(apiCalls.filter((p) => p === '/api/v2/tickets/show_many.json').length).toBeGreaterThanOrEqual(2);

  const badges = await page.$$eval('[data-queuelens="badge"]', (els) => els.map((e) => ({ key: e.getAttribute('data-ticket-key')!, text: e.textContent! })));
  let withHandoffs = 0;
  for (const { key, text } of badges) {
    const id = Number(key.split(':').pop());
    const expected = handoffsInAudits(id);
    const shown = /⇄(\d+)/.exec(text)?.[1];
    expect(shown ? Number(shown) : 0, `handoffs of #${id}`).toBe(expected);
    if (expected > 0) withHandoffs += 1;
  }
  expect(withHandoffs).toBeGreaterThan(0);

  // The ticket panel shows the audit-derived timeline.
  const busiest = badges.map((b) => Number(b.key.split(':').pop())).sort((a, b) => handoffsInAudits(b) - handoffsInAudits(a))[0];
  await page.goto(`https://${HOST}/agent/tickets/${busiest}`);
  const frame = await panelFrame(page);
  await expect(frame.locator('.ql-panel__source')).toHaveText('Exact history from the Zendesk API.');
  await expect(frame.locator('[data-queuelens="panel-handoffs"]')).toHaveText(String(handoffsInAudits(busiest)));
  await expect(frame.locator('[data-queuelens="panel-timeline"] li').first()).toBeVisible();
  await page.close();
});

test('QueueLens only reads: every API request it made was a GET', async () => {
  const methods = new Set<string>();
  browser.context.on('request', (r) => {
    if (r.url().includes('/api/v2/')) methods.add(r.method());
  });
  const page = await browser.context.newPage();
  await page.goto(`https://${HOST}/agent/filters/${helpdesk.views()[1].id}`);
  await expect(page.locator('[data-queuelens="badge"]').first()).toBeVisible();
  await page.waitForTimeout(1500);
  expect([...methods].filter((m) => m !== 'GET')).toEqual([]);
  await page.close();
});
