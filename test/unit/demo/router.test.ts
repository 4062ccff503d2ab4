import { describe, expect, it } from 'vitest';
import { parseZendeskTicket } from '../../../lib/zendesk/parse-ticket';
import { HOSTILE_SUBJECT } from '../../../lib/demo/catalog';
import { routeHelpdesk } from '../../../lib/demo/router';
import { HOST, NOW, makeDesk, parseHtml } from './support';

const url = (path: string) => new URL(`https://${HOST}${path}`);

describe('routeHelpdesk', () => {
  const desk = makeDesk();
  const route = (path: string, method = 'GET') => routeHelpdesk(desk, url(path), method);

  it('serves view pages with display options from the query', () => {
    const res = route('/agent/filters/360001003?locale=de&theme=dark&columns=id,subject,status&groupBy=group');
    expect(res.status).toBe(200);
    expect(res.contentType).toContain('text/html');
    const doc = parseHtml(res.body);
    expect(doc.documentElement.getAttribute('lang')).toBe('de');
    expect([...doc.querySelectorAll('th')].map((th) => th.textContent!.trim()).slice(1, 4)).toEqual(['ID', 'Betreff', 'Status']);
    expect(doc.querySelector('tr[data-test-id="generic-table-rows-group-by"]')).not.toBeNull();
    expect(route('/agent/filters/999').status).toBe(404);
  });

  it('lands /agent on the first view and serves the SPA fragment as JSON', () => {
    const home = parseHtml(route('/agent').body);
    expect(home.querySelector(`a[data-test-id="views_views-list_item-view-${desk.views()[0].id}"][aria-current="page"]`)).not.toBeNull();
    const frag = route('/agent/api/__sim/view/360001003?page=2');
    expect(frag.contentType).toContain('application/json');
    const body = JSON.parse(frag.body);
    expect(body.page).toBe(2);
    expect(body.tbody).toContain('data-test-id="generic-table-row"');
  });

  it('serves the API as JSON with its headers (429 + Retry-After)', () => {
    const ok = route('/api/v2/tickets/show_many.json?ids=4001,4002&include=users,groups');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).tickets.length).toBeGreaterThan(0);
    desk.failNext('/api/v2/tickets/4001/audits', { status: 429, retryAfterSeconds: 30 });
    const limited = route('/api/v2/tickets/4001/audits.json');
    expect(limited.status).toBe(429);
    expect(limited.headers?.['retry-after']).toBe('30');
    expect(route('/api/v2/tickets/4001.json', 'PUT').status).toBe(405);
  });

  it('serves ticket pages the ticket parser reads, with tabs and escaped text', () => {
    const t = desk.tickets().find((x) => x.subject === HOSTILE_SUBJECT)!;
    const res = route(`/agent/tickets/${t.id}`);
    expect(res.status).toBe(200);
    const doc = parseHtml(res.body);
    expect(doc.querySelector('img')).toBeNull();
    expect(doc.querySelector(`[data-test-id="ticket-${t.id}-standard-layout"]`)).not.toBeNull();
    expect(doc.querySelector<HTMLInputElement>('[data-test-id="omni-header-subject"]')!.value).toBe(HOSTILE_SUBJECT);
    expect(doc.querySelector(`[data-test-id="header-tab"][data-entity-type="TICKET_ENTITY_TYPE"][data-entity-id="${t.id}"]`)).not.toBeNull();
    expect(doc.querySelectorAll('[data-test-id="omni-log-container"] [data-test-id="omni-log-item-message"]').length).toBeGreaterThan(0);
    const pass = parseZendeskTicket(doc, url(`/agent/tickets/${t.id}`), desk.now);
    const o = pass.items[0].observation;
    expect(o.title).toBe(HOSTILE_SUBJECT);
    expect(o.status).toBe(t.status);
    expect(o.assignee).toBe(desk.nameOf(t.assigneeId));
    expect(o.group).toBe(desk.nameOf(t.groupId));
    if (t.slaDueAt !== null) expect(o.slaDueAt).toBe(t.slaDueAt);
    expect(route('/agent/tickets/1').status).toBe(404);
  });

  it('serves search results as the same table', () => {
    const doc = parseHtml(route('/agent/search/1?q=invoice').body);
    const links = [...doc.querySelectorAll('tr[data-test-id="generic-table-row"] a[href^="/agent/tickets/"]')];
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) expect(a.textContent!.toLowerCase()).toContain('invoice');
  });

  it('advances the world when given a time, and on the sim control endpoint', () => {
    const local = makeDesk();
    routeHelpdesk(local, url('/agent'), 'GET', { now: NOW + 3_600_000 });
    expect(local.now).toBe(NOW + 3_600_000);
    const res = routeHelpdesk(local, url('/agent/api/__sim/advance?minutes=90'), 'POST');
    expect(JSON.parse(res.body).now).toBe(NOW + 3_600_000 + 90 * 60_000);
  });
});

describe('routeHelpdesk benchmark pages', () => {
  it('?rows=2000 grows the backlog and renders 2000 ticket rows on one page', () => {
    const desk = makeDesk();
    const res = routeHelpdesk(desk, url('/agent/filters/360001003?rows=2000'), 'GET');
    const doc = parseHtml(res.body);
    expect(doc.querySelectorAll('tr[data-test-id="generic-table-row"]').length).toBe(2000);
  });
});
