import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../lib/demo/node/browser';

/**
 * QueueLens runs only where it reads: the apps that share the hosts' domains (Zendesk's Help
 * Center, Confluence, a Jira Service Management customer portal) get no content script, so they
 * pay nothing for it (lib/hosts.ts).
 */
let browser: ExtensionBrowser;
const BOARD = readFileSync(resolve('test/fixtures/jira/board-kit.html'), 'utf8');
const ARTICLE = '<!doctype html><title>Article</title><main><h1>How to reset a password</h1><p>Steps…</p></main>';

test.beforeAll(async () => {
  browser = await launchExtensionBrowser();
  for (const origin of ['https://acme.atlassian.net', 'https://acme.zendesk.com']) {
    await browser.context.route(`${origin}/**`, (route) => {
      const board = new URL(route.request().url()).pathname.includes('/boards/');
      return route.fulfill({ contentType: 'text/html', body: board ? BOARD : ARTICLE });
    });
  }
});
test.afterAll(async () => browser?.close());

/** Names of the extension script worlds in the page's main frame (a content script runs in one). */
async function extensionWorlds(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const worlds: string[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.auxData?.type === 'isolated' && context.origin.startsWith('chrome-extension://')) worlds.push(context.name);
  });
  await cdp.send('Runtime.enable');
  await cdp.detach();
  return worlds;
}

test('the content script runs on a Jira board, and not on Confluence, a customer portal or a Help Center article', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12');
  await expect(page.locator('[data-queuelens="badge"]').first()).toBeVisible();
  expect(await extensionWorlds(page)).toHaveLength(1);

  await page.close();

  // Each in a tab of its own, as a link opens them (a tab keeps the script worlds its frame had).
  for (const url of [
    'https://acme.atlassian.net/wiki/spaces/OPS/pages/123/Runbook',
    'https://acme.atlassian.net/servicedesk/customer/portal/2',
    'https://acme.zendesk.com/hc/en-us/articles/360001',
  ]) {
    const other = await browser.context.newPage();
    await other.goto(url, { waitUntil: 'load' });
    // document_idle has come and gone by now: a matched script would have made its world.
    await other.waitForTimeout(300);
    expect(await extensionWorlds(other), url).toEqual([]);
    await other.close();
  }
});
