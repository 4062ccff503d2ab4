import { describe, expect, it } from 'vitest';
import { jiraAdapter } from '../../../lib/jira/adapter';
import type { PagePass, ParsedItem, ReuseReading } from '../../../lib/adapter/types';
import { loadHtml } from './fixtures';

const NOW = Date.UTC(2026, 7, 12, 12, 0);
const LATER = NOW + 60_000;

const BOARD = 'https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12';
const LIST = 'https://acme.atlassian.net/issues/?jql=project%3DRDC&filter=10200';
const QUEUE = 'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/3';
const DC_BOARD = 'https://jira.example.org:8443/secure/RapidBoard.jspa?rapidView=42';
const BACKLOG = 'https://acme.atlassian.net/jira/software/c/projects/RDC/boards/21/backlog';

const parse = (doc: Document, href: string, now: number, reuse?: ReuseReading): PagePass => jiraAdapter.parsePage(doc, new URL(href), now, undefined, reuse);

/**
 * What the runner hands a full pass: the previous reading of every row, except those its mutation
 * observer reported changed. Readings here are taken over even for rows that moved, as if the
 * observer had missed the move: the context check alone must catch it.
 */
function previousReadings(pass: PagePass, changed: Element[] = []): ReuseReading {
  const byRow = new Map<Element, ParsedItem>(pass.items.map((i) => [i.element, i]));
  return (row) => (changed.includes(row) ? undefined : byRow.get(row));
}

const itemOf = (pass: PagePass, id: string) => pass.items.find((i) => i.observation.id === id)!;
const reusedIds = (pass: PagePass, first: PagePass) => pass.items.filter((i) => first.items.includes(i)).map((i) => i.observation.id);

