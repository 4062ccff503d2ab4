import { describe, expect, it } from 'vitest';
import { jiraAdapter } from '../../../lib/jira/adapter';
import { ObservationSchema, PageReportSchema } from '../../../lib/model';
import type { PagePass } from '../../../lib/adapter/types';
import { badgeHostProblems, loadHtml } from './fixtures';

const NOW = Date.UTC(2026, 7, 12, 12, 0);

function parse(file: string, href: string): PagePass {
  const doc = loadHtml(file);
  const before = doc.documentElement.outerHTML;
  const pass = jiraAdapter.parsePage(doc, new URL(href), NOW);
  // Pure: the page is never written.
  expect(doc.documentElement.outerHTML).toBe(before);
  for (const item of pass.items) expect(ObservationSchema.safeParse(item.observation).success).toBe(true);
  expect(PageReportSchema.safeParse(pass.report).success).toBe(true);
  expect(badgeHostProblems(pass.items)).toEqual([]);
  return pass;
}

/** Every Jira item has a badge host (checked by badgeHostProblems in parse()). */
const host = (item: { badgeHost: Element | null }): Element => item.badgeHost!;

const byId = (pass: PagePass) => Object.fromEntries(pass.items.map((i) => [i.observation.id, i.observation]));

describe('Cloud board, platform-board-kit markup', () => {
  const href = 'https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12';

  it('reads every card once, with its column as status', () => {
    const pass = parse('board-kit.html', href);
    expect(pass.pageKind).toBe('jira-board');
    expect(pass.items.map((i) => i.observation.id)).toEqual(['OPS-1', 'OPS-2', 'OPS-3', 'OPS-4']);
    const o = byId(pass);
    expect(o['OPS-1']).toMatchObject({
      key: 'jira:acme.atlassian.net:OPS-1',
      status: 'To Do',
      assignee: 'Dana Reyes',
      priority: 'high',
      title: 'Printer on floor 3 jams',
      viewId: '12',
      pageKind: 'jira-board',
    });
    expect(o['OPS-2']).toMatchObject({ status: 'To Do', priority: 'low' });
    expect(o['OPS-2'].assignee).toBeUndefined();
    expect(o['OPS-3']).toMatchObject({ status: 'In Progress', assignee: 'Li Wei' });
    expect(o['OPS-4'].status).toBe('Done');
    expect(pass.report.problem).toBeUndefined();
    expect(pass.report.fieldCounts).toMatchObject({ table: 1, id: 4, columns: 3, status: 4 });
  });

  it('puts the badge in the card footer, never in a column header', () => {
    const pass = parse('board-kit.html', href);
    for (const item of pass.items.slice(0, 4)) {
      expect(host(item).getAttribute('data-testid')).toBe('platform-card.ui.card.card-content.footer');
      expect(item.element.getAttribute('data-testid')).toBe('platform-board-kit.ui.card.card');
    }
  });

  it('names swimlane columns from the header row by position', () => {
    const pass = parse('board-kit-swimlanes.html', 'https://acme.atlassian.net/jira/software/projects/WEB/boards/7');
    const statuses = Object.fromEntries(pass.items.map((i) => [i.observation.id, i.observation.status]));
    expect(statuses).toEqual({ 'WEB-7': 'Selected', 'WEB-8': 'Doing', 'WEB-9': 'Doing', 'WEB-10': 'Review' });
    expect(pass.report.fieldCounts.swimlanes).toBe(2);
    expect(pass.report.problem).toBeUndefined();
  });
});

describe('Cloud board, 2026 board.content markup', () => {
  const href = 'https://acme.atlassian.net/jira/software/c/projects/AUT/boards/3';

  it('reads keys from /browse links when the key test id is gone', () => {
    const pass = parse('board-content.html', href);
    const o = byId(pass);
    expect(Object.keys(o)).toEqual(['AUT-1', 'AUT-2', 'AUT-3']);
    expect(o['AUT-1']).toMatchObject({ status: 'To Do', assignee: null, priority: 'medium' });
    expect(o['AUT-2']).toMatchObject({ status: 'To Do', assignee: 'Priya Nair', priority: 'high' });
    expect(o['AUT-3']).toMatchObject({ status: 'In Progress', assignee: 'Tom Berg' });
    expect(o['AUT-50']).toBeUndefined();
  });

  it('puts the badge in the row holding the key label', () => {
    const pass = parse('board-content.html', href);
    for (const item of pass.items) {
      const { observation } = item;
      expect([...host(item).children].some((c) => c.textContent === observation.id)).toBe(true);
    }
  });

  it('names cells of a later swimlane from the first swimlane headers', () => {
    const pass = parse('board-content-swimlanes.html', href);
    expect(Object.fromEntries(pass.items.map((i) => [i.observation.id, i.observation.status]))).toEqual({
      'AUT-11': 'Backlog',
      'AUT-12': 'Building',
    });
  });
});

