import type { PagePass } from '../adapter/types';
import type { Observation } from '../model';
import { readDateFromElement } from '../parse/dates';
import { PassBuilder, checkHealth, orNull, stillMounted, outsideLink, readKey, readLabelled, readLozenge, textOf } from './dom';
import { fieldOfJiraHeader, type JiraColumnField } from './headers';
import { queryAllFirst, queryFirst } from '../adapter/dom';
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

/** "Serge Korolev- edit Assignee" → "Serge Korolev" (the cell's edit button names the person). */
function personFromEditButton(scope: Element): string | undefined {
  for (const button of scope.querySelectorAll('button[aria-label]')) {
    const m = /^(.*?)\s*-\s*edit assignee$/i.exec(button.getAttribute('aria-label') ?? '');
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

/** A row's cells of known meaning (by header label); a queue can have several SLA columns. */
export interface RowCells {
  byField: Map<JiraColumnField, Element>;
  sla: Element[];
}

export function cellsOfRow(cells: ArrayLike<Element>, columns: JiraColumnField[]): RowCells {
  const byField = new Map<JiraColumnField, Element>();
  const sla: Element[] = [];
  Array.from(cells).forEach((cell, i) => {
    const field = columns[i];
    if (field === 'sla') sla.push(cell);
    else if (field && field !== 'other' && !byField.has(field)) byField.set(field, cell);
  });
  return { byField, sla };
}

/** The fields of a row that sit in a cell of known meaning. */
export function applyCells(pass: PassBuilder, observation: Observation, cells: RowCells, now: number): void {
  const status = cells.byField.get('status');
  if (status) pass.set(observation, 'status', readLozenge(status) ?? orNull(textOf(status)));
  const assignee = cells.byField.get('assignee');
  if (assignee) pass.set(observation, 'assignee', readAssigneeCell(assignee));
  const priority = cells.byField.get('priority');
  if (priority) pass.set(observation, 'priority', readPriorityCell(priority));
  for (const [field, name] of [['created', 'createdAt'], ['updated', 'updatedAt']] as const) {
    const at = readDateFromElement(cells.byField.get(field) ?? null, now);
    if (at !== undefined && at <= now) {
      observation[name] = at;
      pass.count(field);
    }
  }
  const slaDue = earliest(cells.sla.map((c) => parseSlaCellText(textOf(c), now)));
  if (slaDue !== undefined) {
    observation.slaDueAt = slaDue;
    pass.count('sla');
  }
}

function earliest(values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length ? Math.min(...defined) : undefined;
}

/**
 * Reads the native issue table: the issue navigator, project list views and (since JSM moved
 * to it) agent queues. Column meaning from header labels; status from the row's lozenge.
 * Several SLA columns can exist: the earliest due time is "next breach".
 */
export function parseIssueTable(root: ParentNode, url: URL, now: number, pageKind: 'jira-list' | 'jira-queue', onlyRows?: Element[]): PagePass {
  const pass = new PassBuilder(url, now, pageKind);
  // An incremental pass reads only the rows that changed (columns still come from the header).
  const rows = onlyRows
    ? stillMounted(onlyRows, SELECTORS.issueRow)
    : queryAllFirst(root, SELECTORS.issueRow);
  const table = rows[0]?.closest('table') ?? root.querySelector('table');
  pass.container(!!table || rows.length > 0, 'Jira list layout not recognised: no issue table found');
  const columns = readTableColumns(table);
  let keyed = 0;
  for (const row of rows) {
    pass.report.rows += 1;
    const keyCell = queryFirst(row, SELECTORS.issueKeyCell);
    const key = readKey(row, keyCell);
    if (!key) continue;
    keyed += 1;
    const observation = pass.start(key);
    if (!observation) continue;
    const cells = cellsOfRow(row.querySelectorAll(':scope > td'), columns);
    applyCells(pass, observation, cells, now);
    if (observation.status === undefined) pass.set(observation, 'status', readLozenge(row));
    if (observation.assignee === undefined) {
      const person = personFromEditButton(row);
      if (person) pass.set(observation, 'assignee', orNull(person));
    }
    pass.setTitle(observation, textOf(queryFirst(row, SELECTORS.issueSummaryCell)) || undefined);
    const badgeHost = queryFirst(row, SELECTORS.issueKeyContainer) ?? (keyCell ? outsideLink(keyCell) : null) ?? row.querySelector(':scope > td') ?? row;
    pass.add(row, badgeHost, observation);
  }
  if (!onlyRows) checkHealth(pass, 'list', table, rows.length, keyed);
  return pass.done();
}

/** Reads the Cloud backlog: one card per key test id, status from a lozenge when the card shows one. */
export function parseBacklog(root: ParentNode, url: URL, now: number): PagePass {
  const pass = new PassBuilder(url, now, 'jira-backlog');
  const keys = queryAllFirst(root, SELECTORS.backlogKey);
  const cardSelector = SELECTORS.backlogCard.join(',');
  const container = root.querySelector('[data-testid^="software-backlog.card-list"], [data-test-id="software-backlog.backlog-content.scrollable"]');
  pass.container(!!container || keys.length > 0, 'Jira backlog layout not recognised: no backlog list found');
  let keyed = 0;
  for (const keyElement of keys) {
    pass.report.rows += 1;
    const card = keyElement.closest(cardSelector) ?? keyElement.parentElement ?? keyElement;
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
