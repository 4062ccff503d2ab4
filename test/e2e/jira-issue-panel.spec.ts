import { expect, test, type Frame, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../lib/demo/node/browser';
import { patchSettings } from '../../lib/demo/node/settings';

/** Issue 4: the Jira issue view gets the same ticket panel as a Zendesk ticket. */
let browser: ExtensionBrowser;
const issuePage = readFileSync(resolve('test/fixtures/jira/issue.html'), 'utf8');

test.beforeAll(async () => {
  browser = await launchExtensionBrowser();
  await patchSettings(browser, { backfill: { enabled: false } });
  await browser.context.route('https://acme.atlassian.net/**', (route) =>
    new URL(route.request().url()).pathname === '/browse/RDC-401'
      ? route.fulfill({ contentType: 'text/html', body: issuePage })
      : route.fulfill({ status: 404, body: 'not found' }),
  );
});
test.afterAll(async () => browser?.close());

async function panelFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/panel.html'))).toBe(true);
  return page.frames().find((f) => f.url().includes('/panel.html'))!;
}

test('the Jira issue view shows the QueueLens panel for its issue', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://acme.atlassian.net/browse/RDC-401');
  await expect(page.locator('[data-queuelens="panel"][data-ticket-key="jira:acme.atlassian.net:RDC-401"]')).toHaveCount(1);
  const frame = await panelFrame(page);
  await expect(frame.locator('h1')).toHaveText('QueueLens · #RDC-401');
  await expect(frame.locator('[data-queuelens="panel-handoffs"]')).toHaveText('0');
  await expect(frame.locator('.ql-panel__source')).toHaveText('History as observed by QueueLens.');
  await page.close();
});
