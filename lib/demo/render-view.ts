import { CUSTOM_FIELD_ID } from './catalog';
import { escapeHtml } from './escape';
import { fullDate, isoMillis, shownDate, slaLevel, slaText } from './format';
import type { SimulatedHelpdesk } from './helpdesk';
import { LOCALES, STRINGS, isLocale, type Locale } from './locale';
import { renderShell } from './render-shell';
import type { Theme } from './styles';
import type { SimTicket } from './types';
import { ALL_COLUMNS, sortTickets, type ColumnId, type SimView } from './views';

export type GroupBy = 'none' | 'group' | 'status' | 'assignee';

export interface ViewRenderOptions {
  viewId: number;
  /** 1-based page (default 1). */
  page?: number;
  /** Rows per page (default 30, like Zendesk). */
  pageSize?: number;
  /** Ordered column ids; drop or reorder freely (default DEFAULT_COLUMNS). */
  columns?: readonly ColumnId[];
  groupBy?: GroupBy;
  locale?: Locale;
  theme?: Theme;
  /** Benchmarks: this many rows on one page (see SimulatedHelpdesk.ensureUnsolved to have them). */
  rows?: number;
  sort?: { by: ColumnId; dir: 'asc' | 'desc' };
}

export const PAGE_SIZE = 30;
export const DEFAULT_COLUMNS: readonly ColumnId[] = [
  'status', 'id', 'subject', 'requester', 'created', 'updated', 'priority', 'group', 'assignee', 'sla', 'custom',
];

/** The parts of one rendered view page, also used for the SPA fragment. */
export interface RenderedView {
  view: SimView;
  page: number;
  pageCount: number;
  count: number;
  /** The tickets on this page, in row order. */
  tickets: SimTicket[];
  tbody: string;
  main: string;
  counter: string;
  pageLabel: string;
  documentTitle: string;
}

interface Ctx {
  desk: SimulatedHelpdesk;
  locale: Locale;
  now: number;
}

const SORT_ICON = '<div><svg viewBox="0 0 12 12" aria-hidden="true" focusable="false"><path d="M6 2l3 4H3z" fill="currentColor"/><path d="M6 10L3 6h6z" fill="currentColor" opacity=".4"/></svg></div>';

function headerCell(column: ColumnId, ctx: Ctx, sort: { by: ColumnId; dir: 'asc' | 'desc' }): string {
  const label = escapeHtml(STRINGS[ctx.locale].columns[column]);
  // Like the real table, the status pill column is not sortable: its name is plain header text.
  if (column === 'status') return `<th data-garden-id="tables.header_cell">${label}</th>`;
  const ariaSort = sort.by === column ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return `<th aria-sort="${ariaSort}" data-garden-id="tables.header_cell" data-sim-column="${column}"><button type="button">${label}${SORT_ICON}</button></th>`;
}

function dateCell(t: number, ctx: Ctx): string {
  return (
    `<td data-garden-id="tables.cell" data-test-id="generic-table-cells-date">` +
    `<time datetime="${isoMillis(t)}" title="${escapeHtml(fullDate(t, ctx.locale))}">${escapeHtml(shownDate(t, ctx.now, ctx.locale))}</time></td>`
  );
}

