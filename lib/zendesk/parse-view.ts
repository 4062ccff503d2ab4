import { ticketKey } from '../model/key';
import type { Observation, PageKind, PageReport } from '../model';
import type { PagePass, ParsedItem } from '../adapter/types';
import { readDateFromElement } from '../parse/dates';
import { fieldOfHeaderLabel } from './headers';
import { normalisePriority, normaliseStatus } from './statuses';
import { queryAllFirst, queryFirst } from '../adapter/dom';
import { CELL_TEST_IDS, SELECTORS, type ColumnField } from './selectors';
import { viewIdOf } from './detect';

const TICKET_HREF = /\/agent\/tickets\/(\d+)/;

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

/** One sibling walk: indexing a live HTMLCollection out of order re-walks it on every access. */
function cellsByField(row: Element, index: Partial<Record<ColumnField, number>>): Partial<Record<ColumnField, Element>> {
  const cells: Element[] = [];
  for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) cells.push(cell);
  const byField: Partial<Record<ColumnField, Element>> = {};
  for (const field of FIELDS) {
    const i = index[field];
    if (i !== undefined && cells[i]) byField[field] = cells[i];
  }
  return byField;
}

/** Shown text, whitespace collapsed (the regex only when there is something to collapse). */
function textOf(el: Element | null | undefined): string {
  const text = el?.textContent ?? '';
  return /\s\s|[\n\t]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}
const orNull = (s: string) => (s === '' || s === '-' || s === '—' ? null : s);
const firstTime = (cell: Element | undefined) => cell?.getElementsByTagName('time')[0];

/** The link to the ticket: in the subject cell (cheap), else anywhere in the row. */
function ticketLinkOf(row: Element, subject: Element | undefined): Element | null {
  if (subject) {
    const links = subject.getElementsByTagName('a');
    for (let i = 0; i < links.length; i++) if (TICKET_HREF.test(links[i].getAttribute('href') ?? '')) return links[i];
  }
  return queryFirst(row, SELECTORS.ticketLink);
}

function readId(link: Element | null, idCell: Element | undefined): string | undefined {
  const fromHref = link && TICKET_HREF.exec(link.getAttribute('href') ?? '')?.[1];
  if (fromHref) return fromHref;
  return /#?\s*(\d+)/.exec(textOf(idCell))?.[1];
}

/** The subject as the agent reads it: the link's text, never our own badge's. */
function readTitle(subject: Element, link: Element | null): string {
  if (link && subject.contains(link)) return textOf(link);
  let text = subject.textContent ?? '';
  for (const badge of subject.querySelectorAll('[data-queuelens]')) text = text.replace(badge.textContent ?? '', '');
  return text.replace(/\s+/g, ' ').trim();
}

/** Status sits in an `[aria-label]` inside the cell (hosts.md); text is the fallback. */
function readStatus(cell: Element | undefined): string | null | undefined {
  if (!cell) return undefined;
  const labelled = cell.hasAttribute('aria-label') ? cell : cell.querySelector('[aria-label]');
  const raw = labelled?.getAttribute('aria-label')?.replace(/^status:\s*/i, '') || textOf(cell);
  return raw ? normaliseStatus(raw) : null;
}

/**
 * Zendesk's "Next SLA breach" cell shows time left ("2 h", "35 m", "-1 h" once breached,
 * "Now"), or a `<time>` when present. Returns the due time, or undefined when no SLA runs.
 */
export function readSlaDue(cell: Element | undefined, now: number): number | undefined {
  if (!cell) return undefined;
  const time = firstTime(cell);
  if (time) return readDateFromElement(time, now);
  const text = textOf(cell).toLowerCase();
  if (!text || text === '-') return undefined;
  if (text === 'now') return now;
  const m = /^(-)?\s*(\d+(?:\.\d+)?)\s*(d|h|hr|hrs|m|min|mins)\b/.exec(text);
  if (!m) return undefined;
  const unit = m[3].startsWith('d') ? 86_400_000 : m[3].startsWith('h') ? 3_600_000 : 60_000;
  return Math.round(now + (m[1] ? -1 : 1) * Number(m[2]) * unit);
}

/**
 * Reads every ticket row of a Zendesk view or search-result table. Pure: reads the DOM,
 * never writes it. Rows without a readable id are skipped and counted in the report.
 */
export function parseZendeskTable(root: ParentNode, url: URL, now: number, pageKind: PageKind, onlyRows?: Element[]): PagePass {
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
  const count = (field: string) => (report.fieldCounts[field] = (report.fieldCounts[field] ?? 0) + 1);
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
  const keyPrefix = ticketKey('zendesk', host, '');
  const items: ParsedItem[] = [];
  const columns = columnIndex(headerFields, rows[0] ?? queryFirst(table, SELECTORS.row) ?? undefined);

  for (const row of rows) {
    report.rows += 1;
    const cells = cellsByField(row, columns);
    const subject = cells.subject;
    const link = ticketLinkOf(row, subject);
    const id = readId(link, cells.id);
    if (!id) continue;
    count('id');
    const observation: Observation = { key: keyPrefix + id, tool: 'zendesk', host, id, seenAt: now, pageKind };
    if (viewId) observation.viewId = viewId;
    if (subject) {
      observation.title = readTitle(subject, link).slice(0, 500);
      count('title');
    }
    const status = readStatus(cells.status);
    if (status !== undefined) {
      observation.status = status;
      count('status');
    }
    for (const field of ['assignee', 'group', 'priority'] as const) {
      const cell = cells[field];
      if (!cell) continue;
      const value = orNull(textOf(cell));
      observation[field] = field === 'priority' && value ? normalisePriority(value) : value;
      count(field);
    }
    const created = readDateFromElement(cells.created ?? null, now);
    if (created !== undefined && created <= now) {
      observation.createdAt = created;
      count('created');
    }
    const updated = readDateFromElement(cells.updated ?? null, now);
    if (updated !== undefined && updated <= now) {
      observation.updatedAt = updated;
      count('updated');
    }
    const slaDue = readSlaDue(cells.sla, now);
    if (slaDue !== undefined) {
      observation.slaDueAt = slaDue;
      count('sla');
    }
    // Beside the subject link, inside its (block) wrapper, so the badge shares the link's line.
    const inSubject = link && subject?.contains(link) ? link : null;
    const badgeHost = inSubject?.parentElement ?? subject ?? cells.id ?? row.children[1] ?? row;
    items.push({ element: row, badgeHost, observation });
  }

  if (onlyRows) return { pageKind, items, report };
  if (rows.length === 0 && table.querySelectorAll('tbody tr').length > queryAllFirst(table, SELECTORS.groupRow).length) {
    report.problem = 'Zendesk view layout not recognised: the table has rows, but none looks like a ticket row';
  } else if (rows.length > 0 && items.length < rows.length) {
    report.problem = `Zendesk view layout not recognised: ${rows.length - items.length} of ${rows.length} rows have no ticket id`;
  }
  return { pageKind, items, report };
}
