import type { Observation, Transition } from '../../model';
import { ticketKey } from '../../model/key';
import { changelogToTransitions, isChangelogTruncated, parseJiraDate, type StatusNames } from './changelog';
import { SearchPageSchema, type JiraIssue, type SearchPage } from './schemas';

/**
 * Pure planning for the Jira backfill: which same-origin URLs to GET, and how to read what
 * comes back. The rate-limited client (lib/backfill/) does the fetching, in order, within its
 * budget. `base` is the origin-relative prefix: '' on Cloud, the context path on DC.
 */

export type JiraApi = 'cloud' | 'dc';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]+-\d+$/;
/** Fields the backfill needs; everything else is left on the server. */
export const BACKFILL_FIELDS = ['summary', 'status', 'assignee', 'priority', 'created', 'updated', 'resolutiondate', 'project'] as const;
/** Jira caps search pages at 100 (50 with changelog on some instances): stay under both. */
export const SEARCH_BATCH = 50;

export interface BackfillOptions {
  api?: JiraApi;
  base?: string;
  batchSize?: number;
}

/** Only well-formed keys reach JQL: a key is never quoted text, so nothing can be injected. */
export function validIssueKeys(keys: readonly string[]): string[] {
  return [...new Set(keys.map((k) => k.trim().toUpperCase()).filter((k) => ISSUE_KEY.test(k)))];
}

function searchUrl(jql: string, { api = 'cloud', base = '', batchSize = SEARCH_BATCH }: BackfillOptions): string {
  const params = new URLSearchParams({ jql, fields: BACKFILL_FIELDS.join(','), expand: 'changelog', maxResults: String(batchSize) });
  // Cloud retired offset search for /search/jql; DC only has the offset endpoint.
  return api === 'cloud' ? `${base}/rest/api/3/search/jql?${params}` : `${base}/rest/api/2/search?startAt=0&${params}`;
}

/** One search URL per batch of keys, each with the embedded changelog. */
export function planJiraBackfill(keys: readonly string[], options: BackfillOptions = {}): string[] {
  const valid = validIssueKeys(keys);
  const size = Math.max(1, Math.min(options.batchSize ?? SEARCH_BATCH, 100));
  const urls: string[] = [];
  for (let i = 0; i < valid.length; i += size) {
    const batch = valid.slice(i, i + size);
    urls.push(searchUrl(`key in (${batch.join(',')}) ORDER BY key ASC`, { ...options, batchSize: size }));
  }
  return urls;
}

export function changelogPageUrl(issueKey: string, startAt = 0, { api = 'cloud', base = '' }: BackfillOptions = {}): string {
  if (!ISSUE_KEY.test(issueKey)) throw new Error(`not a Jira issue key: ${issueKey}`);
  return `${base}/rest/api/${api === 'cloud' ? 3 : 2}/issue/${issueKey}/changelog?startAt=${startAt}&maxResults=100`;
}

export const statusesUrl = ({ api = 'cloud', base = '' }: BackfillOptions = {}) => `${base}/rest/api/${api === 'cloud' ? 3 : 2}/status`;
export const boardConfigurationUrl = (boardId: string | number, { base = '' }: BackfillOptions = {}) =>
  `${base}/rest/agile/1.0/board/${encodeURIComponent(String(boardId))}/configuration`;
export function jsmSlaUrl(issueKey: string, { base = '' }: BackfillOptions = {}): string {
  if (!ISSUE_KEY.test(issueKey)) throw new Error(`not a Jira issue key: ${issueKey}`);
  return `${base}/rest/servicedeskapi/request/${issueKey}/sla`;
}

export interface JiraSearchPage {
  issues: JiraIssue[];
  /** Token for the next /search/jql page, or startAt for the next offset page. */
  next?: { nextPageToken: string } | { startAt: number };
}

/** Reads either search shape; undefined when neither matches (a caller counts it as an error). */
export function parseJiraSearchPage(json: unknown): JiraSearchPage | undefined {
  const page = SearchPageSchema.safeParse(json);
  return page.success ? toSearchPage(page.data) : undefined;
}

/** A parsed search page (either shape) with where the next page starts. */
export function toSearchPage(page: SearchPage): JiraSearchPage {
  if (page.paging === 'offset') {
    const nextStart = page.startAt + page.issues.length;
    return { issues: page.issues, ...(page.issues.length && nextStart < page.total ? { next: { startAt: nextStart } } : {}) };
  }
  const { issues, nextPageToken, isLast } = page;
  return { issues, ...(nextPageToken && isLast !== true ? { next: { nextPageToken } } : {}) };
}

/** The URL of the page after `page`, built from the URL that fetched it. */
export function nextSearchPageUrl(url: string, page: JiraSearchPage): string | undefined {
  if (!page.next) return undefined;
  const [path, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  if ('nextPageToken' in page.next) params.set('nextPageToken', page.next.nextPageToken);
  else params.set('startAt', String(page.next.startAt));
  return `${path}?${params}`;
}

export interface IssueBackfill {
  issueKey: string;
  transitions: Transition[];
  /** The embedded changelog was cut short: page `changelogPageUrl(issueKey)` for the rest. */
  changelogTruncated: boolean;
  /** What the API says now, in the observation's shape (pageKind 'unknown': not from a page). */
  current: Observation;
}

/** One search result issue → transitions, current state, and whether more history must be paged. */
export function issueToBackfill(host: string, issue: JiraIssue, statusById: StatusNames, now: number): IssueBackfill {
  const f = issue.fields ?? {};
  const current: Observation = { key: ticketKey('jira', host, issue.key), tool: 'jira', host: host.toLowerCase(), id: issue.key, seenAt: now, pageKind: 'unknown' };
  if (f.summary) current.title = f.summary.slice(0, 500);
  if (f.status !== undefined) current.status = f.status?.name ?? null;
  if (f.assignee !== undefined) current.assignee = f.assignee?.displayName ?? f.assignee?.accountId ?? f.assignee?.name ?? null;
  if (f.priority !== undefined) current.priority = f.priority?.name.toLowerCase() ?? null;
  const created = parseJiraDate(f.created);
  if (created !== undefined) current.createdAt = created;
  const updated = parseJiraDate(f.updated);
  if (updated !== undefined) current.updatedAt = updated;
  return {
    issueKey: issue.key,
    transitions: changelogToTransitions(host, issue.key, issue.changelog?.histories ?? [], statusById),
    changelogTruncated: isChangelogTruncated(issue.changelog),
    current,
  };
}
