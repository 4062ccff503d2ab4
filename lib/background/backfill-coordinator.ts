import type { FetchLike, FetchResponse } from '../backfill/client';
import { applyApiHistory } from '../backfill/apply-history';
import type { QueueLensDb } from '../db/database';
import type { StageOverrides, TicketKey, TicketState, Tool, Transition } from '../model';
import type { HistoryFacts } from '../backfill/replay';
import { ProxyGetResponseSchema } from '../model/proxy';
import { annotationOf, type PaceThresholds } from '../ingest/annotations';
import { stageOverridesFor, type Settings } from '../settings/schema';
import { createZendeskBackfill } from '../zendesk/api/backfill';
import { createJiraBackfill, type JiraIssueHint } from '../jira/api/backfill-client';

/** Sends a message to one tab's content script (browser.tabs.sendMessage, injectable). */
export type TabMessenger = (tabId: number, message: unknown) => Promise<unknown>;

/** A ticket is fetched again once the host says it changed after our last exact read. */
export function needsBackfill(t: TicketState): boolean {
  return t.backfilledAt === undefined || (t.updatedAt !== undefined && t.updatedAt > t.backfilledAt);
}

/** What every tool's backfill offers the coordinator. */
interface HostBackfill {
  queue(states: TicketState[]): void;
  idle(): Promise<void>;
  stop(): void;
  stats(): { queued: number; written: number; missing: number; failed: number; requests: number; rateLimited: number; invalid: number };
}

/** A result either tool's backfill hands its writer. */
interface HistoryResult {
  key: TicketKey;
  transitions: Transition[];
  facts: HistoryFacts;
  stageOverrides?: StageOverrides;
}

/** Jira boards (Cloud `/boards/<id>`, DC `rapidView=`) are observed with the board id as viewId. */
const BOARD_PAGES = new Set(['jira-board', 'jira-dc-board', 'jira-backlog']);

function jiraHint(s: TicketState): JiraIssueHint {
  return {
    ...(s.lastPageKind === 'jira-queue' ? { serviceDesk: true } : {}),
    ...(BOARD_PAGES.has(s.lastPageKind) && s.viewId && /^\d+$/.test(s.viewId) ? { boardId: s.viewId } : {}),
  };
}

/**
 * Runs the API backfill per instance (Zendesk and Jira) in the background, where the zod
 * schemas and the database live. Requests go out through a content script of that host (same
 * origin, the user's session); the tab that most recently reported is used, and a closed tab
 * just makes the request fail transiently, to be retried through another.
 */
export class BackfillCoordinator {
  private perHost = new Map<string, { backfill: HostBackfill; tabId: number }>();

  constructor(
    private database: QueueLensDb,
    private sendToTab: TabMessenger,
    private settings: () => Settings,
    private onError: (error: unknown, tool: Tool, host: string) => void = () => {},
    /** Pace thresholds per host, so badges updated after a backfill keep their pace colour. */
    private paceFor: (host: string) => PaceThresholds = () => ({}),
    /** Folds observations accepted but not yet in history, so exact history is applied on top of them. */
    private settle: () => Promise<void> = async () => {},
  ) {}

  /** Called after each observe batch from a tab: queue what lacks exact history. */
  observed(tabId: number | undefined, states: TicketState[]): void {
    if (tabId === undefined || !this.settings().backfill.enabled) return;
    const byHost = new Map<string, { tool: Tool; host: string; states: TicketState[] }>();
    for (const s of states) {
      if (!needsBackfill(s)) continue;
      const id = `${s.tool}:${s.host}`;
      const entry = byHost.get(id) ?? { tool: s.tool, host: s.host, states: [] };
      entry.states.push(s);
      byHost.set(id, entry);
    }
    for (const { tool, host, states: queued } of byHost.values()) this.forHost(tool, host, tabId)?.queue(queued);
  }

  stats(host: string) {
    for (const [id, entry] of this.perHost) if (id.endsWith(`:${host}`)) return entry.backfill.stats();
    return undefined;
  }

  async idle(): Promise<void> {
    await Promise.all([...this.perHost.values()].map((h) => h.backfill.idle()));
  }

  private forHost(tool: Tool, host: string, tabId: number): HostBackfill | undefined {
    const id = `${tool}:${host}`;
    const existing = this.perHost.get(id);
    if (existing) {
      existing.tabId = tabId;
      return existing.backfill;
    }
    const entry = { tabId } as { tabId: number; backfill: HostBackfill };
    const common = {
      host,
      fetch: this.proxyFetch(() => entry.tabId),
      settings: () => this.settings().backfill,
      writer: (results: HistoryResult[]) => this.write(host, results, entry.tabId),
      onError: (error: unknown) => this.onError(error, tool, host),
    };
    if (tool === 'zendesk') {
      const backfill = createZendeskBackfill(common);
      entry.backfill = { ...bound(backfill), queue: (states) => backfill.enqueue(states.map((s) => s.id)) };
    } else if (tool === 'jira') {
      const backfill = createJiraBackfill(common);
      entry.backfill = {
        ...bound(backfill),
        queue: (states) => backfill.enqueue(states.map((s) => s.id), new Map(states.map((s) => [s.id, jiraHint(s)]))),
      };
    } else {
      return undefined;
    }
    this.perHost.set(id, entry);
    return entry.backfill;
  }

  /** Applies exact history, then pushes the new annotations so badges update at once, not at the next sighting. */
  private async write(host: string, results: HistoryResult[], tabId: number): Promise<void> {
    await this.settle();
    const states: TicketState[] = [];
    // The user's per-instance stage map wins over what the host's status categories say.
    const userOverrides = stageOverridesFor(this.settings(), host);
    for (const r of results) {
      const overrides = { ...r.stageOverrides, ...userOverrides };
      states.push((await applyApiHistory(this.database, r.key, r.transitions, r.facts, overrides)).state);
    }
    await this.sendToTab(tabId, { type: 'annotations', annotations: states.map((s) => annotationOf(s, this.paceFor(s.host))) }).catch(() => {});
  }

  private proxyFetch(tabOf: () => number): FetchLike {
    return async (url): Promise<FetchResponse> => {
      const { pathname, search } = new URL(url);
      const answer = ProxyGetResponseSchema.parse(await this.sendToTab(tabOf(), { type: 'api-get', path: pathname + search }));
      return {
        status: answer.status,
        headers: { get: (name) => (name.toLowerCase() === 'retry-after' ? answer.retryAfter : null) },
        json: async () => JSON.parse(answer.body),
      };
    };
  }
}

function bound(b: Pick<HostBackfill, 'idle' | 'stop' | 'stats'>): Omit<HostBackfill, 'queue'> {
  return { idle: () => b.idle(), stop: () => b.stop(), stats: () => b.stats() };
}