function cell(column: ColumnId, t: SimTicket, ctx: Ctx): string {
  const s = STRINGS[ctx.locale];
  const { desk } = ctx;
  switch (column) {
    case 'status': {
      const label = escapeHtml(s.status[t.status]);
      return `<td data-garden-id="tables.cell" data-test-id="ticket-table-cells-status"><span aria-label="${label}" class="sim-pill ${t.status}"><div><div>${label}</div></div></span></td>`;
    }
    case 'id':
      return `<td data-garden-id="tables.cell" data-test-id="generic-table-cells-id">#${t.id}</td>`;
    case 'subject': {
      const subject = escapeHtml(t.subject);
      return `<td data-garden-id="tables.cell" data-test-id="ticket-table-cells-subject"><div><div><a href="/agent/tickets/${t.id}" title="${subject}">${subject}</a></div></div></td>`;
    }
    case 'requester': {
      const name = escapeHtml(desk.nameOf(t.requesterId));
      return `<td aria-label="${name}" data-garden-id="tables.cell">${name}</td>`;
    }
    case 'created':
      return dateCell(t.createdAt, ctx);
    case 'updated':
      return dateCell(t.updatedAt, ctx);
    case 'priority': {
      const label = t.priority ? escapeHtml(s.priority[t.priority]) : '';
      return `<td aria-label="${label}" data-garden-id="tables.cell">${label}</td>`;
    }
    case 'group':
      return `<td data-garden-id="tables.cell">${escapeHtml(desk.nameOf(t.groupId))}</td>`;
    case 'assignee': {
      const name = escapeHtml(desk.nameOf(t.assigneeId));
      return `<td aria-label="${name}" data-garden-id="tables.cell" data-test-id="ticket-table-cells-assignee">${name}</td>`;
    }
    case 'sla': {
      const inner = t.slaDueAt === null
        ? ''
        : `<span class="sim-sla ${slaLevel(t.slaDueAt, ctx.now)}" title="${escapeHtml(fullDate(t.slaDueAt, ctx.locale))}">${escapeHtml(slaText(t.slaDueAt, ctx.now))}</span>`;
      return `<td data-garden-id="tables.cell" data-test-id="ticket-table-cells-sla">${inner}</td>`;
    }
    case 'custom':
      return `<td data-garden-id="tables.cell" data-test-id="ticket-table-cells-custom-field-${CUSTOM_FIELD_ID}">${escapeHtml(t.productArea)}</td>`;
  }
}

function row(t: SimTicket, columns: readonly ColumnId[], ctx: Ctx): string {
  const select = escapeHtml(STRINGS[ctx.locale].selectRow(t.id));
  return (
    `<tr aria-selected="false" data-test-id="generic-table-row" role="row" tabindex="-1" data-garden-id="tables.row">` +
    `<td data-garden-id="tables.cell"><div><input type="checkbox" aria-checked="false" aria-label="${select}"></div></td>` +
    columns.map((c) => cell(c, t, ctx)).join('') +
    `<td data-garden-id="tables.cell"><button type="button" aria-haspopup="true" aria-expanded="false" aria-label="Ticket options">⋯</button></td></tr>`
  );
}

function groupKey(t: SimTicket, by: GroupBy, ctx: Ctx): string {
  const s = STRINGS[ctx.locale];
  if (by === 'group') return ctx.desk.nameOf(t.groupId) || s.noGroup;
  if (by === 'assignee') return ctx.desk.nameOf(t.assigneeId) || s.unassigned;
  if (by === 'status') return s.status[t.status];
  return '';
}

const STATUS_ORDER = ['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted'];

