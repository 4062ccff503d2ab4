import { describe, expect, it } from 'vitest';
import { parseZendeskTable } from '../../../lib/zendesk/parse-view';
import { HOSTILE_SUBJECT } from '../../../lib/demo/catalog';
import { LOCALES, STRINGS, type Locale } from '../../../lib/demo/locale';
import { renderViewPage, renderViewParts, viewFragment, type ViewRenderOptions } from '../../../lib/demo/render-view';
import type { SimulatedHelpdesk } from '../../../lib/demo/helpdesk';
import type { ColumnId } from '../../../lib/demo/views';
import { HOST, expectedObservation, makeDesk, parseHtml, slaTolerance } from './support';

const ALL_UNSOLVED = 360001003;

function parseView(desk: SimulatedHelpdesk, options: ViewRenderOptions) {
  const html = renderViewPage(desk, options)!;
  const doc = parseHtml(html);
  const pass = parseZendeskTable(doc, new URL(`https://${HOST}/agent/filters/${options.viewId}`), desk.now, 'zendesk-view');
  return { doc, pass, parts: renderViewParts(desk, options)! };
}

/** Every rendered ticket comes back from the real parser with the simulator's values. */
function expectFaithful(desk: SimulatedHelpdesk, options: ViewRenderOptions, columns: readonly ColumnId[]) {
  const { pass, parts } = parseView(desk, options);
  const locale: Locale = options.locale ?? 'en';
  expect(pass.report.problem).toBeUndefined();
  expect(pass.items.map((i) => i.observation.id)).toEqual(parts.tickets.map((t) => String(t.id)));
  pass.items.forEach((item, i) => {
    const t = parts.tickets[i];
    const want = expectedObservation(desk, t);
    const o = item.observation;
    expect(o.key).toBe(`zendesk:${HOST}:${t.id}`);
    expect(o.viewId).toBe(String(options.viewId));
    if (columns.includes('status')) expect(o.status, `status #${t.id} ${locale}`).toBe(want.status);
    else expect(o.status).toBeUndefined();
    if (columns.includes('assignee')) expect(o.assignee).toBe(want.assignee);
    else expect('assignee' in o).toBe(false);
    if (columns.includes('group')) expect(o.group).toBe(want.group);
    else expect('group' in o).toBe(false);
    if (columns.includes('subject')) expect(o.title).toBe(t.subject);
    if (columns.includes('created')) expect(o.createdAt).toBe(want.createdAt);
    else expect(o.createdAt).toBeUndefined();
    if (columns.includes('updated')) expect(o.updatedAt).toBe(want.updatedAt);
    else expect(o.updatedAt).toBeUndefined();
    if (columns.includes('priority')) {
      if (t.priority === null) expect(o.priority).toBeNull();
      // Localised priority text reads as the system priority in every language.
      else expect(o.priority).toBe(t.priority);
    } else expect('priority' in o).toBe(false);
    if (columns.includes('sla') && t.slaDueAt !== null) {
      expect(Math.abs(o.slaDueAt! - t.slaDueAt), `sla #${t.id}`).toBeLessThanOrEqual(slaTolerance(t.slaDueAt, desk.now));
    } else expect(o.slaDueAt).toBeUndefined();
  });
  return { pass, parts };
}

const DEFAULT: ColumnId[] = ['status', 'id', 'subject', 'requester', 'created', 'updated', 'priority', 'group', 'assignee', 'sla', 'custom'];

