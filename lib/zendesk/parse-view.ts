import { ticketKey } from '../model/key';
import type { Observation, PageKind, PageReport } from '../model';
import type { PagePass, ParsedItem, ReuseReading } from '../adapter/types';
import { readDateFromElement, timeElementOf } from '../parse/dates';
import { fieldOfHeaderLabel } from './headers';
import { normalisePriority, normaliseStatus } from './statuses';
import { addTally, cellAt, emptyReadTally, queryAllFirst, queryFirst, shownText as textOf, tallyReading } from '../adapter/dom';
import { CELL_TEST_IDS, SELECTORS, type ColumnField } from './selectors';
import { viewIdOf } from './detect';

// Module-level: a regex literal in a function is a new object at every call.
const TICKET_HREF = /\/agent\/tickets\/(\d+)/;
const ID_TEXT = /#?\s*(\d+)/;
const STATUS_PREFIX = /^status:\s*/i;
const SLA_LEFT = /^(-)?\s*(\d+(?:\.\d+)?)\s*(d|h|hr|hrs|m|min|mins)\b/;

/** Header labels → field per column index. Labels live in the header's button when sortable. */
export function readColumns(table: Element): ColumnField[] {
  return queryAllFirst(table, SELECTORS.headerCell).map((th) => {
    const label = th.querySelector('button')?.textContent ?? th.textContent ?? '';
    return fieldOfHeaderLabel(label);
  });
}

/** A cell's test id: on the cell itself, or on its one wrapper (live tenants use both). */
function cellTestId(cell: Element): string | null {
  return cell.getAttribute('data-test-id') ?? cell.firstElementChild?.getAttribute('data-test-id') ?? null;
}

/**
 * Column index of each field, for the whole table: header labels, then the cell test ids of the
 * first ticket row win (attribute-first). Columns are table-wide, so rows need no per-cell
 * lookups — what keeps a 500-row pass within budget.
 */
export function columnIndex(headerFields: ColumnField[], sampleRow: Element | undefined): Partial<Record<ColumnField, number>> {
  const index: Partial<Record<ColumnField, number>> = {};
  headerFields.forEach((field, i) => {
    if (field !== 'other' && index[field] === undefined) index[field] = i;
  });
  const cells = sampleRow?.children ?? [];
  for (let i = 0; i < cells.length; i++) {
    const field = CELL_TEST_IDS[cellTestId(cells[i]) ?? ''];
    if (field) index[field] = i;
  }
  return index;
}

const FIELDS: readonly ColumnField[] = ['id', 'subject', 'status', 'assignee', 'group', 'priority', 'created', 'updated', 'sla'];

const orNull = (s: string) => (s === '' || s === '-' || s === '—' ? null : s);
const hrefId = (link: Element | null) => (link ? TICKET_HREF.exec(link.getAttribute('href') ?? '')?.[1] : undefined);

/** The ticket link when the subject cell's first one names no id: another in the cell, else any in the row. */
function otherTicketLink(row: Element, subject: Element | undefined): Element | null {
  const links = subject?.getElementsByTagName('a') ?? [];
  for (let i = 0; i < links.length; i++) if (hrefId(links[i])) return links[i];
  return queryFirst(row, SELECTORS.ticketLink);
}

/** The subject without a ticket link in it: its text, never our own badge's. */
function subjectText(subject: Element): string {
  let text = subject.textContent ?? '';
  for (const badge of subject.querySelectorAll('[data-queuelens]')) text = text.replace(badge.textContent ?? '', '');
  return text.replace(/\s+/g, ' ').trim();
}

/** Status sits in an `[aria-label]` inside the cell (hosts.md); text is the fallback. */
function readStatus(cell: Element): string | null {
  const label = cell.getAttribute('aria-label') ?? cell.querySelector('[aria-label]')?.getAttribute('aria-label');
  const raw = label?.replace(STATUS_PREFIX, '') || textOf(cell);
  return raw ? normaliseStatus(raw) : null;
}

/**
 * Zendesk's "Next SLA breach" cell shows time left ("2 h", "35 m", "-1 h" once breached,
 * "Now"), or a `<time>` when present. Returns the due time, or undefined when no SLA runs.
 */
export function readSlaDue(cell: Element | undefined, now: number): number | undefined {
  if (!cell) return undefined;
  const time = timeElementOf(cell);
  if (time) return readDateFromElement(time, now);
  const text = textOf(cell).toLowerCase();
  if (!text || text === '-') return undefined;
  if (text === 'now') return now;
  const m = SLA_LEFT.exec(text);
  if (!m) return undefined;
  const unit = m[3].startsWith('d') ? 86_400_000 : m[3].startsWith('h') ? 3_600_000 : 60_000;
  return Math.round(now + (m[1] ? -1 : 1) * Number(m[2]) * unit);
}

/** What every row of one table is read with. */
interface TablePlan {
  /** Column index per field read, -1 when the table has no such column. */
  at: Record<(typeof FIELDS)[number], number>;
  host: string;
  keyPrefix: string;
  viewId: string | undefined;
  pageKind: PageKind;
  now: number;
  context: string;
}

function tablePlan(columns: Partial<Record<ColumnField, number>>, plan: Omit<TablePlan, 'at'>): TablePlan {
  const at = {} as TablePlan['at'];
  for (const field of FIELDS) at[field] = columns[field] ?? -1;
  return { ...plan, at };
}