/** Groups keep the view's order inside; groups are ordered by name (status: by lifecycle). */
function orderForGrouping(tickets: SimTicket[], by: GroupBy, ctx: Ctx): SimTicket[] {
  if (by === 'none') return tickets;
  const rank = (t: SimTicket) => (by === 'status' ? String(STATUS_ORDER.indexOf(t.status)) : groupKey(t, by, ctx).toLowerCase());
  return tickets
    .map((t, i) => ({ t, i, k: rank(t) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map((x) => x.t);
}

/** Normalises options: defaults, a known locale, columns without duplicates. */
export function resolveViewOptions(o: ViewRenderOptions): Required<Omit<ViewRenderOptions, 'rows' | 'sort'>> & Pick<ViewRenderOptions, 'rows' | 'sort'> {
  const columns = (o.columns?.length ? o.columns : DEFAULT_COLUMNS).filter((c, i, all) => ALL_COLUMNS.includes(c) && all.indexOf(c) === i);
  return {
    viewId: o.viewId,
    page: o.rows ? 1 : Math.max(1, Math.floor(o.page ?? 1)),
    pageSize: o.rows ? Math.max(1, o.rows) : Math.max(1, o.pageSize ?? PAGE_SIZE),
    columns,
    groupBy: o.groupBy ?? 'none',
    locale: o.locale && LOCALES.includes(o.locale) ? o.locale : 'en',
    theme: o.theme === 'dark' ? 'dark' : 'light',
    rows: o.rows,
    sort: o.sort,
  };
}

/** Renders a view's table body, main pane and chrome texts; undefined for an unknown view. */
export function renderViewParts(desk: SimulatedHelpdesk, options: ViewRenderOptions): RenderedView | undefined {
  const view = desk.view(options.viewId);
  if (!view) return undefined;
  const sort = options.sort ?? view.sort;
  return renderTableParts(desk, view, desk.viewTickets(view.id, sort), sort, options);
}

/** Search results (`/agent/search/<text>`): the same table over tickets whose subject or id matches. */
export function renderSearchParts(desk: SimulatedHelpdesk, text: string, options: Omit<ViewRenderOptions, 'viewId'>): RenderedView {
  const needle = text.trim().toLowerCase();
  const sort = options.sort ?? { by: 'updated' as const, dir: 'desc' as const };
  const found = desk.tickets().filter((t) => t.status !== 'deleted' && (!needle || t.subject.toLowerCase().includes(needle) || String(t.id) === needle.replace(/^#/, '')));
  const pseudo: SimView = { id: 0, title: `Search: ${text}`, matches: () => true, sort };
  return renderTableParts(desk, pseudo, sortTicketsFor(desk, found, sort), sort, { ...options, viewId: 0 });
}

function sortTicketsFor(desk: SimulatedHelpdesk, tickets: SimTicket[], sort: { by: ColumnId; dir: 'asc' | 'desc' }): SimTicket[] {
  return sortTickets(tickets, sort.by, sort.dir, (id) => desk.nameOf(id));
}

function renderTableParts(
  desk: SimulatedHelpdesk,
  view: SimView,
  sorted: SimTicket[],
  sort: { by: ColumnId; dir: 'asc' | 'desc' },
  options: ViewRenderOptions,
): RenderedView {
  const o = resolveViewOptions(options);
  const ctx: Ctx = { desk, locale: o.locale, now: desk.now };
  const s = STRINGS[o.locale];
  const all = orderForGrouping(sorted, o.groupBy, ctx);
  const pageCount = Math.max(1, Math.ceil(all.length / o.pageSize));
  const page = Math.min(o.page, pageCount);
  const tickets = all.slice((page - 1) * o.pageSize, page * o.pageSize);
  const width = o.columns.length + 2;

  const groupCounts = new Map<string, number>();
  if (o.groupBy !== 'none') for (const t of all) groupCounts.set(groupKey(t, o.groupBy, ctx), (groupCounts.get(groupKey(t, o.groupBy, ctx)) ?? 0) + 1);
  let lastGroup: string | undefined;
  const bodyRows: string[] = [];
  for (const t of tickets) {
    if (o.groupBy !== 'none') {
      const key = groupKey(t, o.groupBy, ctx);
      if (key !== lastGroup) {
        lastGroup = key;
        bodyRows.push(
          `<tr data-test-id="generic-table-rows-group-by" data-garden-id="tables.group_row" role="row"><td colspan="${width}">` +
            `${escapeHtml(s.groupBy[o.groupBy])}: ${escapeHtml(key)} <span class="sim-count">(${groupCounts.get(key) ?? 0})</span></td></tr>`,
        );
      }
    }
    bodyRows.push(row(t, o.columns, ctx));
  }
  const tbody = bodyRows.join('');
  const colgroup = `<colgroup><col class="c-check">${o.columns.map((c) => `<col class="c-${c}">`).join('')}<col class="c-actions"></colgroup>`;
  const thead =
    `<thead data-test-id="generic-table-head" data-garden-id="tables.head"><tr data-garden-id="tables.header_row">` +
    `<th data-garden-id="tables.header_cell"><div><input type="checkbox" aria-checked="false" aria-label="${escapeHtml(s.selectAll)}"></div></th>` +
    o.columns.map((c) => headerCell(c, ctx, sort)).join('') +
    `<th data-garden-id="tables.header_cell"><span><span hidden="">Actions</span></span></th></tr></thead>`;
  const table =
    `<table data-test-id="generic-table" data-garden-id="tables.table">${colgroup}${thead}` +
    `<tbody data-test-id="generic-table-body" data-garden-id="tables.body">${tbody}</tbody></table>`;
  const counter = s.tickets(all.length);
  const pageLabel = `${page} / ${pageCount}`;
  const pagination =
    `<nav class="sim-pagination" aria-label="Pagination">` +
    `<button type="button" data-test-id="generic-table-pagination-previous" aria-label="${escapeHtml(s.previous)}"${page <= 1 ? ' disabled' : ''}>‹</button>` +
    `<span data-sim="page-label">${pageLabel}</span>` +
    `<button type="button" data-test-id="generic-table-pagination-next" aria-label="${escapeHtml(s.next)}"${page >= pageCount ? ' disabled' : ''}>›</button></nav>`;
  const main =
    `<div class="sim-view-header"><h1>${escapeHtml(view.title)}</h1>` +
    `<div data-test-id="views_views-header-counter">${escapeHtml(counter)}</div></div>` +
    table +
    (all.length === 0 ? `<div class="sim-empty">${escapeHtml(s.noTickets)}</div>` : '') +
    pagination;
  return { view, page, pageCount, count: all.length, tickets, tbody, main, counter, pageLabel, documentTitle: `${view.title} – Agent Workspace` };
}

/** Serialises the display options (not the page) into a query string the page keeps. */
export function viewQuery(options: ViewRenderOptions): string {
  const p = new URLSearchParams();
  if (options.columns?.length) p.set('columns', options.columns.join(','));
  if (options.groupBy && options.groupBy !== 'none') p.set('groupBy', options.groupBy);
  if (options.locale && options.locale !== 'en') p.set('locale', options.locale);
  if (options.theme === 'dark') p.set('theme', 'dark');
  if (options.rows) p.set('rows', String(options.rows));
  if (options.pageSize && options.pageSize !== PAGE_SIZE) p.set('pageSize', String(options.pageSize));
  if (options.sort) p.set('sort', `${options.sort.by}:${options.sort.dir}`);
  return p.toString();
}

/** Reads view options from a page URL's query (the inverse of viewQuery, plus `page`). */
export function viewOptionsFromQuery(viewId: number, params: URLSearchParams): ViewRenderOptions {
  const o: ViewRenderOptions = { viewId };
  const page = Number(params.get('page'));
  if (page >= 1) o.page = page;
  const columns = params.get('columns');
  if (columns) o.columns = columns.split(',').filter((c): c is ColumnId => (ALL_COLUMNS as readonly string[]).includes(c));
  const groupBy = params.get('groupBy');
  if (groupBy === 'group' || groupBy === 'status' || groupBy === 'assignee') o.groupBy = groupBy;
  const locale = params.get('locale');
  if (isLocale(locale)) o.locale = locale;
  if (params.get('theme') === 'dark') o.theme = 'dark';
  const rows = Number(params.get('rows'));
  if (rows >= 1) o.rows = Math.min(rows, 10_000);
  const pageSize = Number(params.get('pageSize'));
  if (pageSize >= 1) o.pageSize = Math.min(pageSize, 10_000);
  const sort = /^(\w+):(asc|desc)$/.exec(params.get('sort') ?? '');
  if (sort && (ALL_COLUMNS as readonly string[]).includes(sort[1])) o.sort = { by: sort[1] as ColumnId, dir: sort[2] as 'asc' | 'desc' };
  return o;
}

/** JSON the inline script fetches from `/agent/api/__sim/view/<id>`. */
export interface ViewFragment {
  viewId: number;
  page: number;
  pageCount: number;
  count: number;
  counter: string;
  pageLabel: string;
  documentTitle: string;
  tbody: string;
  main: string;
  sidebar: { id: number; count: number }[];
}

export function viewFragment(desk: SimulatedHelpdesk, options: ViewRenderOptions): ViewFragment | undefined {
  const r = renderViewParts(desk, options);
  if (!r) return undefined;
  return {
    viewId: r.view.id,
    page: r.page,
    pageCount: r.pageCount,
    count: r.count,
    counter: r.counter,
    pageLabel: r.pageLabel,
    documentTitle: r.documentTitle,
    tbody: r.tbody,
    main: r.main,
    sidebar: desk.views().map((v) => ({ id: v.id, count: v.count })),
  };
}

/** A full view page document (`/agent/filters/<id>`); undefined for an unknown view. */
export function renderViewPage(desk: SimulatedHelpdesk, options: ViewRenderOptions): string | undefined {
  const r = renderViewParts(desk, options);
  if (!r) return undefined;
  const o = resolveViewOptions(options);
  return renderShell(desk, {
    title: r.documentTitle,
    locale: o.locale,
    theme: o.theme,
    activeViewId: r.view.id,
    main: r.main,
    config: { viewId: r.view.id, page: r.page, pageCount: r.pageCount, query: viewQuery(options) },
  });
}

/** A full search results document; no SPA script (results do not refresh in place). */
export function renderSearchPage(desk: SimulatedHelpdesk, text: string, options: Omit<ViewRenderOptions, 'viewId'>): string {
  const r = renderSearchParts(desk, text, options);
  const o = resolveViewOptions({ ...options, viewId: 0 });
  return renderShell(desk, { title: r.documentTitle, locale: o.locale, theme: o.theme, main: r.main });
}
