import type { BrowserContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Big Jira pages for the content-script bench, grown from the project's own fixtures by repeating
 * one fixture card (board) or row (issue list) with distinct keys, so the parser sees the same
 * markup it is tested on, only more of it.
 */
const fixture = (name: string) => readFileSync(resolve('test/fixtures/jira', name), 'utf8');
const ASSIGNEES = ['Li Wei', 'Dana Reyes', 'Serge Kole', 'Marta Silva', 'Ivan Petrov'];

export function jiraBoardHtml(rows: number): string {
  const html = fixture('board-kit.html');
  // OPS-3: key test id, summary and assignee label — the fullest card in the fixture.
  const card = /\n   <div id="card-OPS-3"[\s\S]*?\n   <\/div>/.exec(html)?.[0];
  if (!card) throw new Error('board-kit.html: card OPS-3 not found');
  let column = 0;
  const perColumn = Math.ceil(rows / 3);
  const filled = html.replace(/(<div data-testid="platform-board-kit\.ui\.column\.card-list">)[\s\S]*?(\n  <\/div>\n <\/div>)/g, (_, open: string, close: string) => {
    const from = column * perColumn + 1;
    const to = Math.min(rows, (column + 1) * perColumn);
    column += 1;
    let cards = '';
    for (let k = from; k <= to; k++) cards += card.replaceAll('OPS-3', `OPS-${k}`).replaceAll('Li Wei', ASSIGNEES[k % ASSIGNEES.length]);
    return open + cards + close;
  });
  // No drag preview: every card appears once.
  return filled.replace(/<!-- drag preview[\s\S]*?<\/div><\/div><\/div><\/div>\n/, '');
}

export function jiraListHtml(rows: number): string {
  const html = fixture('list.html');
  const row = /\n <tr data-testid="native-issue-table\.ui\.issue-row"[\s\S]*?\n <\/tr>/.exec(html)?.[0];
  if (!row) throw new Error('list.html: first row not found');
  let body = '';
  for (let k = 1; k <= rows; k++) {
    body += row
      .replaceAll('RDC-301', `RDC-${k}`)
      .replace('aria-rowindex="1"', `aria-rowindex="${k}"`)
      .replace('data-index="0"', `data-index="${k - 1}"`)
      .replaceAll('Serge Kole', ASSIGNEES[k % ASSIGNEES.length]);
  }
  return html.replace(/<tbody>[\s\S]*<\/tbody>/, `<tbody>${body}\n</tbody>`);
}

/** The simulated helpdesk's view (lib/demo) with `rows` unsolved tickets on one page. */
export const ZENDESK_VIEW_URL = (rows: number) => `https://acme.zendesk.com/agent/filters/360001003?rows=${rows}`;
export const JIRA_BOARD_URL = (rows: number) => `https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12?rows=${rows}`;
export const JIRA_LIST_URL = (rows: number) => `https://acme.atlassian.net/issues/?jql=project%3DRDC&filter=10200&rows=${rows}`;

/** Serves the grown Jira pages at https://acme.atlassian.net/… (the extension's real match pattern). */
export async function serveJira(context: BrowserContext): Promise<void> {
  const cache = new Map<string, string>();
  await context.route('https://acme.atlassian.net/**', (route) => {
    const url = new URL(route.request().url());
    const rows = Number(url.searchParams.get('rows') ?? 100);
    const kind = url.pathname.includes('/boards/') ? 'board' : url.pathname.startsWith('/issues') ? 'list' : 'other';
    const id = `${kind}:${rows}`;
    let body = cache.get(id);
    if (!body) {
      body = kind === 'board' ? jiraBoardHtml(rows) : kind === 'list' ? jiraListHtml(rows) : '<!doctype html><title>blank</title>';
      cache.set(id, body);
    }
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}
