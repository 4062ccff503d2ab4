import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { routeHelpdesk } from '../../../lib/demo/router';
import { HOST, makeDesk } from './support';

/**
 * The inline script in a real (happy-dom) window with scripts on: refresh and pagination
 * re-render the rows and drop foreign markers; view links use pushState.
 */
describe('view page inline script (SPA behaviour)', () => {
  let window: Window | undefined;
  afterEach(async () => window?.happyDOM.close());

  async function open(path: string) {
    const desk = makeDesk();
    window = new Window({ url: `https://${HOST}${path}`, settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true } });
    const w = window;
    const requests: string[] = [];
    (w as unknown as { fetch: typeof fetch }).fetch = (async (input: string) => {
      const url = new URL(String(input), w.location.href);
      requests.push(url.pathname + url.search);
      const answer = routeHelpdesk(desk, url, 'GET');
      return new w.Response(answer.body, { status: answer.status, headers: { 'content-type': answer.contentType } });
    }) as unknown as typeof fetch;
    w.document.write(routeHelpdesk(desk, new URL(`https://${HOST}${path}`), 'GET').body);
    await w.happyDOM.waitUntilComplete();
    return { w, desk, requests, doc: w.document };
  }
  const settle = async (w: Window) => {
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 5));
      await w.happyDOM.waitUntilComplete();
      if (!w.document.documentElement.hasAttribute('aria-busy')) return;
    }
  };

  it('refresh re-renders rows and drops anything added to them', async () => {
    const { w, doc, desk, requests } = await open('/agent/filters/360001003');
    const firstRow = doc.querySelector('tr[data-test-id="generic-table-row"] td')!;
    firstRow.insertAdjacentHTML('beforeend', '<span data-queuelens="badge">3d</span>');
    desk.setStatus(desk.viewTickets(360001003)[0].id, 'solved');
    (doc.querySelector('[data-test-id="views_views-list_header-refresh"]') as unknown as HTMLElement).click();
    await settle(w);
    expect(requests).toEqual(['/agent/api/__sim/view/360001003?page=1']);
    expect(doc.querySelectorAll('[data-queuelens="badge"]').length).toBe(0);
    const ids = [...doc.querySelectorAll('tr[data-test-id="generic-table-row"] a')].map((a) => a.getAttribute('href'));
    expect(ids[0]).toBe(`/agent/tickets/${desk.viewTickets(360001003)[0].id}`);
  });

  it('pagination and view links swap content without a full load', async () => {
    const { w, doc, desk } = await open('/agent/filters/360001003?locale=de');
    (doc.querySelector('[data-test-id="generic-table-pagination-next"]') as unknown as HTMLElement).click();
    await settle(w);
    const page2 = desk.viewTickets(360001003).slice(30, 60).map((t) => `/agent/tickets/${t.id}`);
    expect([...doc.querySelectorAll('tr[data-test-id="generic-table-row"] a')].map((a) => a.getAttribute('href'))).toEqual(page2);
    expect(w.location.search).toContain('page=2');
    (doc.querySelector('a[data-test-id="views_views-list_item-view-360001005"]') as unknown as HTMLElement).click();
    await settle(w);
    expect(w.location.pathname).toBe('/agent/filters/360001005');
    expect(doc.querySelector('h1')!.textContent).toBe('Pending tickets');
    expect(doc.querySelector('a[data-test-id="views_views-list_item-view-360001005"]')!.getAttribute('aria-current')).toBe('page');
    expect(doc.querySelector('th')!.closest('html')!.getAttribute('lang')).toBe('de');
  });
});