describe('rendered view pages read back through the real Zendesk parser', () => {
  const desk = makeDesk();

  it('every view, first page: all rows with id, status, assignee, group, priority, dates, SLA', () => {
    for (const view of desk.views()) {
      const { pass } = expectFaithful(desk, { viewId: view.id }, DEFAULT);
      expect(pass.items.length).toBe(Math.min(30, view.count));
    }
  });

  it.each(LOCALES)('locale %s: localised headers and statuses parse to system values', (locale) => {
    const { parts } = expectFaithful(desk, { viewId: ALL_UNSOLVED, locale }, DEFAULT);
    const doc = parseHtml(renderViewPage(desk, { viewId: ALL_UNSOLVED, locale })!);
    expect(doc.documentElement.getAttribute('lang')).toBe(locale);
    const status = doc.querySelector('[data-test-id="ticket-table-cells-status"] [aria-label]')!.getAttribute('aria-label');
    expect(status).toBe(STRINGS[locale].status[parts.tickets[0].status]);
  });

  it('reordered and removed columns (no Priority, no SLA, no Status) are read by label', () => {
    const layouts: ColumnId[][] = [
      ['subject', 'assignee', 'group', 'updated', 'id', 'created', 'status'],
      ['id', 'status', 'subject', 'created', 'updated', 'assignee'],
      ['updated', 'group', 'assignee', 'subject', 'created', 'custom'],
      ['id', 'assignee', 'group'],
    ];
    for (const columns of layouts) {
      for (const locale of ['en', 'de', 'ja'] as const) expectFaithful(desk, { viewId: ALL_UNSOLVED, columns, locale }, columns);
    }
  });

  it.each(['group', 'status', 'assignee'] as const)('group-by %s rows yield no items', (groupBy) => {
    const { pass, doc, parts } = parseView(desk, { viewId: ALL_UNSOLVED, groupBy });
    const groupRows = doc.querySelectorAll('tr[data-test-id="generic-table-rows-group-by"][data-garden-id="tables.group_row"]');
    expect(groupRows.length).toBeGreaterThan(1);
    expect(pass.items.length).toBe(parts.tickets.length);
    for (const item of pass.items) expect(item.element.getAttribute('data-test-id')).toBe('generic-table-row');
    expectFaithful(desk, { viewId: ALL_UNSOLVED, groupBy }, DEFAULT);
  });

  it('dark theme renders the same table', () => {
    const { doc } = parseView(desk, { viewId: ALL_UNSOLVED, theme: 'dark' });
    expect(doc.documentElement.getAttribute('data-theme')).toBe('dark');
    expectFaithful(desk, { viewId: ALL_UNSOLVED, theme: 'dark' }, DEFAULT);
  });

  it('paginates 30 rows a page; the last page has the rest', () => {
    const count = desk.views().find((v) => v.id === ALL_UNSOLVED)!.count;
    expect(count).toBeGreaterThan(30);
    const seen: string[] = [];
    const pages = Math.ceil(count / 30);
    for (let page = 1; page <= pages; page++) {
      const { pass, doc } = parseView(desk, { viewId: ALL_UNSOLVED, page });
      seen.push(...pass.items.map((i) => i.observation.id));
      expect(doc.querySelector<HTMLButtonElement>('[data-test-id="generic-table-pagination-previous"]')!.hasAttribute('disabled')).toBe(page === 1);
      expect(doc.querySelector<HTMLButtonElement>('[data-test-id="generic-table-pagination-next"]')!.hasAttribute('disabled')).toBe(page === pages);
    }
    expect(seen.length).toBe(count);
    expect(new Set(seen).size).toBe(count);
  });

  it('500 rows on one page (benchmark override)', () => {
    const big = makeDesk();
    big.ensureUnsolved(500);
    const { pass } = expectFaithful(big, { viewId: ALL_UNSOLVED, rows: 500 }, DEFAULT);
    expect(pass.items.length).toBe(500);
  });

  it('the hostile subject stays text: no <img> in its row, the text is intact', () => {
    const { doc, pass } = parseView(desk, { viewId: ALL_UNSOLVED, rows: 200 });
    const item = pass.items.find((i) => i.observation.title === HOSTILE_SUBJECT)!;
    expect(item).toBeDefined();
    expect(item.element.querySelector('img')).toBeNull();
    expect(doc.querySelector('tbody img, main img')).toBeNull();
    expect(item.element.querySelector('a[href^="/agent/tickets/"]')!.textContent).toBe(HOSTILE_SUBJECT);
    expect(item.element.textContent).toContain('=SUM(A1)');
  });

  it('has Agent Workspace chrome: sidebar with counts, header counter, refresh, Garden table attributes', () => {
    const { doc } = parseView(desk, { viewId: ALL_UNSOLVED });
    const links = doc.querySelectorAll('a[data-test-id^="views_views-list_item-view-"]');
    expect(links.length).toBe(desk.views().length);
    desk.views().forEach((v, i) => {
      expect(links[i].getAttribute('href')).toBe(`/agent/filters/${v.id}`);
      expect(links[i].querySelector('[data-test-id="views_views-list_item_count"]')!.textContent).toBe(String(v.count));
    });
    expect(doc.querySelector('div[data-test-id="views_views-header-counter"]')!.textContent).toMatch(/^\d+ tickets$/);
    expect(doc.querySelector('[data-test-id="views_views-list_header-refresh"]')).not.toBeNull();
    expect(doc.querySelector('table[data-garden-id="tables.table"][data-test-id="generic-table"] > thead[data-test-id="generic-table-head"]')).not.toBeNull();
    const sortable = doc.querySelectorAll('th[data-garden-id="tables.header_cell"][aria-sort] > button');
    expect(sortable.length).toBeGreaterThan(5);
    expect(doc.querySelectorAll('th[aria-sort="ascending"], th[aria-sort="descending"]').length).toBe(1);
    const row = doc.querySelector('tr[data-garden-id="tables.row"][data-test-id="generic-table-row"][role="row"][aria-selected="false"]')!;
    expect(row.querySelector(':scope > td:first-child input[type="checkbox"]')).not.toBeNull();
    expect(row.querySelector(':scope > td:last-child button[aria-haspopup="true"]')).not.toBeNull();
    expect(row.querySelector('[data-test-id="generic-table-cells-id"]')!.textContent).toMatch(/^#\d+$/);
    expect(row.querySelector('[data-test-id="generic-table-cells-date"] > time[datetime][title]')).not.toBeNull();
    expect(doc.querySelectorAll('script[src], link[href], img[src]').length).toBe(0);
    const css = doc.querySelector('style')!.textContent!;
    expect(css).toContain('table-layout:fixed');
    expect(css).toContain('text-overflow:ellipsis');
  });

  it('SLA cells show Zendesk-style time left, negative once breached', () => {
    const { doc } = parseView(desk, { viewId: ALL_UNSOLVED, rows: 200 });
    const texts = [...doc.querySelectorAll('[data-test-id="ticket-table-cells-sla"]')].map((c) => c.textContent!.trim()).filter(Boolean);
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) expect(text).toMatch(/^-?\d+ [mhd]$/);
    expect(texts.some((t) => t.startsWith('-'))).toBe(true);
  });

  it('the SPA fragment re-renders the same rows', () => {
    const fragment = viewFragment(desk, { viewId: ALL_UNSOLVED, page: 2, locale: 'fr' })!;
    expect(fragment.page).toBe(2);
    const doc = parseHtml(`<table data-test-id="generic-table" data-garden-id="tables.table"><tbody>${fragment.tbody}</tbody></table>`);
    const ids = [...doc.querySelectorAll('tr[data-test-id="generic-table-row"] a[href^="/agent/tickets/"]')].map((a) => a.getAttribute('href'));
    const parts = renderViewParts(desk, { viewId: ALL_UNSOLVED, page: 2 })!;
    expect(ids).toEqual(parts.tickets.map((t) => `/agent/tickets/${t.id}`));
    expect(fragment.sidebar).toEqual(desk.views().map((v) => ({ id: v.id, count: v.count })));
    const main = parseHtml(`<main>${fragment.main}</main>`);
    const pass = parseZendeskTable(main, new URL(`https://${HOST}/agent/filters/${ALL_UNSOLVED}`), desk.now, 'zendesk-view');
    expect(pass.items.length).toBe(parts.tickets.length);
  });

  it('views move with the world: a refresh after advance shows the change', () => {
    const moving = makeDesk();
    const before = renderViewParts(moving, { viewId: ALL_UNSOLVED })!.tickets[0];
    moving.setStatus(before.id, 'solved');
    const after = renderViewParts(moving, { viewId: ALL_UNSOLVED })!;
    expect(after.tickets.map((t) => t.id)).not.toContain(before.id);
  });
});
