import type { StageOverrides, TicketKey, Transition } from '../../model';
import { BackfillError, type BackfillClient } from '../../backfill/client';
import { backfillClientFor, BackfillQueue, queueControls, writeInChunks, type BackfillOptionsBase, type BackfillStats } from '../../backfill/queue';
import type { HistoryFacts } from '../../backfill/replay';
import { isJiraCloudHost } from '../detect';
import { categoryOfStatusName, columnOfStatusFromBoard, commitmentPoint, currentColumnTime, stageOverridesFromStatuses } from '../flow';
import {
  boardConfigurationUrl,
  changelogPageUrl,
  issueToBackfill,
  jsmSlaUrl,
  nextSearchPageUrl,
  planJiraBackfill,
  SEARCH_BATCH,
  statusesUrl,
  toSearchPage,
  validIssueKeys,
  type JiraApi,
} from './backfill';
import { isChangelogTruncated, mergeHistories, nextChangelogStartAt, statusNamesById } from './changelog';
import {
  BoardConfigurationSchema,
  ChangelogPageSchema,
  SearchPageSchema,
  SlaPageSchema,
  StatusListSchema,
  type History,
  type JiraIssue,
  type JiraStatus,
} from './schemas';
import { nextSlaDueAt, summariseSla, type SlaSummary } from './sla';

/** One issue's exact history, ready for `applyApiHistory` in the background. */
export interface JiraBackfillResult {
  key: TicketKey;
  issueKey: string;
  transitions: Transition[];
  facts: HistoryFacts;
  /** Stages from the instance's status categories; the user's per-instance overrides win over these. */
  stageOverrides: StageOverrides;
  /** JSM SLAs, for service desk requests. */
  sla?: SlaSummary[];
}

/** Receives results; throwing = not written: the issues are queued again. */
export type JiraBackfillWriter = (results: JiraBackfillResult[]) => Promise<void>;

/** What the page told about an issue that the search result may not. */
export interface JiraIssueHint {
  /** Seen in a JSM queue: fetch its SLA even if the project type is not in the answer. */
  serviceDesk?: boolean;
  /** The board it was seen on: time in column follows that board's column ↔ status map. */
  boardId?: string;
}

export interface JiraBackfillOptions extends BackfillOptionsBase {
  /** Cloud (`*.atlassian.net`) or Data Center; by default from the host. */
  api?: JiraApi;
  /**
   * DC context path (`/jira`); '' on Cloud. Leave it '' behind the content-script proxy
   * (lib/content/api-proxy.ts), which adds the page's own context path to every request.
   */
  base?: string;
  writer: JiraBackfillWriter;
  /** Changelog pages (100 histories each) read per issue at most. Default 50. */
  maxChangelogPages?: number;
  /** Statuses and board configurations are reused this long. Default 1 h. */
  metadataTtlMs?: number;
}

export type JiraBackfillStats = BackfillStats;

export interface JiraBackfill {
  enqueue(issueKeys: readonly string[], hints?: ReadonlyMap<string, JiraIssueHint>): void;
  markBackfilled(issueKey: string, at: number): void;
  idle(): Promise<void>;
  stop(): void;
  stats(): JiraBackfillStats;
  readonly client: BackfillClient;
}

/** Search pages read per batch at most: a batch of ≤ 50 keys fits one page; this stops a looping token. */
const MAX_SEARCH_PAGES = 10;

const isTransient = (e: unknown) => e instanceof BackfillError && e.transient;

interface Cached<T> {
  at: number;
  value: T;
}

/**
 * Jira backfill, same contract as `createZendeskBackfill`. Per round: the statuses (cached: names
 * for the ids changelog items carry, and categories for stages and the commitment point), one
 * search for up to 50 keys with the changelog embedded (`/rest/api/3/search/jql`; the offset
 * `/rest/api/2/search` when that 404s), then per issue the rest of a truncated changelog, the
 * JSM SLA of service desk requests, and the board's column map; results go to the writer a
 * chunk at a time.
 */
