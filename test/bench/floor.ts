import type { BrowserContext } from '@playwright/test';
import { SimulatedHelpdesk } from '../../lib/demo';
import { serveHelpdesk } from '../../lib/demo/node/serve';
import { launchPlainBrowser, median, round } from './common';
import { JIRA_LIST_URL, serveJira, ZENDESK_VIEW_URL } from './pages';

/**
 * The floor under a cold full pass: on the same 500-row page, in a fresh isolated world (what a
 * content script gets), only the DOM reads a parser's usual path makes per row — the same cells,
 * elements, attributes and texts — with no parsing, no readings built and no runner bookkeeping.
 * Every element a script in such a world touches costs it a new wrapper object; this measures
 * what those reads alone cost on this machine, so the cold pass's figure can be read against it.
 *
 * The reads mirror `readRow` in lib/zendesk/parse-view.ts and the row loop of `parseIssueTable`
 * in lib/jira/parse-list.ts on the bench pages' markup; keep them in step when those change.
 */
export type FloorSurface = 'zendesk-view' | 'jira-list';
export const FLOOR_SURFACES: readonly FloorSurface[] = ['zendesk-view', 'jira-list'];

export interface FloorResult {
  surface: FloorSurface;
  rows: number;
  runs: number;
  /** performance.now() around the reads, as the runner times a pass. */
  ms: number;
  /** The same evaluation in main-thread CPU time (DevTools thread ticks). */
  cpuMs: number;
}

/** Column index by header label prefix, the way both parsers find their columns (labels, not positions). */
const COLUMN_OF = `const heads = [...table.querySelectorAll('thead th')].map((th) => (th.getAttribute('aria-label') || th.textContent || '').trim().toLowerCase());
  const col = (label) => { const i = heads.findIndex((h) => h.startsWith(label)); if (i < 0) throw new Error('no column ' + label); return i; };`;

const READS: Record<FloorSurface, { rowSelector: string; columns: string; perRow: string }> = {
  'zendesk-view': {
    rowSelector: 'tr[data-test-id="generic-table-row"]',
    columns: `const S = col('subject'), ST = col('status'), A = col('assignee'), G = col('group'), P = col('priority'), C = col('requested'), U = col('updated'), L = col('next sla');`,
    // Subject link (href, text, the badge host above it); status label; three texts; two <time> datetimes; the SLA cell.
    perRow: `const cells = row.children; const link = cells.item(S).querySelector('a[href*="/agent/tickets/"]');
      n += link.getAttribute('href').length + link.textContent.length + (link.parentElement ? 1 : 0);
      const status = cells.item(ST); n += (status.getAttribute('aria-label') ?? status.querySelector('[aria-label]').getAttribute('aria-label')).length;
      n += cells.item(A).textContent.length + cells.item(G).textContent.length + cells.item(P).textContent.length;
      n += cells.item(C).querySelector('time').getAttribute('datetime').length + cells.item(U).querySelector('time').getAttribute('datetime').length;
      const sla = cells.item(L); n += (sla.querySelector('time') ? 1 : 0) + sla.textContent.length;`,
  },
  'jira-list': {
    rowSelector: 'tr[data-testid="native-issue-table.ui.issue-row"]',
    columns: `const ST = col('status'), A = col('assignee'), P = col('priority'), C = col('created'), U = col('updated');`,
    // Key link (href), the status lozenge's text, assignee's hidden name, priority text, two date texts, summary, the key's container.
    perRow: `const key = row.querySelector('a[data-testid="native-issue-table.common.ui.issue-cells.issue-key.issue-key-cell"]'); n += key.getAttribute('href').length;
      const cells = row.children;
      n += cells.item(ST).querySelector('button[data-testid^="issue.fields.status.common.ui.status-lozenge."]').querySelector('[data-testid$="--text"]').textContent.length;
      n += cells.item(A).querySelector('[role="img"] [hidden], [id][hidden]').textContent.length;
      n += cells.item(P).querySelector('[data-testid="issue-field-priority-readview-full.ui.priority.wrapper"]').textContent.length;
      for (const c of [C, U]) { const cell = cells.item(c); n += (cell.querySelector('time') ? 1 : 0) + (cell.getAttribute('title') ? 1 : 0) + cell.textContent.length; }
      n += row.querySelector('[data-testid="native-issue-table.common.ui.issue-cells.issue-summary.issue-summary-cell"]').textContent.length;
      n += row.querySelector('[data-testid="native-issue-table.common.ui.issue-cells.issue-key.action-container"]') ? 1 : 0;`,
  },
};

/** The evaluated script: finds the columns and rows as a parser would, then makes the reads; returns [ms, rows]. */
function floorScript(surface: FloorSurface): string {
  const r = READS[surface];
  return `(() => { const started = performance.now(); const table = document.querySelector('table'); ${COLUMN_OF} ${r.columns}
  const found = table.querySelectorAll('${r.rowSelector}'); let n = 0;
  for (let i = 0; i < found.length; i++) { const row = found[i]; ${r.perRow} }
  return [performance.now() - started, found.length, n]; })()`;
}

const URLS: Record<FloorSurface, (rows: number) => string> = { 'zendesk-view': ZENDESK_VIEW_URL, 'jira-list': JIRA_LIST_URL };

async function oneRun(context: BrowserContext, surface: FloorSurface, rows: number, world: string): Promise<{ ms: number; cpuMs: number }> {
  const page = await context.newPage();
  try {
    await page.goto(URLS[surface](rows), { waitUntil: 'load' });
    // Past the page's own first frames, as a content script's first pass is.
    await page.waitForTimeout(100);
    const cdp = await context.newCDPSession(page);
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: world })) as { executionContextId: number };
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' } as never);
    const taskMs = async () => ((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
    const before = await taskMs();
    const answer = (await cdp.send('Runtime.evaluate', { expression: floorScript(surface), contextId: executionContextId, returnByValue: true })) as {
      result: { value: [number, number, number] };
      exceptionDetails?: unknown;
    };
    const cpuMs = (await taskMs()) - before;
    if (answer.exceptionDetails) throw new Error(`floor reads failed on ${surface}: ${JSON.stringify(answer.exceptionDetails)}`);
    const [ms, read] = answer.result.value;
    if (read !== rows) throw new Error(`floor reads found ${read} of ${rows} rows on ${surface}`);
    return { ms, cpuMs };
  } finally {
    await page.close();
  }
}

export async function benchReadFloor(rows: number, runs: number, log: (s: string) => void): Promise<FloorResult[]> {
  const browser = await launchPlainBrowser();
  const results: FloorResult[] = [];
  try {
    const desk = new SimulatedHelpdesk({ seed: 11, now: Date.now() });
    desk.ensureUnsolved(rows);
    await serveHelpdesk(browser.context, desk);
    await serveJira(browser.context);
    for (const surface of FLOOR_SURFACES) {
      await oneRun(browser.context, surface, rows, `floor-warmup-${surface}`);
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await oneRun(browser.context, surface, rows, `floor-${surface}-${i}`));
      const result = { surface, rows, runs, ms: round(median(samples.map((s) => s.ms))), cpuMs: round(median(samples.map((s) => s.cpuMs))) };
      log(`  ${surface} ${rows} rows: DOM reads alone ${result.ms} ms (CPU ${result.cpuMs} ms)`);
      results.push(result);
    }
  } finally {
    await browser.close();
  }
  return results;
}