describe('backlog', () => {
  it('reads each key once, status where a lozenge is shown', () => {
    const pass = parse('backlog.html', 'https://acme.atlassian.net/jira/software/c/projects/RDC/boards/21/backlog');
    expect(pass.pageKind).toBe('jira-backlog');
    const o = byId(pass);
    expect(Object.keys(o)).toEqual(['RDC-201', 'RDC-202', 'RDC-203']);
    expect(o['RDC-201']).toMatchObject({ status: 'In Progress', assignee: 'Marta Silva', title: 'Script region presets configuration', viewId: '21' });
    expect(o['RDC-202'].status).toBeUndefined();
    expect(host(pass.items[0]).getAttribute('data-testid')).toBe('software-backlog.card-list.card.card-contents.accessible-card-key');
  });
});

describe('issue navigator / list', () => {
  it('reads columns by header label, not position', () => {
    const pass = parse('list.html', 'https://acme.atlassian.net/issues/?jql=project%3DRDC&filter=10200');
    expect(pass.pageKind).toBe('jira-list');
    const o = byId(pass);
    expect(Object.keys(o)).toEqual(['RDC-301', 'RDC-302', 'RDC-303']);
    expect(o['RDC-301']).toMatchObject({
      status: 'To Do',
      assignee: 'Serge Kole',
      priority: 'p3',
      title: 'Format IDs missing from validation list',
      createdAt: new Date(2026, 7, 10, 12, 44).getTime(),
      updatedAt: new Date(2026, 7, 10, 12, 51).getTime(),
      viewId: 'filter-10200',
    });
    expect(o['RDC-302']).toMatchObject({ status: 'In Review', assignee: null, priority: 'p1' });
    expect(o['RDC-303']).toMatchObject({ status: 'Done', assignee: 'Marta Silva', title: 'Duplicate rundown dialog' });
    expect(pass.report.rows).toBe(4);
    expect(pass.report.problem).toBeUndefined();
  });

  it('badges the key cell', () => {
    const pass = parse('list.html', 'https://acme.atlassian.net/issues/?jql=x');
    for (const item of pass.items) {
      expect(host(item).getAttribute('data-testid')).toBe('native-issue-table.common.ui.issue-cells.issue-key.action-container');
    }
  });

  it('reads a JSM queue rendered with the native table like a list', () => {
    const pass = parse('list.html', 'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/3');
    expect(pass.pageKind).toBe('jira-queue');
    expect(pass.items).toHaveLength(3);
    expect(pass.items[0].observation.viewId).toBe('queue-3');
  });

  it('reads each field from its first column, the earliest of several SLA columns, and short rows as far as they go', () => {
    const key = (k: string) => `<td><div data-testid="native-issue-table.common.ui.issue-cells.issue-key.action-container"><a data-testid="native-issue-table.common.ui.issue-cells.issue-key.issue-key-cell" href="/browse/${k}">${k}</a></div></td>`;
    const header = ['Key', 'Status', 'Time to first response', 'Status', 'Time to resolution', 'Assignee'].map((l) => `<th scope="col" aria-label="${l}"></th>`).join('');
    const doc = new DOMParser().parseFromString(
      `<table><thead><tr>${header}</tr></thead><tbody>
        <tr data-testid="native-issue-table.ui.issue-row">${key('SUP-1')}<td>Open</td><td>2h</td><td>Closed</td><td>45m</td><td>Ana Lima</td></tr>
        <tr data-testid="native-issue-table.ui.issue-row">${key('SUP-2')}<td>Open</td><td>1h</td></tr>
      </tbody></table>`,
      'text/html',
    );
    const pass = jiraAdapter.parsePage(doc, new URL('https://acme.atlassian.net/issues/?jql=x'), NOW);
    const o = byId(pass);
    expect(o['SUP-1']).toMatchObject({ status: 'Open', slaDueAt: NOW + 45 * 60_000, assignee: 'Ana Lima' });
    expect(o['SUP-2']).toMatchObject({ status: 'Open', slaDueAt: NOW + 3_600_000 });
    // No assignee cell in the row: not observed.
    expect(o['SUP-2']).not.toHaveProperty('assignee');
  });
});

