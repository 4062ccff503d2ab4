import type { PageKind } from '../model';

/** Zendesk Agent Workspace routes (hosts.md): views, search results, tickets. */
export function detectZendeskPage(url: URL): PageKind {
  const path = url.pathname;
  if (/^\/agent\/filters\/\d+/.test(path)) return 'zendesk-view';
  if (/^\/agent\/search\//.test(path)) return 'zendesk-search';
  if (/^\/agent\/tickets\/\d+/.test(path)) return 'zendesk-ticket';
  return 'unknown';
}

export function viewIdOf(url: URL): string | undefined {
  return /^\/agent\/filters\/(\d+)/.exec(url.pathname)?.[1];
}
