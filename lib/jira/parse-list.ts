import type { PagePass, ReuseReading } from '../adapter/types';
import type { Observation } from '../model';
import { readDateFromElement } from '../parse/dates';
import { PassBuilder, checkHealth, orNull, stillMounted, outsideLink, readKey, readLabelled, readLozenge, textOf } from './dom';
import { fieldOfJiraHeader, type JiraColumnField } from './headers';
import { cellAt, queryAllFirst, queryFirst } from '../adapter/dom';
import { SELECTORS } from './selectors';
import { parseSlaCellText } from './sla-cell';

/** Header label of a native-table column: the th's aria-label, else its visible label. */
function headerLabel(th: Element): string {
  const aria = th.getAttribute('aria-label');
  if (aria) return aria;
  const inline = th.querySelector('[data-testid$="header-cell-container-inline"] div') ?? th;
  return textOf(inline);
}

export function readTableColumns(table: Element | null): JiraColumnField[] {
  if (!table) return [];
  return queryAllFirst(table, SELECTORS.issueTableHeaderCell).map((th) => fieldOfJiraHeader(headerLabel(th)));
}

const EDIT_ASSIGNEE = /^(.*?)\s*-\s*edit assignee$/i;

/** "Serge Korolev- edit Assignee" → "Serge Korolev" (the cell's edit button names the person). */
function personFromEditButton(scope: Element): string | undefined {
  for (const button of scope.querySelectorAll('button[aria-label]')) {
    const m = EDIT_ASSIGNEE.exec(button.getAttribute('aria-label') ?? '');
    if (m) return m[1].trim();
  }
  return undefined;
}

/** An assignee cell: the hidden avatar label, the edit button's name, or the visible text. */
function readAssigneeCell(cell: Element): string | null {
  const hidden = cell.querySelector('[role="img"] [hidden], [id][hidden]');
  const named = textOf(hidden) || personFromEditButton(cell);
  if (named) return orNull(named);
  return orNull(textOf(cell));
}

function readPriorityCell(cell: Element): string | null {
  const value = orNull(textOf(queryFirst(cell, SELECTORS.priorityReadView) ?? cell)) ?? readLabelled(cell.querySelector('img[alt]:not([alt=""])'), 'priority') ?? null;
  return value ? value.toLowerCase() : null;
}

/** The fields a cell of known meaning is filed under (SLA cells are listed apart). */
type CellField = Exclude<JiraColumnField, 'sla' | 'other'>;

/** A row's cells of known meaning: the first cell of each field; a queue can have several SLA columns. */
export interface RowCells {
  byField: Partial<Record<CellField, Element>>;
  sla: Element[];
}

export const emptyRowCells = (): RowCells => ({ byField: {}, sla: [] });

/** Files `cell` under `field` (the first cell of a field wins; every SLA cell counts). */
export function placeCell(cells: RowCells, field: JiraColumnField | undefined, cell: Element): void {
  if (field === 'sla') cells.sla.push(cell);
  else if (field !== undefined && field !== 'other' && cells.byField[field] === undefined) cells.byField[field] = cell;
}

/**
 * Where the fields `applyCells` reads sit in a native table's rows: the first column of each
 * field (-1 for none) and every SLA column, from the header.
 */
interface TableLayout {
  status: number;
  assignee: number;
  priority: number;
  created: number;
  updated: number;
  sla: number[];
}

function tableLayout(columns: JiraColumnField[]): TableLayout {
  const first = (field: JiraColumnField) => columns.indexOf(field);
  const sla: number[] = [];
  for (let i = 0; i < columns.length; i++) if (columns[i] === 'sla') sla.push(i);
  return { status: first('status'), assignee: first('assignee'), priority: first('priority'), created: first('created'), updated: first('updated'), sla };
}

/**
 * Fills `cells` with a native-table row's cells that `applyCells` reads, touching no other cell
 * (`cellAt`). One RowCells serves every row of a pass: rows are read one at a time, and a first
 * pass allocates little beyond its readings.
 */
function cellsOfTableRow(row: Element, layout: TableLayout, cells: RowCells): RowCells {
  const children = row.children;
  const byField = cells.byField;
  byField.status = cellAt(children, layout.status);
  byField.assignee = cellAt(children, layout.assignee);
  byField.priority = cellAt(children, layout.priority);
  byField.created = cellAt(children, layout.created);
  byField.updated = cellAt(children, layout.updated);
  cells.sla.length = 0;
  for (let i = 0; i < layout.sla.length; i++) {
    const cell = cellAt(children, layout.sla[i]);
    if (cell) cells.sla.push(cell);
  }
  return cells;
}