describe('JSM agent queue (virtual table)', () => {
  it('reads key and column from cell test ids, SLA columns from header labels', () => {
    const pass = parse('queue.html', 'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/3');
    const o = byId(pass);
    expect(Object.keys(o)).toEqual(['SUP-12', 'SUP-13']);
    expect(o['SUP-12']).toMatchObject({
      status: 'Waiting for support',
      assignee: 'Alex Kim',
      priority: 'high',
      title: 'Cannot log in to payroll',
      // earliest of "2h 30m" and "1d 4h"
      slaDueAt: NOW + 2.5 * 3_600_000,
      viewId: 'queue-3',
    });
    // a breached SLA ("-45m") is due in the past
    expect(o['SUP-13']).toMatchObject({ status: 'Waiting for customer', assignee: null, priority: 'medium', slaDueAt: NOW - 45 * 60_000 });
    expect(pass.report.fieldCounts).toMatchObject({ sla: 2, id: 2 });
    for (const item of pass.items) expect(host(item).getAttribute('data-testid')).toMatch(/-issuekey$/);
  });

  it('reports rows whose cells carry no key', () => {
    const doc = new DOMParser().parseFromString(
      '<div data-testid="servicedesk-queues-agent-view.layout.table.container"><div role="row"><div data-testid="common.components.virtual-table.table.content.rows.common.cell-wrapper-row-issuekey"><a href="/browse/SUP-1">x</a></div></div></div>',
      'text/html',
    );
    const pass = jiraAdapter.parsePage(doc, new URL('https://a.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1'), NOW);
    expect(pass.items).toHaveLength(0);
    expect(pass.report.problem).toMatch(/^Jira queue layout not recognised: 1 of 1/);
  });
});

describe('Data Center board', () => {
  const href = 'https://jira.example.org:8443/secure/RapidBoard.jspa?rapidView=42';

  it('reads cards across swimlanes with column titles by column id', () => {
    const pass = parse('dc-board.html', href);
    expect(pass.pageKind).toBe('jira-dc-board');
    const o = byId(pass);
    expect(o['CORE-11']).toMatchObject({
      key: 'jira:jira.example.org:8443:CORE-11',
      status: 'In Progress',
      assignee: 'Ola Nordmann',
      priority: 'highest',
      title: 'Database failover test',
      viewId: '42',
    });
    expect(o['CORE-12']).toMatchObject({ status: 'Open', priority: 'low' });
    expect(o['CORE-13']).toMatchObject({ status: 'In Progress', assignee: 'Kari Nordmann' });
    expect(o['CORE-14'].status).toBe('Done');
    expect(pass.report.fieldCounts).toMatchObject({ swimlanes: 2, columns: 3, daysInColumn: 2 });
    for (const item of pass.items.slice(0, 3)) {
      const { element } = item;
      expect(host(item).classList.contains('ghx-card-footer')).toBe(true);
      expect(element.classList.contains('ghx-issue')).toBe(true);
    }
  });

  it('is read as DC on a Cloud-style board URL too when the page is GreenHopper', () => {
    const pass = parse('dc-board.html', 'https://jira.example.org/jira/software/projects/CORE/boards/42');
    expect(pass.pageKind).toBe('jira-dc-board');
    expect(pass.items).toHaveLength(4);
  });
});

describe('issue view', () => {
  it('reads the breadcrumb key and the issue’s own fields, not linked issues', () => {
    const pass = parse('issue.html', 'https://acme.atlassian.net/browse/RDC-401');
    expect(pass.items).toHaveLength(1);
    expect(pass.items[0].observation).toMatchObject({
      id: 'RDC-401',
      status: 'In Progress',
      assignee: 'Marta Silva',
      priority: 'major',
      title: 'Presets lost after restart',
      pageKind: 'jira-issue',
    });
    expect(host(pass.items[0]).getAttribute('data-testid')).toBe('issue.views.issue-base.foundation.breadcrumbs.breadcrumb-current-issue-container');
  });
});

