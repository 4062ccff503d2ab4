import type { FetchLike, FetchResponse } from '../../../lib/backfill/client';
import { loadJson } from './fixtures';

export const HOST = 'acme.atlassian.net';

function reply(status: number, body?: unknown): FetchResponse {
  return {
    status,
    headers: { get: () => null },
    json: async () => structuredClone(body),
  };
}

type Handler = (url: URL) => { status: number; body?: unknown } | undefined;

/**
 * A fake Jira Cloud answering from the project's API fixtures: search (token pages; the second
 * page is empty), statuses, OPS-2's changelog in two pages, the OPS board's configuration, and
 * JSM SLAs. `override` replaces a path's answer; every request is recorded.
 */
export function fakeJira(override: Record<string, Handler> = {}) {
  const calls: URL[] = [];
  const routes: Record<string, Handler> = {
    '/rest/api/3/search/jql': (u) =>
      u.searchParams.has('nextPageToken') ? { status: 200, body: { issues: [], isLast: true } } : { status: 200, body: loadJson('search-jql-page.json') },
    '/rest/api/3/status': () => ({ status: 200, body: loadJson('statuses.json') }),
    '/rest/api/3/issue/OPS-2/changelog': (u) => {
      const first = loadJson('changelog-page.json') as { values: unknown[] };
      if (u.searchParams.get('startAt') === '0') return { status: 200, body: first };
      const done = (loadJson('search-jql-page.json') as { issues: { key: string; changelog: { histories: { id: string }[] } }[] }).issues[1].changelog.histories.find((h) => h.id === '9001');
      return { status: 200, body: { startAt: 2, maxResults: 2, total: 3, isLast: true, values: [done] } };
    },
    '/rest/agile/1.0/board/12/configuration': () => ({ status: 200, body: loadJson('board-configuration.json') }),
    '/rest/servicedeskapi/request/OPS-1/sla': () => ({ status: 200, body: loadJson('jsm-sla.json') }),
    ...override,
  };
  const fetch: FetchLike = async (url) => {
    const u = new URL(url);
    calls.push(u);
    const answer = routes[u.pathname]?.(u);
    return answer ? reply(answer.status, answer.body) : reply(404, { errorMessages: ['not found'] });
  };
  return { fetch, calls, count: (path: string) => calls.filter((u) => u.pathname === path).length };
}
