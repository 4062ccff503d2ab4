import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseZendeskTable, readSlaDue } from '../../../lib/zendesk/parse-view';
import { zendeskAdapter } from '../../../lib/zendesk/adapter';
import { drawBadges } from '../../../lib/content/badges';
import { DEFAULT_THRESHOLDS } from '../../../lib/content/badge-view';
import { hasSharedFixtures, htmlDocument, readFixture, sharedFixtures } from '../support/fixtures';

const NOW = Date.parse('2026-11-24T11:00:00Z');
const viewUrl = new URL('https://acme.zendesk.com/agent/filters/360001');

function parseFixture(name: string) {
  return parseZendeskTable(htmlDocument(readFixture(`zendesk/${name}`)), viewUrl, NOW, 'zendesk-view');
}

describe('Zendesk view parser', () => {
  it('reads every ticket row of a standard view with columns by header label', () => {
    const pass = parseFixture('view-basic.html');
    expect(pass.items.map((i) => i.observation.id)).toEqual(['4123', '4127', '4130', '3988']);
    const first = pass.items[0].observation;
    expect(first).toMatchObject({
      key: 'zendesk:acme.zendesk.com:4123',
      status: 'open',
      assignee: 'Sam Ortiz',
      group: 'Billing',
      priority: 'high',
      createdAt: Date.parse('2026-11-18T09:12:00Z'),
      updatedAt: Date.parse('2026-11-23T16:40:00Z'),
      slaDueAt: NOW + 2 * 3_600_000,
      viewId: '360001',
      title: 'Refund not received for order 5521',
    });
    // Requester is not mistaken for the assignee, and empty cells read as "unassigned".
    expect(pass.items[2].observation).toMatchObject({ assignee: null, priority: null, status: 'new' });
    expect(pass.items[2].observation.slaDueAt).toBeUndefined();
    expect(pass.items[3].observation.status).toBe('hold');
    expect(pass.items[1].observation.slaDueAt).toBe(NOW - 3_600_000);
    expect(pass.report.problem).toBeUndefined();
    expect(pass.report.fieldCounts).toMatchObject({ id: 4, status: 4, assignee: 4, created: 4, updated: 4, sla: 3 });
  });

  it('keeps page text as text: markup in a subject is just characters', () => {
    const pass = parseFixture('view-basic.html');
    expect(pass.items[1].observation.title).toBe('<img src=x onerror=alert(1)> login loop on SSO');
  });

  it('reads the same titles after its own badges are drawn into the subject cells', () => {
    const doc = htmlDocument(readFixture('zendesk/view-basic.html'));
    const before = parseZendeskTable(doc, viewUrl, NOW, 'zendesk-view');
    const annotations = new Map(before.items.map((i) => [i.observation.key, { key: i.observation.key, statusSince: NOW - 60_000, statusSinceExact: true, handoffs: 1, lastOwners: [], open: true, startedAt: NOW - 86_400_000 }]));
    drawBadges(before.items.map((i) => ({ element: i.element, badgeHost: i.badgeHost!, key: i.observation.key })), annotations, NOW, DEFAULT_THRESHOLDS);
    expect(doc.querySelectorAll('[data-queuelens="badge"]')).toHaveLength(4);
    const after = parseZendeskTable(doc, viewUrl, NOW, 'zendesk-view');
    expect(after.items.map((i) => i.observation.title)).toEqual(before.items.map((i) => i.observation.title));
  });

  it('puts the badge on the subject line of each row, beside the ticket link', () => {
    const pass = parseFixture('view-basic.html');
    for (const item of pass.items) {
      expect(item.badgeHost!.closest('td')?.getAttribute('data-test-id')).toBe('ticket-table-cells-subject');
      expect(item.badgeHost!.querySelector(':scope > a[href^="/agent/tickets/"]')).not.toBeNull();
      expect(item.element.contains(item.badgeHost)).toBe(true);
    }
  });

  it('follows reordered columns and copes with hidden ID, Priority and SLA columns', () => {
    const pass = parseFixture('view-reordered-no-priority.html');
    expect(pass.items.map((i) => i.observation)).toMatchObject([
      { id: '5001', assignee: null, status: 'open', group: 'Sales', title: 'Cannot add seats to plan' },
      { id: '5002', assignee: 'Ravi Patel', status: 'pending', group: 'Developer support' },
    ]);
    // Not shown on the page = not observed (absent), unlike an empty cell (null).
    expect('priority' in pass.items[0].observation).toBe(false);
    expect('slaDueAt' in pass.items[0].observation).toBe(false);
    expect(pass.items[0].observation.updatedAt).toBe(Date.parse('Nov 24, 2026 08:00'));
    expect(pass.items[1].observation.updatedAt).toBe(NOW - 2 * 86_400_000);
  });

  it('skips group-by rows', () => {
    const pass = parseFixture('view-grouped.html');
    expect(pass.items.map((i) => i.observation.id)).toEqual(['701', '702', '688']);
    expect(pass.report.rows).toBe(3);
    expect(pass.report.problem).toBeUndefined();
  });

  it('reads any whitespace in a cell as one space, a lone no-break space too', () => {
    const doc = htmlDocument(readFixture('zendesk/view-basic.html'));
    const [first, second] = doc.querySelectorAll('[data-test-id="ticket-table-cells-assignee"]');
    first.textContent = 'Sam\u00a0Ortiz';
    second.textContent = '  Priya \n\t Natarajan ';
    const pass = parseZendeskTable(doc, viewUrl, NOW, 'zendesk-view');
    expect(pass.items.slice(0, 2).map((i) => i.observation.assignee)).toEqual(['Sam Ortiz', 'Priya Natarajan']);
  });

  it('reads a 500-row view completely', () => {
    const html = readFixture('zendesk/view-basic.html');
    const rowTemplate = /<tr aria-selected[\s\S]*?<\/tr>/.exec(html)![0];
    const rows = Array.from({ length: 500 }, (_, i) => rowTemplate.replaceAll('4123', String(10_000 + i)));
    const big = html.replace(/<tbody([^>]*)>[\s\S]*<\/tbody>/, `<tbody$1>${rows.join('')}</tbody>`);
    const pass = parseZendeskTable(htmlDocument(big), viewUrl, NOW, 'zendesk-view');
    expect(pass.items).toHaveLength(500);
    expect(new Set(pass.items.map((i) => i.observation.key)).size).toBe(500);
    expect(pass.items[499].observation.id).toBe('10499');
  });

  it('takes over the readings of unchanged rows on a full pass, under the same view and columns only', () => {
    const doc = htmlDocument(readFixture('zendesk/view-basic.html'));
    const first = parseZendeskTable(doc, viewUrl, NOW, 'zendesk-view');
    const byRow = new Map(first.items.map((i) => [i.element, i]));
    const changed = first.items[1].element;
    changed.querySelector('[data-test-id="ticket-table-cells-assignee"]')!.textContent = 'Priya Natarajan';
    const reuse = (row: Element) => (row === changed ? undefined : byRow.get(row));
    const second = parseZendeskTable(doc, viewUrl, NOW + 60_000, 'zendesk-view', undefined, reuse);
    expect(second.items.map((i) => i === byRow.get(i.element))).toEqual([true, false, true, true]);
    expect(second.items[1].observation).toMatchObject({ assignee: 'Priya Natarajan', seenAt: NOW + 60_000 });
    expect(second.report.fieldCounts).toEqual(first.report.fieldCounts);
    // Another view's URL: every row is read again.
    const other = parseZendeskTable(doc, new URL('https://acme.zendesk.com/agent/filters/360002'), NOW, 'zendesk-view', undefined, reuse);
    expect(other.items.some((i) => i === byRow.get(i.element))).toBe(false);
    expect(other.items[0].observation.viewId).toBe('360002');
  });

  it('reports an unrecognised layout instead of failing silently', () => {
    const doc = htmlDocument(readFixture('zendesk/view-basic.html').replaceAll('generic-table-row', 'renamed-row').replaceAll('tables.row', 'tables.renamed'));
    const pass = parseZendeskTable(doc, viewUrl, NOW, 'zendesk-view');
    expect(pass.items).toHaveLength(0);
    expect(pass.report.problem).toMatch(/Zendesk view layout not recognised/);
  });

  it('reports rows without ticket ids', () => {
    const doc = htmlDocument(readFixture('zendesk/view-basic.html').replace(/href="\/agent\/tickets\/4127"/, 'href="#"').replace('>#4127<', '><'));
    const pass = parseZendeskTable(doc, viewUrl, NOW, 'zendesk-view');
    expect(pass.items).toHaveLength(3);
    expect(pass.report.problem).toBe('Zendesk view layout not recognised: 1 of 4 rows have no ticket id');
  });

  it('detects page kinds from the URL', () => {
    expect(zendeskAdapter.detect(new URL('https://acme.zendesk.com/agent/filters/123'))).toBe('zendesk-view');
    expect(zendeskAdapter.detect(new URL('https://acme.zendesk.com/agent/tickets/4123'))).toBe('zendesk-ticket');
    expect(zendeskAdapter.detect(new URL('https://acme.zendesk.com/agent/search/1?q=refund'))).toBe('zendesk-search');
    expect(zendeskAdapter.detect(new URL('https://acme.zendesk.com/hc/en-us'))).toBe('unknown');
  });

  it('reads the SLA cell in its shown forms', () => {
    const cell = (text: string) => htmlDocument(`<table><tr><td>${text}</td></tr></table>`).querySelector('td')!;
    expect(readSlaDue(cell('35 m'), NOW)).toBe(NOW + 35 * 60_000);
    expect(readSlaDue(cell('Now'), NOW)).toBe(NOW);
    expect(readSlaDue(cell('-2 h'), NOW)).toBe(NOW - 2 * 3_600_000);
    expect(readSlaDue(cell(''), NOW)).toBeUndefined();
  });
});

describe.skipIf(!hasSharedFixtures)('Zendesk view parser on the real captured page', () => {
  it('finds the Garden table and its rows, reads Priority by label, and reports missing ids', () => {
    const html = readFileSync(resolve(sharedFixtures, 'zendesk/html/agent_workspace_view_table_priority_present__zhroma_sanitized.html'), 'utf8');
    const pass = parseZendeskTable(htmlDocument(html), viewUrl, NOW, 'zendesk-view');
    expect(pass.report.fieldCounts.table).toBe(1);
    expect(pass.report.rows).toBe(4);
    // The capture had its hrefs and id cells stripped: no row can be keyed, and the page says so.
    expect(pass.items).toHaveLength(0);
    expect(pass.report.problem).toBe('Zendesk view layout not recognised: 4 of 4 rows have no ticket id');
  });
});
