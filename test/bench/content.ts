import type { BrowserContext, Page } from '@playwright/test';
import { SimulatedHelpdesk } from '../../lib/demo';
import { serveHelpdesk } from '../../lib/demo/node/serve';
import { collectPassLogs, launchExtensionBrowser, launchPlainBrowser, median, round, waitForLog, type PassLog } from './common';
import { JIRA_BOARD_URL, JIRA_LIST_URL, serveJira, ZENDESK_VIEW_URL } from './pages';

/** "All unsolved tickets", sorted by creation: the simulated view that `?rows=N` can fill to any size. */

export type Surface = 'zendesk-view' | 'jira-board' | 'jira-list';
export const SURFACES = ['zendesk-view', 'jira-board', 'jira-list'] as const;
const URLS: Record<Surface, (rows: number) => string> = { 'zendesk-view': ZENDESK_VIEW_URL, 'jira-board': JIRA_BOARD_URL, 'jira-list': JIRA_LIST_URL };

export interface ContentPassResult {
  surface: Surface;
  rows: number;
  runs: number;
  /** First full pass after a page load (cold JIT, what a first visit pays). */
  fullPassColdMs: number;
  /** A full pass of the same page after a single-page navigation: warm JIT, rows unchanged, so their readings are reused. */
  fullPassWarmMs: number;
  /**
   * A full pass after the host re-renders every row with the same tickets (a refresh, a sort):
   * warm JIT, but every row is new, so every row is read and its badge drawn again at once.
   */
  fullPassRerendered: { ms: number; parseMs: number; drawMs: number };
  /** First pass + the draws until the first badges are on screen: the script's cost of a first visit with badges drawn. */
  firstVisitMs: number;
  /** Badges that first draw put on the page (rows near the viewport; see lib/content/near-viewport.ts). */
  firstVisitBadges: number;
  incremental: { ms: number; full: boolean; changedRows: number; itemsRead: number };
}

/** Changes 10 rows' assignee text, spread over the page, the way a live host re-renders a cell. */
async function mutateTenRows(page: Page, surface: Surface, round: number): Promise<void> {
  await page.evaluate(
    ({ surface, round }) => {
      const name = `Bench Agent ${round}`;
      const targets: Element[] =
        surface === 'zendesk-view'
          ? [...document.querySelectorAll('td[data-test-id="ticket-table-cells-assignee"]')]
          : surface === 'jira-board'
            ? [...document.querySelectorAll('[data-testid="board.common.fields.assignee-field-static.avatar--label"]')]
            : [...document.querySelectorAll('tr[data-testid="native-issue-table.ui.issue-row"]')].map((tr) => tr.children[4]);
      const step = Math.max(1, Math.floor(targets.length / 10));
      for (let k = 0; k < 10 && k * step < targets.length; k++) {
        const el = targets[k * step];
        if (surface === 'jira-board') el.textContent = `Assignee: ${name}`;
        else if (surface === 'zendesk-view') el.textContent = name;
        else el.querySelectorAll('span[hidden], span > span').forEach((s) => (s.textContent = name));
      }
    },
    { surface, round },
  );
}

/** The host re-renders every row: same markup, new elements, without QueueLens's badges (a host knows nothing of them). */
async function rerenderRows(page: Page, surface: Surface): Promise<void> {
  await page.evaluate((surface) => {
    const containers =
      surface === 'jira-board' ? document.querySelectorAll('[data-testid="platform-board-kit.ui.column.card-list"]') : document.querySelectorAll('table tbody');
    for (const container of containers) {
      const copy = container.cloneNode(true) as Element;
      copy.querySelectorAll('[data-queuelens]').forEach((badge) => badge.remove());
      container.innerHTML = copy.innerHTML;
    }
  }, surface);
}

