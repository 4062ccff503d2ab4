import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { SimulatedHelpdesk } from '../helpdesk';
import type { ExtensionBrowser } from './browser';
import { patchSettings } from './settings';

interface TourOptions {
  browser: ExtensionBrowser;
  helpdesk: SimulatedHelpdesk;
  host: string;
  outDir: string;
}

async function waitForBadges(page: Page): Promise<number> {
  const rows = await page.locator('tr[data-test-id="generic-table-row"]').count();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-queuelens="badge"]:not([data-level="unknown"])').length >= n,
    rows,
    { timeout: 30_000 },
  );
  return rows;
}

/** Waits (at most a minute) until the API backfill has replaced every "≥" lower bound. */
async function waitForExactHistory(page: Page): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const approximate = await page.locator('[data-queuelens="badge"]', { hasText: '≥' }).count();
    if (approximate === 0) return;
    await page.waitForTimeout(1000);
  }
  console.log('  (some tickets still show lower bounds: the backfill has not reached them yet)');
}

/**
 * The headless demo: an agent opens each view, the helpdesk moves on (reassignments, status
 * changes), the agent looks again; then the queue, the popup and the export are saved.
 */
export async function runHeadlessTour({ browser, helpdesk, host, outDir }: TourOptions): Promise<Record<string, string>> {
  // The simulated helpdesk has no account-wide rate limit to share: let the API backfill run at
  // a budget a big Zendesk plan allows, as a user would on the options page.
  await patchSettings(browser, { backfill: { enabled: true, requestsPerMinute: 600 } });
  const page = await browser.context.newPage();
  const views = helpdesk.views();
  for (const view of views) {
    await page.goto(`https://${host}/agent/filters/${view.id}`);
    const rows = await waitForBadges(page);
    console.log(`  saw view "${view.title}": ${rows} rows badged`);
  }

  // The world moves: a few handoffs and status changes, then the agent looks again.
  const open = helpdesk.tickets().filter((t) => t.status === 'open' && t.assigneeId !== null);
  const agents = helpdesk.agents().map((a) => a.name);
  open.slice(0, 6).forEach((t, i) => {
    const current = agents.indexOf(helpdesk.nameOf(t.assigneeId));
    helpdesk.reassign(t.id, agents[(current + 1 + i) % agents.length]);
  });
  open.slice(6, 9).forEach((t) => helpdesk.setStatus(t.id, 'pending'));
  helpdesk.advance(Date.now());
  for (const view of views) {
    await page.goto(`https://${host}/agent/filters/${view.id}`);
    await waitForBadges(page);
  }

  await page.goto(`https://${host}/agent/filters/${views[0].id}`);
  await waitForBadges(page);
  await waitForExactHistory(page);
  const queuePng = resolve(outDir, 'queue.png');
  await page.screenshot({ path: queuePng });

  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?host=${host}`);
  await popup.waitForSelector('[data-queuelens="tile-open"]');
  const popupPng = resolve(outDir, 'popup.png');
  await popup.locator('main').screenshot({ path: popupPng });

  // The Team tab: the popup asks the background for the dashboard and shows it when written.
  await popup.locator('[data-queuelens="tab-team"]').click();
  await popup.waitForSelector('[data-queuelens="stat-wip"]', { timeout: 30_000 });
  const popupTeamPng = resolve(outDir, 'popup-team.png');
  await popup.screenshot({ path: popupTeamPng, fullPage: true });

  const report = await browser.context.newPage();
  await report.setViewportSize({ width: 1280, height: 900 });
  await report.goto(`chrome-extension://${browser.extensionId}/report.html?host=${host}`);
  await report.waitForSelector('[data-queuelens="report-charts"], [data-queuelens="report-empty"]', { timeout: 30_000 });
  const reportPng = resolve(outDir, 'report.png');
  await report.screenshot({ path: reportPng, fullPage: true });
  const [download] = await Promise.all([report.waitForEvent('download'), report.getByRole('button', { name: 'Export JSON' }).click()]);
  const exportJson = resolve(outDir, 'queuelens-export.json');
  await download.saveAs(exportJson);
  return { queue: queuePng, popup: popupPng, popupTeam: popupTeamPng, report: reportPng, export: exportJson };
}