/** The fields of a row that sit in a cell of known meaning. */
export function applyCells(pass: PassBuilder, observation: Observation, cells: RowCells, now: number): void {
  const { status, assignee, priority, created, updated } = cells.byField;
  if (status) pass.set(observation, 'status', readLozenge(status) ?? orNull(textOf(status)));
  if (assignee) pass.set(observation, 'assignee', readAssigneeCell(assignee));
  if (priority) pass.set(observation, 'priority', readPriorityCell(priority));
  const createdAt = readDateFromElement(created ?? null, now);
  if (createdAt !== undefined && createdAt <= now) observation.createdAt = createdAt;
  const updatedAt = readDateFromElement(updated ?? null, now);
  if (updatedAt !== undefined && updatedAt <= now) observation.updatedAt = updatedAt;
  // Several SLA columns: the earliest due time is "next breach".
  let slaDue: number | undefined;
  for (let i = 0; i < cells.sla.length; i++) {
    const due = parseSlaCellText(textOf(cells.sla[i]), now);
    if (due !== undefined && (slaDue === undefined || due < slaDue)) slaDue = due;
  }
  if (slaDue !== undefined) observation.slaDueAt = slaDue;
}

/**
 * Reads the native issue table: the issue navigator, project list views and (since JSM moved
 * to it) agent queues. Column meaning from header labels; status from the row's lozenge.
 * Several SLA columns can exist: the earliest due time is "next breach". With `reuse`, an
 * unchanged row under the same column layout is not read again.
 */
export function parseIssueTable(root: ParentNode, url: URL, now: number, pageKind: 'jira-list' | 'jira-queue', onlyRows?: Element[], reuse?: ReuseReading): PagePass {
  const pass = new PassBuilder(url, now, pageKind, reuse);
  // An incremental pass reads only the rows that changed (columns still come from the header).
  const rows = onlyRows
    ? stillMounted(onlyRows, SELECTORS.issueRow)
    : queryAllFirst(root, SELECTORS.issueRow);
  const table = rows[0]?.closest('table') ?? root.querySelector('table');
  pass.container(!!table || rows.length > 0, 'Jira list layout not recognised: no issue table found');
  const columns = readTableColumns(table);
  const layout = tableLayout(columns);
  const rowCells = emptyRowCells();
  // Which cell holds which field comes from the header: part of every row's context.
  const context = pass.contextWith(columns.join(','));
  let keyed = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    pass.report.rows += 1;
    if (pass.reused(row, context)) {
      keyed += 1;
      continue;
    }
    const keyCell = queryFirst(row, SELECTORS.issueKeyCell);
    const key = readKey(row, keyCell);
    if (!key) continue;
    keyed += 1;
    const observation = pass.start(key);
    if (!observation) continue;
    applyCells(pass, observation, cellsOfTableRow(row, layout, rowCells), now);
    if (observation.status === undefined) pass.set(observation, 'status', readLozenge(row));
    if (observation.assignee === undefined) {
      const person = personFromEditButton(row);
      if (person) pass.set(observation, 'assignee', orNull(person));
    }
    pass.setTitle(observation, textOf(queryFirst(row, SELECTORS.issueSummaryCell)) || undefined);
    const badgeHost = queryFirst(row, SELECTORS.issueKeyContainer) ?? (keyCell ? outsideLink(keyCell) : null) ?? row.querySelector(':scope > td') ?? row;
    pass.add(row, badgeHost, observation, context);
  }
  if (!onlyRows) checkHealth(pass, 'list', table, rows.length, keyed);
  return pass.done();
}

/**
 * Reads the Cloud backlog: one card per key test id, status from a lozenge when the card shows
 * one. A card's reading depends on nothing outside it: with `reuse`, unchanged cards are not read.
 */
export function parseBacklog(root: ParentNode, url: URL, now: number, reuse?: ReuseReading): PagePass {
  const pass = new PassBuilder(url, now, 'jira-backlog', reuse);
  const keys = queryAllFirst(root, SELECTORS.backlogKey);
  const cardSelector = SELECTORS.backlogCard.join(',');
  const container = root.querySelector('[data-testid^="software-backlog.card-list"], [data-test-id="software-backlog.backlog-content.scrollable"]');
  pass.container(!!container || keys.length > 0, 'Jira backlog layout not recognised: no backlog list found');
  let keyed = 0;
  for (const keyElement of keys) {
    pass.report.rows += 1;
    const card = keyElement.closest(cardSelector) ?? keyElement.parentElement ?? keyElement;
    if (pass.reused(card, pass.context)) {
      keyed += 1;
      continue;
    }
    const key = readKey(card, keyElement);
    if (!key) continue;
    keyed += 1;
    const observation = pass.start(key);
    if (!observation) continue;
    pass.set(observation, 'status', readLozenge(card));
    pass.set(observation, 'assignee', readLabelled(card.querySelector('[aria-label^="Assignee"], img[alt^="Assignee"]'), 'assignee'));
    const summary = card.querySelector('[data-testid$="screen-reader-key"] div');
    pass.setTitle(observation, textOf(summary) || undefined);
    const badgeHost = keyElement.closest(SELECTORS.backlogKeyContainer.join(',')) ?? outsideLink(keyElement);
    pass.add(card, badgeHost, observation);
  }
  const cards = root.querySelectorAll(cardSelector).length;
  checkHealth(pass, 'backlog', container, Math.max(keys.length, cards), keyed);
  return pass.done();
}