async function oneRun(context: BrowserContext, surface: Surface, rows: number, run: number) {
  const page = await context.newPage();
  const logs = collectPassLogs(page);
  await page.goto(URLS[surface](rows));
  const isFull = (l: PassLog) => l.kind === 'pass' && l.full === true && (l.items ?? 0) >= rows;
  const first = await waitForLog(logs, 0, isFull);
  const firstAt = logs.indexOf(first);
  // First badges on screen: the background's answer and the rows' nearness to the viewport meet in
  // one draw (a redraw, or a `near` draw when the rows' nearness is known last); count every draw until then.
  const badgesOn = await waitForLog(logs, firstAt + 1, (l) => (l.kind === 'redraw' || l.kind === 'near') && (l.drawn ?? 0) > 0);
  const draws = logs.slice(firstAt + 1, logs.indexOf(badgesOn) + 1).filter((l) => l.kind !== 'pass');
  const redraw = { ms: draws.reduce((sum, l) => sum + l.ms, 0), drawn: badgesOn.drawn ?? 0 };

  let mark = logs.length;
  await mutateTenRows(page, surface, run);
  const incremental = await waitForLog(logs, mark, (l) => l.kind === 'pass');
  // Let the 10 changed observations be acknowledged (and redrawn) before the next measurement.
  await waitForLog(logs, logs.indexOf(incremental) + 1, (l) => l.kind === 'redraw').catch(() => undefined);

  // Single-page navigation (same view, new query): WXT's location watcher makes the runner pass in full again, warm.
  mark = logs.length;
  await page.evaluate((k) => history.pushState(null, '', `${location.pathname}${location.search}&bench=${k}`), run);
  const warm = await waitForLog(logs, mark, isFull);

  mark = logs.length;
  await rerenderRows(page, surface);
  const rerendered = await waitForLog(logs, mark, (l) => l.kind === 'pass' && (l.items ?? 0) >= rows);
  await page.close();
  return { first, redraw, incremental, warm, rerendered };
}

