import type { PageKind } from '../model';

/**
 * Jira routes (hosts.md). Data Center may sit under a context path (`/jira/browse/KEY`), so
 * DC routes match on a path suffix; Cloud routes are rooted.
 *
 * `?selectedIssue=KEY` opens an issue over a board, backlog, list or queue: the list stays
 * visible and keeps its kind there (its cards carry the badges); elsewhere it is an issue view.
 */
export function detectJiraPage(url: URL): PageKind {
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/secure\/RapidBoard\.jspa$/i.test(path) && url.searchParams.has('rapidView')) {
    return /^planning/i.test(url.searchParams.get('view') ?? '') ? 'jira-backlog' : 'jira-dc-board';
  }
  if (/^\/jira\/(?:software\/(?:c\/)?|core\/|servicedesk\/)?projects\/[^/]+\/boards\/\d+\/backlog$/.test(path)) return 'jira-backlog';
  if (/^\/jira\/(?:software\/(?:c\/)?|core\/|servicedesk\/)?projects\/[^/]+\/boards\/\d+$/.test(path)) return 'jira-board';
  if (/^\/jira\/core\/projects\/[^/]+\/board$/.test(path)) return 'jira-board';
  if (/^\/jira\/servicedesk\/projects\/[^/]+\/queues\/custom\/\d+\/[A-Z][A-Z0-9_]+-\d+$/.test(path)) return 'jira-issue';
  if (/^\/jira\/servicedesk\/projects\/[^/]+\/queues\/(?:custom\/\d+|issue)$/.test(path)) return 'jira-queue';
  if (/(?:^|\/)issues$/.test(path) && !/\/browse\//.test(path)) return 'jira-list';
  if (/^\/jira\/(?:software\/(?:c\/)?|core\/|servicedesk\/)?projects\/[^/]+\/(?:list|issues)$/.test(path)) return 'jira-list';
  if (/\/browse\/[A-Z][A-Z0-9_]+-\d+$/.test(path)) return 'jira-issue';
  if (selectedIssueOf(url)) return 'jira-issue';
  return 'unknown';
}

/** Board id (Cloud `/boards/<id>`, DC `rapidView=<id>`) or JSM queue id: the observation's viewId. */
export function viewIdOf(url: URL): string | undefined {
  const board = /\/boards\/(\d+)(?:\/|$)/.exec(url.pathname)?.[1] ?? url.searchParams.get('rapidView');
  if (board && /^\d+$/.test(board)) return board;
  const queue = /\/queues\/custom\/(\d+)(?:\/|$)/.exec(url.pathname)?.[1];
  if (queue) return `queue-${queue}`;
  const filter = url.searchParams.get('filter');
  return filter && /^-?\d+$/.test(filter) ? `filter-${filter}` : undefined;
}

const KEY_AT_END = /\/([A-Z][A-Z0-9_]+-\d+)\/?$/;

/** The issue an issue-view URL is about: `/browse/KEY`, a JSM queue's `/<KEY>`, or `?selectedIssue=`. */
export function issueKeyOfUrl(url: URL): string | undefined {
  if (/\/browse\/|\/queues\/custom\/\d+\//.test(url.pathname)) {
    const m = KEY_AT_END.exec(url.pathname);
    if (m) return m[1];
  }
  return selectedIssueOf(url);
}

export function selectedIssueOf(url: URL): string | undefined {
  const selected = url.searchParams.get('selectedIssue')?.trim().toUpperCase();
  return selected && /^[A-Z][A-Z0-9_]+-\d+$/.test(selected) ? selected : undefined;
}

export type JiraFlavour = 'cloud' | 'dc';

/** Atlassian-hosted Jira Cloud sites. Everything else the user granted is Data Center / Server. */
export function isJiraCloudHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host.endsWith('.atlassian.net') || host.endsWith('.jira.com') || host.endsWith('.jira-dev.com');
}

/**
 * Cloud or Data Center. The host decides for Atlassian domains; a custom domain is told apart
 * by the build the page declares: Cloud reports version 1001.x (`body[data-version]`, seen in
 * shared:jira_cloud_ssr_*), DC its product version (9.x, 10.x) in `ajs-version-number` or the
 * `application-name` meta. The DC board itself (`#ghx-pool`) is the last word.
 */
export function jiraFlavourOf(url: URL, root?: ParentNode): JiraFlavour {
  if (isJiraCloudHost(url.hostname)) return 'cloud';
  if (!root) return 'dc';
  if (root.querySelector('#ghx-pool')) return 'dc';
  const declared =
    root.querySelector('meta[name="ajs-version-number"]')?.getAttribute('content') ??
    root.querySelector('meta[name="application-name"][data-name="jira"]')?.getAttribute('data-version') ??
    root.querySelector('body#jira[data-version]')?.getAttribute('data-version');
  const major = Number(/^(\d+)\./.exec(declared ?? '')?.[1]);
  return major >= 1000 ? 'cloud' : 'dc';
}

/** DC may be served under a context path (`/jira`); its REST URLs need the same prefix. */
export function contextPathOf(root: ParentNode): string {
  const path = root.querySelector('meta[name="ajs-context-path"]')?.getAttribute('content') ?? '';
  return /^(\/[\w.-]+)*$/.test(path) ? path : '';
}