/**
 * Reads one ticket row; undefined when it has no readable id. A first pass runs this 500 times
 * before the JIT has warmed up and pays for each DOM node it touches, so the usual row takes
 * one straight path of few calls; unusual markup falls back to the helpers above.
 */
function readRow(row: Element, plan: TablePlan): ParsedItem | undefined {
  const { at, now } = plan;
  // Only the cells of columns read (cellAt): not the checkbox, id or requester cells between them.
  const cells = row.children;
  const subject = cellAt(cells, at.subject);
  // The subject cell's first ticket link, as a rule; else the first with an id, in the cell or the row.
  let link = subject ? subject.querySelector(SELECTORS.ticketLink[1]) : null;
  let id = hrefId(link);
  let linkInSubject = link;
  if (id === undefined) {
    link = otherTicketLink(row, subject);
    id = hrefId(link) || ID_TEXT.exec(textOf(cellAt(cells, at.id)))?.[1];
    if (!id) return undefined;
    linkInSubject = link && subject?.contains(link) ? link : null;
  }
  const observation: Observation = { key: plan.keyPrefix + id, tool: 'zendesk', host: plan.host, id, seenAt: now, pageKind: plan.pageKind };
  if (plan.viewId) observation.viewId = plan.viewId;
  if (subject) observation.title = (linkInSubject ? textOf(linkInSubject) : subjectText(subject)).slice(0, 500);
  const status = cellAt(cells, at.status);
  if (status) observation.status = readStatus(status);
  // Not shown on the page = not observed (absent); an empty cell reads as null.
  const assignee = cellAt(cells, at.assignee);
  if (assignee) observation.assignee = orNull(textOf(assignee));
  const group = cellAt(cells, at.group);
  if (group) observation.group = orNull(textOf(group));
  const priority = cellAt(cells, at.priority);
  if (priority) {
    const value = orNull(textOf(priority));
    observation.priority = value && normalisePriority(value);
  }
  const created = readDateFromElement(cellAt(cells, at.created) ?? null, now);
  if (created !== undefined && created <= now) observation.createdAt = created;
  const updated = readDateFromElement(cellAt(cells, at.updated) ?? null, now);
  if (updated !== undefined && updated <= now) observation.updatedAt = updated;
  const slaDue = readSlaDue(cellAt(cells, at.sla), now);
  if (slaDue !== undefined) observation.slaDueAt = slaDue;
  // Beside the subject link, inside its (block) wrapper, so the badge shares the link's line.
  const badgeHost = linkInSubject?.parentElement ?? subject ?? cellAt(cells, at.id) ?? cells[1] ?? row;
  return { element: row, badgeHost, observation, context: plan.context };
}

/** fieldCounts: how many items read each field (present, even when null). */
function countFields(items: ParsedItem[], counts: Record<string, number>): void {
  const n = emptyReadTally();
  for (let i = 0; i < items.length; i++) tallyReading(items[i].observation, n);
  addTally(n, counts);
}

/**
 * Reads every ticket row of a Zendesk view or search-result table. Pure: reads the DOM,
 * never writes it. Rows without a readable id are skipped and counted in the report.
 * With `reuse`, an unchanged row read under the same page and columns is not read again.
 */
export function parseZendeskTable(root: ParentNode, url: URL, now: number, pageKind: PageKind, onlyRows?: Element[], reuse?: ReuseReading): PagePass {
  const host = url.hostname.toLowerCase();
  const report: PageReport = {
    tool: 'zendesk',
    host,
    pageKind,
    url: url.href.slice(0, 2000),
    at: now,
    rows: 0,
    fieldCounts: {},
    errors: 0,
  };
  const table = queryFirst(root, SELECTORS.table);
  if (!table) {
    report.fieldCounts.table = 0;
    return { pageKind, items: [], report };
  }
  report.fieldCounts.table = 1;

  const headerFields = readColumns(table);
  const rows = onlyRows
    ? onlyRows.filter((r) => r.isConnected && table.contains(r) && SELECTORS.row.some((s) => r.matches(s)))
    : queryAllFirst(table, SELECTORS.row);
  const viewId = viewIdOf(url);
  const items: ParsedItem[] = [];
  const columns = columnIndex(headerFields, rows[0] ?? queryFirst(table, SELECTORS.row) ?? undefined);
  const context = [pageKind, host, viewId, JSON.stringify(columns)].join('\u0000');
  const plan = tablePlan(columns, { host, keyPrefix: ticketKey('zendesk', host, ''), viewId, pageKind, now, context });
  for (let i = 0; i < rows.length; i++) {
    const previous = reuse?.(rows[i]);
    // A reading taken over keeps its seenAt: the runner stamps what it sends.
    const item = previous?.context === context ? previous : readRow(rows[i], plan);
    if (item) items.push(item);
  }
  report.rows = rows.length;
  countFields(items, report.fieldCounts);

  if (onlyRows) return { pageKind, items, report };
  if (rows.length === 0 && table.querySelectorAll('tbody tr').length > queryAllFirst(table, SELECTORS.groupRow).length) {
    report.problem = 'Zendesk view layout not recognised: the table has rows, but none looks like a ticket row';
  } else if (rows.length > 0 && items.length < rows.length) {
    report.problem = `Zendesk view layout not recognised: ${rows.length - items.length} of ${rows.length} rows have no ticket id`;
  }
  return { pageKind, items, report };
}