export async function benchContentPasses(sizes: number[], runs: number, log: (s: string) => void): Promise<ContentPassResult[]> {
  const browser = await launchExtensionBrowser();
  const results: ContentPassResult[] = [];
  try {
    const desk = new SimulatedHelpdesk({ seed: 11, now: Date.now() });
    desk.ensureUnsolved(Math.max(...sizes));
    await serveHelpdesk(browser.context, desk);
    await serveJira(browser.context);
    await browser.context.addInitScript(() => document.addEventListener('DOMContentLoaded', () => document.documentElement.setAttribute('data-queuelens-debug', '')));
    for (const surface of SURFACES) {
      for (const rows of sizes) {
        // One unmeasured load: the first visit to a surface also pays for the service worker's first ingest of these tickets.
        await oneRun(browser.context, surface, rows, 0);
        const samples = [];
        for (let r = 1; r <= runs; r++) samples.push(await oneRun(browser.context, surface, rows, r));
        const inc = samples.map((s) => s.incremental);
        const result: ContentPassResult = {
          surface,
          rows,
          runs,
          fullPassColdMs: round(median(samples.map((s) => s.first.ms))),
          fullPassWarmMs: round(median(samples.map((s) => s.warm.ms))),
          fullPassRerendered: {
            ms: round(median(samples.map((s) => s.rerendered.ms))),
            parseMs: round(median(samples.map((s) => s.rerendered.parseMs ?? NaN))),
            drawMs: round(median(samples.map((s) => s.rerendered.drawMs ?? NaN))),
          },
          firstVisitMs: round(median(samples.map((s) => s.first.ms + s.redraw.ms))),
          firstVisitBadges: median(samples.map((s) => s.redraw.drawn)),
          incremental: {
            ms: round(median(inc.map((i) => i.ms))),
            full: inc.some((i) => i.full === true),
            changedRows: Math.max(...inc.map((i) => i.changedRows ?? 0)),
            itemsRead: Math.max(...inc.map((i) => i.items ?? 0)),
          },
        };
        log(`  ${surface} ${rows} rows: cold ${result.fullPassColdMs} ms, warm ${result.fullPassWarmMs} ms, re-rendered ${result.fullPassRerendered.ms} ms (read ${result.fullPassRerendered.parseMs}, draw ${result.fullPassRerendered.drawMs}), first visit ${result.firstVisitMs} ms (${result.firstVisitBadges} badges), 10-row incremental ${result.incremental.ms} ms (${result.incremental.full ? 'FULL' : 'scoped'}, read ${result.incremental.itemsRead})`);
        results.push(result);
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}

export interface RatioResult {
  surface: Surface;
  rows: number;
  runs: number;
  withMs: { task: number; script: number; layout: number; style: number };
  withoutMs: { task: number; script: number; layout: number; style: number };
  ratio: number;
  scriptRatio: number;
}

type Metrics = Record<string, number>;
async function metricsOf(page: Page, cdp: Awaited<ReturnType<BrowserContext['newCDPSession']>>): Promise<Metrics> {
  void page;
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** A page of the same site with nothing to read: where each measured load starts from. */
const BLANK: Record<Surface, string> = {
  'zendesk-view': 'https://acme.zendesk.com/agent/blank',
  'jira-board': 'https://acme.atlassian.net/blank',
  'jira-list': 'https://acme.atlassian.net/blank',
};

/**
 * Main-thread time of loading and settling a static 500-row view, with the extension and without
 * (same flags, same HTML). The simulated Zendesk view's inline script only listens for clicks;
 * the Jira pages have none: idle.
 */
async function pageCost(context: BrowserContext, surface: Surface, rows: number, extension: boolean) {
  const page = await context.newPage();
  const logs = collectPassLogs(page);
  // Warm the site's renderer process first, so the metrics below belong to one process.
  await page.goto(BLANK[surface]);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const before = await metricsOf(page, cdp);
  await page.goto(URLS[surface](rows), { waitUntil: 'load' });
  if (extension) {
    const pass = await waitForLog(logs, 0, (l) => l.kind === 'pass' && l.full === true);
    await waitForLog(logs, logs.indexOf(pass) + 1, (l) => l.kind === 'redraw');
  }
  // Settle: anything either page still does within a second and a half counts too.
  await page.waitForTimeout(1500);
  const after = await metricsOf(page, cdp);
  const delta = (name: string) => (after[name] >= before[name] ? after[name] - before[name] : after[name]) * 1000;
  await page.close();
  return { task: delta('TaskDuration'), script: delta('ScriptDuration'), layout: delta('LayoutDuration'), style: delta('RecalcStyleDuration') };
}

export async function benchPageRatio(surface: Surface, rows: number, runs: number, log: (s: string) => void): Promise<RatioResult> {
  const ext = await launchExtensionBrowser();
  const plain = await launchPlainBrowser();
  try {
    const desk = new SimulatedHelpdesk({ seed: 11, now: Date.now() });
    desk.ensureUnsolved(rows);
    await serveHelpdesk(ext.context, desk);
    await serveHelpdesk(plain.context, desk);
    await serveJira(ext.context);
    await serveJira(plain.context);
    await ext.context.addInitScript(() => document.addEventListener('DOMContentLoaded', () => document.documentElement.setAttribute('data-queuelens-debug', '')));
    await pageCost(ext.context, surface, rows, true);
    await pageCost(plain.context, surface, rows, false);
    const withs = [];
    const withouts = [];
    // Alternate, so drift on the machine hits both sides alike.
    for (let r = 0; r < runs; r++) {
      withs.push(await pageCost(ext.context, surface, rows, true));
      withouts.push(await pageCost(plain.context, surface, rows, false));
    }
    const med = (xs: { task: number; script: number; layout: number; style: number }[]) => ({
      task: round(median(xs.map((x) => x.task))),
      script: round(median(xs.map((x) => x.script))),
      layout: round(median(xs.map((x) => x.layout))),
      style: round(median(xs.map((x) => x.style))),
    });
    const withMs = med(withs);
    const withoutMs = med(withouts);
    const result = { surface, rows, runs, withMs, withoutMs, ratio: round(withMs.task / withoutMs.task, 3), scriptRatio: round(withMs.script / withoutMs.script, 3) };
    log(`  page main thread, ${surface} ${rows} rows: with ${withMs.task} ms, without ${withoutMs.task} ms → ${result.ratio}×`);
    return result;
  } finally {
    await ext.close();
    await plain.close();
  }
}
