import type { PagePass, ReuseReading } from '../adapter/types';
import { PassBuilder, checkHealth, outsideLink, textOf } from './dom';
import { fieldOfJiraColumnId, fieldOfJiraHeader, type JiraColumnField } from './headers';
import { applyCells, emptyRowCells, parseIssueTable, placeCell, type RowCells } from './parse-list';
import { queryAllFirst, queryFirst } from '../adapter/dom';
import { SELECTORS } from './selectors';

const CELL_PREFIX = 'common.components.virtual-table.table.content.rows.common.cell-wrapper-row';
/** The suffix of a queue cell test id: "<KEY>-<columnId>", e.g. "SUP-12-status". */
const CELL_SUFFIX = /^([A-Z][A-Z0-9_]+-\d+)-(.+)$/;

/** Header cell → column id (test id suffix after the last "cell-", or data-column-id). */
function headerColumnId(th: Element): string | undefined {
  const id = th.getAttribute('data-column-id') ?? /cell-(?:wrapper-)?([^.]+)$/.exec(th.getAttribute('data-testid') ?? '')?.[1];
  return id || undefined;
}

/**
 * Reads a JSM agent queue. Queues rendered with the native issue table are read like a list;
 * the virtual-table queue names key and column in every cell's test id, and its header labels
 * say which custom-field columns are SLAs. With `reuse`, an unchanged row under the same header
 * is not read again.
 */
export function parseJsmQueue(root: ParentNode, url: URL, now: number, onlyRows?: Element[], reuse?: ReuseReading): PagePass {
  if (queryFirst(root, SELECTORS.issueRow)) return parseIssueTable(root, url, now, 'jira-queue', onlyRows, reuse);
  const pass = new PassBuilder(url, now, 'jira-queue', reuse);
  const table = queryFirst(root, SELECTORS.queueTable) ?? queryFirst(root, SELECTORS.queueLayout);
  pass.container(!!table, 'Jira queue layout not recognised: no queue table found');
  if (!table) return pass.done();

  const fieldById = new Map<string, JiraColumnField>();
  for (const th of queryAllFirst(table, SELECTORS.queueHeaderCell)) {
    const id = headerColumnId(th);
    if (!id) continue;
    const byLabel = fieldOfJiraHeader(textOf(th));
    fieldById.set(id, byLabel !== 'other' ? byLabel : fieldOfJiraColumnId(id));
  }
  // A cell's field comes from the header labels: part of every row's context.
  const context = pass.contextWith(JSON.stringify([...fieldById]));

  // Group cells by row element; a row is whatever holds the cells (role=row in practice).
  const rows = new Map<Element, { key: string; cells: RowCells; firstCell: Element }>();
  let unkeyed = 0;
  for (const cell of queryAllFirst(table, SELECTORS.queueCell)) {
    const suffix = (cell.getAttribute('data-testid') ?? '').slice(CELL_PREFIX.length);
    const row = cell.closest('[role="row"]') ?? cell.parentElement ?? cell;
    const m = CELL_SUFFIX.exec(suffix);
    if (!m) {
      if (!rows.has(row)) unkeyed += 1;
      continue;
    }
    let entry = rows.get(row);
    if (!entry) {
      entry = { key: m[1], cells: emptyRowCells(), firstCell: cell };
      rows.set(row, entry);
    }
    placeCell(entry.cells, fieldById.get(m[2]) ?? fieldOfJiraColumnId(m[2]), cell);
  }

  for (const [row, entry] of rows) {
    pass.report.rows += 1;
    if (pass.reused(row, context)) continue;
    const observation = pass.start(entry.key);
    if (!observation) continue;
    const { cells } = entry;
    applyCells(pass, observation, cells, now);
    pass.setTitle(observation, textOf(cells.byField.summary) || undefined);
    const keyCell = cells.byField.key;
    const badgeHost = keyCell ? outsideLink(keyCell.querySelector('a') ?? keyCell) : entry.firstCell;
    pass.add(row, badgeHost, observation, context);
  }
  pass.report.rows += unkeyed;
  checkHealth(pass, 'queue', table, rows.size + unkeyed, rows.size);
  return pass.done();
}
