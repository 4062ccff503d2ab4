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

/** The cells of one row by field: header position first, cell test ids (attribute-first) win. */
function cellsByField(row: Element, columns: ColumnField[]): Map<ColumnField, Element> {
  const byField = new Map<ColumnField, Element>();
  const cells = row.querySelectorAll(':scope > td');
  cells.forEach((cell, i) => {
    const field = columns[i];
    if (field && field !== 'other' && !byField.has(field)) byField.set(field, cell);
  });
  row.querySelectorAll('[data-test-id]').forEach((el) => {
    const field = CELL_TEST_IDS[el.getAttribute('data-test-id')!];
    if (field) byField.set(field, el);
  });
  return byField;
}

const textOf = (el: Element | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const orNull = (s: string) => (s === '' || s === '-' || s === '—' ? null : s);

function readId(row: Element, idCell: Element | undefined): string | undefined {
  const link = queryFirst(row, SELECTORS.ticketLink);
  const fromHref = link && TICKET_HREF.exec(link.getAttribute('href') ?? '')?.[1];
  if (fromHref) return fromHref;
  return /#?\s*(\d+)/.exec(textOf(idCell))?.[1];
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
  const time = cell.querySelector('time');
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

  const columns = readColumns(table);
  const rows = onlyRows
    ? onlyRows.filter((r) => r.isConnected && table.contains(r) && SELECTORS.row.some((s) => r.matches(s)))
    : queryAllFirst(table, SELECTORS.row);
  const bodyRowCount = table.querySelectorAll('tbody tr').length;
  const groupRowCount = queryAllFirst(table, SELECTORS.groupRow).length;
  const viewId = viewIdOf(url);
  const items: ParsedItem[] = [];

  for (const row of rows) {
    report.rows += 1;
    const cells = cellsByField(row, columns);
    const id = readId(row, cells.get('id'));
    if (!id) continue;
    count('id');
    const observation: Observation = {
      key: ticketKey('zendesk', host, id),
      tool: 'zendesk',
      host,
      id,
      seenAt: now,
      pageKind,
      ...(viewId ? { viewId } : {}),
    };
    const subject = cells.get('subject');
    if (subject) {
      observation.title = textOf(subject).slice(0, 500);
      count('title');
    }
    const status = readStatus(cells.get('status'));
    if (status !== undefined) {
      observation.status = status;
      count('status');
    }
    for (const field of ['assignee', 'group', 'priority'] as const) {
      const cell = cells.get(field);
      if (!cell) continue;
      const value = orNull(textOf(cell));
      observation[field] = field === 'priority' && value ? normalisePriority(value) : value;
      count(field);
    }
    const created = readDateFromElement(cells.get('created') ?? null, now);
    if (created !== undefined && created <= now) {
      observation.createdAt = created;
      count('created');
    }
    const updated = readDateFromElement(cells.get('updated') ?? null, now);
    if (updated !== undefined && updated <= now) {
      observation.updatedAt = updated;
      count('updated');
    }
    const slaDue = readSlaDue(cells.get('sla'), now);
    if (slaDue !== undefined) {
      observation.slaDueAt = slaDue;
      count('sla');
    }
    // Beside the subject link, inside its (block) wrapper, so the badge shares the link's line.
    const subjectLink = subject && queryFirst(subject, SELECTORS.ticketLink);
    const badgeHost = subjectLink?.parentElement ?? subject ?? cells.get('id') ?? row.querySelector(':scope > td:nth-child(2)') ?? row;
    items.push({ element: row, badgeHost, observation });
  }

  if (onlyRows) return { pageKind, items, report };
  if (rows.length === 0 && bodyRowCount > groupRowCount) {
    report.problem = 'Zendesk view layout not recognised: the table has rows, but none looks like a ticket row';
  } else if (rows.length > 0 && items.length < rows.length) {
    report.problem = `Zendesk view layout not recognised: ${rows.length - items.length} of ${rows.length} rows have no ticket id`;
  }
  return { pageKind, items, report };
}
