import { expect, test, type Frame, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../lib/demo/node/browser';

let browser: ExtensionBrowser;
const pages: Record<string, string> = {
  '/agent/filters/360001': readFileSync(resolve('test/fixtures/zendesk/view-basic.html'), 'utf8'),
  '/agent/tickets/4123': readFileSync(resolve('test/fixtures/zendesk/ticket-page.html'), 'utf8'),
};

test.beforeAll(async () => {
  browser = await launchExtensionBrowser();
  await browser.context.route('https://acme.zendesk.com/**', (route) => {
    const body = pages[new URL(route.request().url()).pathname];
    return body ? route.fulfill({ contentType: 'text/html', body }) : route.fulfill({ status: 404, body: 'not found' });
  });
});
test.afterAll(async () => browser?.close());

async function panelFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/panel.html'))).toBe(true);
  return page.frames().find((f) => f.url().includes('/panel.html'))!;
}

test('a ticket page shows the QueueLens panel, and it follows changes seen on the page', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://acme.zendesk.com/agent/filters/360001');
  await expect(page.locator('[data-queuelens="badge"]:not([data-level="unknown"])')).toHaveCount(4);

  await page.goto('https://acme.zendesk.com/agent/tickets/4123');
  await expect(page.locator('[data-queuelens="panel"][data-ticket-key="zendesk:acme.zendesk.com:4123"]')).toHaveCount(1);
  const frame = await panelFrame(page);
  await expect(frame.locator('[data-queuelens="panel-handoffs"]')).toHaveText('0');
  await expect(frame.locator('[data-queuelens="panel-timeline"] li')).toHaveCount(1);
  // No badge on a ticket page: the panel is the ticket's view.
  await expect(page.locator('[data-queuelens="badge"]')).toHaveCount(0);

  // The agent reassigns and changes status in the ticket (simulated: the page re-renders).
  await page.evaluate(() => {
    document.querySelector('[data-test-id="ticket-4123-standard-layout"] [data-test-id="assignee-field-selected-agent-tag"]')!.textContent = 'Priya Natarajan';
    document.querySelector<HTMLInputElement>('[data-test-id="ticket-4123-standard-layout"] [data-test-id="ticket-system-field-status"] input')!.setAttribute('value', 'Pending');
    document.querySelector<HTMLInputElement>('[data-test-id="ticket-4123-standard-layout"] [data-test-id="ticket-system-field-status"] input')!.value = 'Pending';
  });
  await expect(frame.locator('[data-queuelens="panel-handoffs"]')).toHaveText('1');
  await expect(frame.locator('[data-queuelens="panel-owners"]')).toContainText('Assignee: Sam Ortiz → Priya Natarajan');
  await expect(frame.locator('[data-queuelens="panel-timeline"] li')).toHaveCount(2);
  await expect(frame.locator('[data-queuelens="panel-timeline"] li').last()).toContainText('pending');

  // Leaving the ticket removes the panel.
  await page.goto('https://acme.zendesk.com/agent/filters/360001');
  await expect(page.locator('[data-queuelens="panel"]')).toHaveCount(0);
  await page.close();
});
