import { escapeHtml } from './escape';
import type { SimulatedHelpdesk } from './helpdesk';
import { isLocale } from './locale';
import { renderSearchPage, renderViewPage, viewFragment, viewOptionsFromQuery } from './render-view';
import { renderTicketPage } from './render-ticket';
import { MINUTE } from './time';

export interface RouteAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export interface RouteOptions {
  /** Move the world to this time before answering (the demo passes Date.now()). */
  now?: number;
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const NO_STORE = { 'cache-control': 'no-store' };

const html = (status: number, body: string): RouteAnswer => ({ status, contentType: HTML, body, headers: { ...NO_STORE } });
const json = (status: number, body: unknown, headers: Record<string, string> = {}): RouteAnswer => ({
  status,
  contentType: JSON_TYPE,
  body: JSON.stringify(body),
  headers: { ...NO_STORE, ...headers },
});

function notFoundPage(path: string): RouteAnswer {
  return html(404, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>Not found</h1><p>${escapeHtml(path)}</p></body></html>`);
}

/**
 * Everything https://<host>/… answers, for a Playwright `context.route` handler or a test:
 * Agent Workspace pages, the SPA fragment endpoint, simulator controls and the API.
 */
export function routeHelpdesk(desk: SimulatedHelpdesk, url: URL, method = 'GET', options: RouteOptions = {}): RouteAnswer {
  if (options.now !== undefined && options.now > desk.now) desk.advance(options.now);
  const path = url.pathname;
  const verb = method.toUpperCase();
  const params = url.searchParams;
  let m: RegExpExecArray | null;

  if (path.startsWith('/api/')) {
    if (verb !== 'GET' && verb !== 'HEAD') return json(405, { error: 'MethodNotAllowed', description: 'The simulator is read-only' });
    const answer = desk.api(path + url.search);
    const { ['content-type']: _type, ...headers } = answer.headers;
    return json(answer.status, answer.body, headers);
  }
  if ((m = /^\/agent\/api\/__sim\/view\/(\d+)$/.exec(path))) {
    const fragment = viewFragment(desk, viewOptionsFromQuery(Number(m[1]), params));
    return fragment ? json(200, fragment) : json(404, { error: 'unknown view' });
  }
  if (path === '/agent/api/__sim/advance') {
    const minutes = Number(params.get('minutes') ?? 30);
    desk.advance(desk.now + (Number.isFinite(minutes) && minutes > 0 ? minutes : 30) * MINUTE);
    return json(200, { now: desk.now });
  }
  if (path === '/agent/api/__sim/state') {
    return json(200, { now: desk.now, host: desk.host, seed: desk.seed, views: desk.views(), tickets: desk.tickets().length });
  }
  if (verb !== 'GET' && verb !== 'HEAD') return json(405, { error: 'MethodNotAllowed' });

  if ((m = /^\/agent\/filters\/(\d+)\/?$/.exec(path))) {
    const options = viewOptionsFromQuery(Number(m[1]), params);
    // Benchmarks ask for `?rows=2000`: grow an aged backlog so "All unsolved" can fill the page.
    if (options.rows) desk.ensureUnsolved(options.rows);
    const page = renderViewPage(desk, options);
    return page ? html(200, page) : notFoundPage(path);
  }
  if ((m = /^\/agent\/tickets\/(\d+)\/?$/.exec(path))) {
    const locale = params.get('locale');
    const page = renderTicketPage(desk, Number(m[1]), {
      ...(isLocale(locale) ? { locale } : {}),
      ...(params.get('theme') === 'dark' ? { theme: 'dark' as const } : {}),
    });
    return page ? html(200, page) : notFoundPage(path);
  }
  if (path.startsWith('/agent/search/')) {
    // Zendesk search URLs: /agent/search/1?q=text (or the text in the path).
    const text = params.get('q') ?? params.get('query') ?? decodeURIComponent(path.slice('/agent/search/'.length)).replace(/^\d+\/?$/, '');
    const { viewId: _unused, ...options } = viewOptionsFromQuery(0, params);
    return html(200, renderSearchPage(desk, text, options));
  }
  if (path === '/' || path === '/agent' || path === '/agent/' || path === '/agent/dashboard' || path === '/agent/home') {
    // The dashboard lands on the first view, as an agent's home usually does.
    const first = desk.views()[0];
    return html(200, renderViewPage(desk, viewOptionsFromQuery(first.id, params))!);
  }
  if (path === '/favicon.ico') return { status: 204, contentType: 'image/x-icon', body: '', headers: { ...NO_STORE } };
  return notFoundPage(path);
}