describe('selector health', () => {
  const board = 'https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12';
  const doc = (html: string) => new DOMParser().parseFromString(html, 'text/html');

  it('says so when a board shows issues but no card is recognised', () => {
    const pass = jiraAdapter.parsePage(
      doc('<div data-testid="board.content.board-wrapper"><div class="renamed-card"><a href="/browse/OPS-1">OPS-1</a></div></div>'),
      new URL(board),
      NOW,
    );
    expect(pass.items).toHaveLength(0);
    expect(pass.report.problem).toMatch(/^Jira board layout not recognised/);
  });

  it('says so when cards lack keys', () => {
    const pass = jiraAdapter.parsePage(
      doc('<div data-testid="board.content.board-wrapper"><div data-testid="board.content.cell"><div data-testid="board.content.cell.card">no key</div></div></div>'),
      new URL(board),
      NOW,
    );
    expect(pass.report.problem).toBe('Jira board layout not recognised: 1 of 1 items have no issue key');
  });

  it('an empty board is not a problem; a missing board waits for the runner grace period', () => {
    const empty = jiraAdapter.parsePage(doc('<div data-testid="board.content.board-wrapper"><div data-testid="board.content.cell"></div></div>'), new URL(board), NOW);
    expect(empty.report.problem).toBeUndefined();
    const missing = jiraAdapter.parsePage(doc('<main></main>'), new URL(board), NOW);
    expect(missing.report.fieldCounts.table).toBe(0);
    expect(missing.report.problem).toMatch(/^Jira board layout not recognised/);
  });

  it('unknown pages yield nothing', () => {
    const pass = jiraAdapter.parsePage(doc('<main></main>'), new URL('https://acme.atlassian.net/jira/your-work'), NOW);
    expect(pass).toMatchObject({ pageKind: 'unknown', items: [] });
  });
});

describe('incremental passes on Jira lists', () => {
  it('reads only the rows that changed, with columns still known from the header', async () => {
    const { jiraAdapter } = await import('../../../lib/jira/adapter');
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const html = readFileSync(resolve(__dirname, '../../fixtures/jira/list.html'), 'utf8');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const url = new URL('https://acme.atlassian.net/issues/?jql=project%3DOPS');
    const full = jiraAdapter.parsePage(doc, url, Date.parse('2026-11-24T12:00:00Z'));
    expect(full.items.length).toBeGreaterThan(1);
    const changed = full.items[1].element;
    const scoped = jiraAdapter.parsePage(doc, url, Date.parse('2026-11-24T12:00:00Z'), [changed]);
    expect(scoped.items.map((i) => i.observation)).toEqual([full.items[1].observation]);
  });
});

describe('incremental passes on Jira boards', () => {
  const boards: [string, string][] = [
    ['board-kit.html', 'https://acme.atlassian.net/jira/software/projects/WEB/boards/7'],
    ['board-kit-swimlanes.html', 'https://acme.atlassian.net/jira/software/projects/WEB/boards/7'],
    ['board-content.html', 'https://acme.atlassian.net/jira/software/projects/WEB/boards/7'],
    ['board-content-swimlanes.html', 'https://acme.atlassian.net/jira/software/projects/WEB/boards/7'],
    ['dc-board.html', 'https://jira.example.org:8443/secure/RapidBoard.jspa?rapidView=42'],
  ];
  it.each(boards)('%s: reads only the changed cards, each with its column, as the full pass does', (file, href) => {
    const doc = loadHtml(file);
    const url = new URL(href);
    const full = jiraAdapter.parsePage(doc, url, NOW);
    expect(full.items.length).toBeGreaterThanOrEqual(2);
    const changed = [full.items.at(-1)!, full.items[0]];
    const scoped = jiraAdapter.parsePage(doc, url, NOW, changed.map((i) => i.element));
    expect(scoped.items.map((i) => i.observation)).toEqual(changed.map((i) => i.observation));
    expect(scoped.items.map((i) => i.badgeHost)).toEqual(changed.map((i) => i.badgeHost));
    expect(scoped.report.rows).toBe(2);
  });

  it('a changed card that left the board, or an element that is no card, is not read', () => {
    const doc = loadHtml('board-kit.html');
    const url = new URL('https://acme.atlassian.net/jira/software/projects/WEB/boards/7');
    const full = jiraAdapter.parsePage(doc, url, NOW);
    const [gone, kept] = full.items;
    gone.element.remove();
    const scoped = jiraAdapter.parsePage(doc, url, NOW, [gone.element, kept.element, doc.body]);
    expect(scoped.items.map((i) => i.observation.id)).toEqual([kept.observation.id]);
  });
});