describe('Jira full passes take over unchanged readings', () => {
  it('Cloud board: an unchanged card keeps its reading, a changed one is read afresh', () => {
    const doc = loadHtml('board-kit.html');
    const first = parse(doc, BOARD, NOW);
    const changed = itemOf(first, 'OPS-3').element;
    changed.querySelector('[data-testid="board.common.fields.assignee-field-static.avatar--label"]')!.textContent = 'Assignee: Marta Silva';
    const second = parse(doc, BOARD, LATER, previousReadings(first, [changed]));
    expect(reusedIds(second, first)).toEqual(['OPS-1', 'OPS-2', 'OPS-4']);
    expect(itemOf(second, 'OPS-3').observation).toMatchObject({ assignee: 'Marta Silva', status: 'In Progress', seenAt: LATER });
    // A reading taken over is counted in the report as if read again.
    expect(second.report.fieldCounts).toEqual(first.report.fieldCounts);
    expect(second.items.map((i) => i.observation.id)).toEqual(first.items.map((i) => i.observation.id));
  });

  it('Cloud board: a card moved to another column is read again with its new status', () => {
    const doc = loadHtml('board-kit.html');
    const first = parse(doc, BOARD, NOW);
    const card = itemOf(first, 'OPS-2').element;
    expect(itemOf(first, 'OPS-2').observation.status).toBe('To Do');
    const doneList = [...doc.querySelectorAll('[data-testid="platform-board-kit.ui.column.card-list"]')].at(-1)!;
    doneList.append(card);
    const second = parse(doc, BOARD, LATER, previousReadings(first));
    expect(itemOf(second, 'OPS-2')).not.toBe(itemOf(first, 'OPS-2'));
    expect(itemOf(second, 'OPS-2').observation).toMatchObject({ status: 'Done', seenAt: LATER });
    expect(itemOf(second, 'OPS-1')).toBe(itemOf(first, 'OPS-1'));
  });

  it('Cloud board: a renamed column re-reads its cards only', () => {
    const doc = loadHtml('board-kit.html');
    const first = parse(doc, BOARD, NOW);
    doc.querySelectorAll('[data-testid$="column-title.column-name"]')[1].textContent = 'Doing';
    const second = parse(doc, BOARD, LATER, previousReadings(first));
    expect(itemOf(second, 'OPS-3').observation.status).toBe('Doing');
    expect(reusedIds(second, first)).toEqual(['OPS-1', 'OPS-2', 'OPS-4']);
  });

  it('Cloud board: readings are not taken over on another board', () => {
    const doc = loadHtml('board-kit.html');
    const first = parse(doc, BOARD, NOW);
    const other = parse(doc, BOARD.replace('/boards/12', '/boards/13'), LATER, previousReadings(first));
    expect(reusedIds(other, first)).toEqual([]);
    expect(other.items[0].observation.viewId).toBe('13');
  });

  it('Cloud board: a drag preview duplicating a reused card is still skipped', () => {
    const doc = loadHtml('board-kit.html');
    const first = parse(doc, BOARD, NOW);
    const second = parse(doc, BOARD, LATER, previousReadings(first));
    // board-kit.html mounts OPS-1 twice (column and drag preview): one item, as on a fresh pass.
    expect(second.items.filter((i) => i.observation.id === 'OPS-1')).toHaveLength(1);
    expect(second.report.rows).toBe(first.report.rows);
  });

  it('issue list: rows are taken over under the same columns, read again when the columns change', () => {
    const doc = loadHtml('list.html');
    const first = parse(doc, LIST, NOW);
    const rows = first.items.map((i) => i.element);
    const second = parse(doc, LIST, LATER, previousReadings(first, [rows[1]]));
    expect(reusedIds(second, first)).toEqual(['RDC-301', 'RDC-303']);
    expect(second.report.fieldCounts).toEqual(first.report.fieldCounts);

    // The user swaps the Assignee and Reporter columns: each cell now means the other field.
    const headers = doc.querySelectorAll('th[scope="col"]');
    headers[3].setAttribute('aria-label', 'Assignee');
    headers[4].setAttribute('aria-label', 'Reporter');
    const third = parse(doc, LIST, LATER, previousReadings(second));
    expect(reusedIds(third, first)).toEqual([]);
    expect(itemOf(third, 'RDC-301').observation.assignee).toBe('Ivan Petrov');
  });

  it('JSM virtual-table queue: rows are taken over under the same header', () => {
    const doc = loadHtml('queue.html');
    const first = parse(doc, QUEUE, NOW);
    const second = parse(doc, QUEUE, LATER, previousReadings(first));
    expect(second.items.every((item, i) => item === first.items[i])).toBe(true);
    expect(second.report).toEqual({ ...first.report, at: LATER });
    // A header relabelled from an SLA metric to a plain field: every row is read again.
    doc.querySelector('[data-testid$="cell-customfield_10031"][role="columnheader"]')!.textContent = 'Team';
    const third = parse(doc, QUEUE, LATER, previousReadings(second));
    expect(third.items.some((item, i) => item === first.items[i])).toBe(false);
  });

  it('Data Center board: a card moved to another column is read again; days in column still counted', () => {
    const doc = loadHtml('dc-board.html');
    const first = parse(doc, DC_BOARD, NOW);
    const second = parse(doc, DC_BOARD, LATER, previousReadings(first));
    expect(reusedIds(second, first)).toEqual(first.items.map((i) => i.observation.id));
    expect(second.report.fieldCounts).toEqual(first.report.fieldCounts);
    expect(second.report.fieldCounts.daysInColumn).toBe(2);

    const card = itemOf(first, 'CORE-12').element;
    doc.querySelectorAll('#ghx-pool .ghx-swimlane')[1].querySelector('[data-column-id="103"]')!.append(card);
    const third = parse(doc, DC_BOARD, LATER, previousReadings(second));
    expect(itemOf(third, 'CORE-12').observation.status).toBe('Done');
    expect(itemOf(third, 'CORE-11')).toBe(itemOf(first, 'CORE-11'));
  });

  it('Cloud backlog: unchanged cards are taken over, the twice-mounted card stays one item', () => {
    const doc = loadHtml('backlog.html');
    const first = parse(doc, BACKLOG, NOW);
    const second = parse(doc, BACKLOG, LATER, previousReadings(first));
    expect(second.items).toEqual(first.items);
    expect(second.items.every((item, i) => item === first.items[i])).toBe(true);
    expect(second.report.fieldCounts).toEqual(first.report.fieldCounts);
  });
});