export function createJiraBackfill(options: JiraBackfillOptions): JiraBackfill {
  const { clock, settings, client } = backfillClientFor(options);
  const api: JiraApi = options.api ?? (isJiraCloudHost(options.host) ? 'cloud' : 'dc');
  const base = options.base ?? '';
  /** Which search endpoint answers; Cloud sites without /search/jql fall back once, for good. */
  let searchApi: JiraApi = api;
  const chunkSize = options.chunkSize ?? 10;
  const maxChangelogPages = options.maxChangelogPages ?? 50;
  const ttl = options.metadataTtlMs ?? 3_600_000;
  const hints = new Map<string, JiraIssueHint>();
  let statuses: Cached<JiraStatus[]> | undefined;
  const boards = new Map<string, Cached<Map<string, string>>>();
  const fresh = (c: Cached<unknown> | undefined) => c !== undefined && clock.now() - c.at < ttl;

  const queue = new BackfillQueue({
    clock,
    enabled: () => settings().enabled,
    batchSize: SEARCH_BATCH,
    accept: (key) => validIssueKeys([key])[0] === key,
    recentMs: options.recentMs,
    retryDelayMs: options.retryDelayMs,
    maxAttempts: options.maxAttempts,
    onError: options.onError,
    round: async (batch, round) => {
      const known = await loadStatuses();
      const found = new Map((await search(batch)).filter((i) => batch.includes(i.key)).map((i) => [i.key, i]));
      round.missing(batch.filter((k) => !found.has(k)));
      await writeInChunks(round, [...found.values()], {
        chunkSize,
        id: (issue) => issue.key,
        fetch: async (issue): Promise<Fetched> => ({ issue, histories: await allHistories(issue), sla: await fetchSla(issue), fetchedAt: clock.now() }),
        toResults: async (fetched) => {
          const results: JiraBackfillResult[] = [];
          for (const f of fetched) results.push(toResult(f, known, await boardColumns(f.issue.key, known)));
          return results;
        },
        write: options.writer,
      });
    },
  });

  interface Fetched {
    issue: JiraIssue;
    histories: History[];
    sla?: SlaSummary[];
    fetchedAt: number;
  }

  /** Without statuses the changelog's own strings still name them; only a transient failure waits. */
  async function loadStatuses(): Promise<JiraStatus[]> {
    if (statuses && fresh(statuses)) return statuses.value;
    try {
      statuses = { at: clock.now(), value: await client.get(statusesUrl({ api, base }), StatusListSchema) };
      return statuses.value;
    } catch (error) {
      if (isTransient(error)) throw error;
      options.onError?.(error, []);
      return statuses?.value ?? [];
    }
  }

  async function search(keys: string[]): Promise<JiraIssue[]> {
    const issues: JiraIssue[] = [];
    const seen = new Set<string>();
    let url: string | undefined = planJiraBackfill(keys, { api: searchApi, base })[0];
    for (let page = 0; url && page < MAX_SEARCH_PAGES; page += 1) {
      seen.add(url);
      let body;
      try {
        body = toSearchPage(await client.get(url, SearchPageSchema));
      } catch (error) {
        // Older sites (and DC) have no /search/jql: the offset endpoint takes the same JQL.
        if (searchApi === 'cloud' && page === 0 && error instanceof BackfillError && error.status === 404) {
          searchApi = 'dc';
          url = planJiraBackfill(keys, { api: searchApi, base })[0];
          page = -1;
          continue;
        }
        throw error;
      }
      issues.push(...body.issues);
      const next = nextSearchPageUrl(url, body);
      url = next && !seen.has(next) ? next : undefined;
    }
    return issues;
  }

  async function allHistories(issue: JiraIssue): Promise<History[]> {
    const embedded = issue.changelog?.histories ?? [];
    if (!isChangelogTruncated(issue.changelog)) return embedded;
    const paged: History[] = [];
    let startAt: number | undefined = 0;
    for (let n = 0; startAt !== undefined && n < maxChangelogPages; n += 1) {
      const url = changelogPageUrl(issue.key, startAt, { api, base });
      const page = await client.get(url, ChangelogPageSchema);
      paged.push(...page.values);
      startAt = nextChangelogStartAt(page);
    }
    // A cut-short history would rebuild a wrong state: better none (observed history stays).
    if (startAt !== undefined) throw new BackfillError('invalid', `${issue.key} has more than ${maxChangelogPages} changelog pages`, '');
    return mergeHistories(embedded, paged);
  }

  /** The SLA adds a due time; without it the history still stands, so only a transient failure fails the issue. */
  async function fetchSla(issue: JiraIssue): Promise<SlaSummary[] | undefined> {
    const serviceDesk = hints.get(issue.key)?.serviceDesk || issue.fields?.project?.projectTypeKey === 'service_desk';
    if (!serviceDesk) return undefined;
    try {
      return (await client.get(jsmSlaUrl(issue.key, { base }), SlaPageSchema)).values.map(summariseSla);
    } catch (error) {
      if (isTransient(error)) throw error;
      options.onError?.(error, [issue.key]);
      return undefined;
    }
  }

  /** Status name → column of the board the issue was seen on; undefined = each status is its own column. */
  async function boardColumns(issueKey: string, known: JiraStatus[]): Promise<Map<string, string> | undefined> {
    const boardId = hints.get(issueKey)?.boardId;
    if (!boardId || !known.length) return undefined;
    const cached = boards.get(boardId);
    if (cached && fresh(cached)) return cached.value;
    try {
      const config = await client.get(boardConfigurationUrl(boardId, { base }), BoardConfigurationSchema);
      const columns = columnOfStatusFromBoard(config, statusNamesById(known));
      boards.set(boardId, { at: clock.now(), value: columns });
      return columns;
    } catch (error) {
      options.onError?.(error, [issueKey]);
      return cached?.value;
    }
  }

  function toResult({ issue, histories, sla, fetchedAt }: Fetched, known: JiraStatus[], columns: Map<string, string> | undefined): JiraBackfillResult {
    const { transitions, current } = issueToBackfill(options.host, { ...issue, changelog: { histories } }, statusNamesById(known), fetchedAt);
    const facts: HistoryFacts = { fetchedAt, current: {} };
    for (const field of ['status', 'assignee', 'priority'] as const) if (current[field] !== undefined) facts.current![field] = current[field];
    if (current.createdAt !== undefined) facts.createdAt = current.createdAt;
    if (current.updatedAt !== undefined) facts.updatedAt = current.updatedAt;
    if (current.title !== undefined) facts.title = current.title;
    // Commitment point: first entry into an In Progress-category status; moving back keeps it.
    const startedAt = commitmentPoint(transitions, categoryOfStatusName(known));
    if (startedAt !== undefined) facts.startedAt = startedAt;
    // Jira's rule for time in column: accumulated across revisits (DESIGN.md, Time in status).
    const inColumn = currentColumnTime(transitions, columns ?? statusesAsColumns(transitions), fetchedAt, current.createdAt);
    if (inColumn) facts.statusSince = fetchedAt - inColumn.accumulatedMs;
    if (sla) facts.slaDueAt = nextSlaDueAt(sla) ?? null;
    return {
      key: current.key,
      issueKey: issue.key,
      transitions,
      facts,
      stageOverrides: stageOverridesFromStatuses(known),
      ...(sla ? { sla } : {}),
    };
  }

  return {
    ...queueControls(queue, client),
    enqueue(issueKeys, issueHints) {
      const keys = validIssueKeys(issueKeys);
      for (const key of keys) {
        const hint = issueHints?.get(key);
        if (hint) hints.set(key, { ...hints.get(key), ...hint });
      }
      queue.enqueue(keys);
    },
  };
}

/** Without a board, each status is its own column (time in status, accumulated across revisits). */
function statusesAsColumns(transitions: readonly Transition[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const t of transitions) {
    if (t.field !== 'status') continue;
    for (const s of [t.from, t.to]) if (s !== null) names.set(s, s);
  }
  return names;
}
