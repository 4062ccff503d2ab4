import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FetchLike, FetchResponse } from '../../../lib/backfill/client';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/zendesk/api');
export const HOST = 'acme.zendesk.com';
export const ORIGIN = `https://${HOST}`;

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | (() => never);

export function reply(status: number, body?: unknown, headers: Record<string, string> = {}): FetchResponse {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    headers: { get: (name) => lower.get(name.toLowerCase()) ?? null },
    json: async () => {
      if (body === undefined) throw new SyntaxError('no body');
      return structuredClone(body);
    },
  };
}

/**
 * A fake Zendesk: routes `pathname + search` (decoded) to fixture bodies. `once` queues answers
 * that are served first (e.g. a 429) before the route's normal one. Records every request.
 */
export function fakeZendesk(routes: Record<string, unknown>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const once = new Map<string, Array<{ status: number; body?: unknown; headers?: Record<string, string> } | Error>>();
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const u = new URL(url);
    const route = decodeURIComponent(u.pathname + u.search);
    const queued = once.get(route)?.shift();
    if (queued instanceof Error) throw queued;
    if (queued) return reply(queued.status, queued.body, queued.headers);
    if (route in routes) return reply(200, routes[route]);
    // Any other show_many: the full fixture's tickets, filtered to the ids asked for.
    const all = routes[SHOW_MANY_101_103] as { tickets: { id: number }[] } | undefined;
    if (u.pathname === '/api/v2/tickets/show_many.json' && all) {
      const ids = new Set((u.searchParams.get('ids') ?? '').split(','));
      return reply(200, { ...all, tickets: all.tickets.filter((t) => ids.has(String(t.id))) });
    }
    return reply(404, { error: 'RecordNotFound' });
  };
  return {
    fetch,
    calls,
    /** Answers queued for one route, served before its fixture. */
    queue(route: string, ...answers: Array<{ status: number; body?: unknown; headers?: Record<string, string> } | Error>) {
      once.set(route, [...(once.get(route) ?? []), ...answers]);
    },
    count: (prefix: string) => calls.filter((c) => decodeURIComponent(new URL(c.url).pathname + new URL(c.url).search).startsWith(prefix)).length,
  };
}

export const SHOW_MANY_101_103 = '/api/v2/tickets/show_many.json?ids=101,102,103&include=users,groups,metric_sets,slas';

/** The full fake account of the fixtures. */
export function standardRoutes(): Record<string, unknown> {
  return {
    [SHOW_MANY_101_103]: fixture('show_many_101_102_103.json'),
    '/api/v2/tickets/101/audits.json?page[size]=100': fixture('audits_101_page1.json'),
    '/api/v2/tickets/101/audits.json?page[after]=cursor-p2&page[size]=100': fixture('audits_101_page2.json'),
    '/api/v2/tickets/102/audits.json?page[size]=100': fixture('audits_102_page1_offset.json'),
    '/api/v2/tickets/102/audits.json?page=2': fixture('audits_102_page2_offset.json'),
    '/api/v2/tickets/103/audits.json?page[size]=100': fixture('audits_103.json'),
    '/api/v2/tickets/103/metrics.json': fixture('metrics_103.json'),
    '/api/v2/users/show_many.json?ids=1003': fixture('users_show_many_1003.json'),
  };
}
