import type { FetchLike, FetchResponse } from '../backfill/client';
import { applyApiHistory } from '../backfill/apply-history';
import type { QueueLensDb } from '../db/database';
import type { TicketState } from '../model';
import { ProxyGetResponseSchema } from '../model/proxy';
import { annotationOf } from '../ingest/annotations';
import type { Settings } from '../settings/schema';
import { createZendeskBackfill, type ZendeskBackfill } from '../zendesk/api/backfill';

/** Sends a message to one tab's content script (browser.tabs.sendMessage, injectable). */
export type TabMessenger = (tabId: number, message: unknown) => Promise<unknown>;

/** A ticket is fetched again once the host says it changed after our last exact read. */
export function needsBackfill(t: TicketState): boolean {
  return t.backfilledAt === undefined || (t.updatedAt !== undefined && t.updatedAt > t.backfilledAt);
}

/**
 * Runs the API backfill per Zendesk instance in the background, where the zod schemas and the
 * database live. Requests go out through a content script of that host (same origin, the
 * user's session); the tab that most recently reported is used, and a closed tab just makes
 * the request fail transiently, to be retried through another.
 */
export class BackfillCoordinator {
  private perHost = new Map<string, { backfill: ZendeskBackfill; tabId: number }>();

  constructor(
    private database: QueueLensDb,
    private sendToTab: TabMessenger,
    private settings: () => Settings,
    private onError: (error: unknown) => void = () => {},
  ) {}

  /** Called after each observe batch from a tab: queue what lacks exact history. */
  observed(tabId: number | undefined, states: TicketState[]): void {
    if (tabId === undefined || !this.settings().backfill.enabled) return;
    const byHost = new Map<string, string[]>();
    for (const s of states) {
      if (s.tool !== 'zendesk' || !needsBackfill(s)) continue;
      byHost.set(s.host, [...(byHost.get(s.host) ?? []), s.id]);
    }
    for (const [host, ids] of byHost) this.forHost(host, tabId).enqueue(ids);
  }

  stats(host: string) {
    return this.perHost.get(host)?.backfill.stats();
  }

  async idle(): Promise<void> {
    await Promise.all([...this.perHost.values()].map((h) => h.backfill.idle()));
  }

  private forHost(host: string, tabId: number): ZendeskBackfill {
    const existing = this.perHost.get(host);
    if (existing) {
      existing.tabId = tabId;
      return existing.backfill;
    }
    const entry = { tabId } as { tabId: number; backfill: ZendeskBackfill };
    entry.backfill = createZendeskBackfill({
        host,
        fetch: this.proxyFetch(() => entry.tabId),
        settings: () => this.settings().backfill,
      writer: async (results) => {
        const states: TicketState[] = [];
        for (const r of results) states.push((await applyApiHistory(this.database, r.key, r.transitions, r.facts)).state);
        // Badges on the page pick up the exact history at once, not at the next sighting.
        await this.sendToTab(entry.tabId, { type: 'annotations', annotations: states.map((s) => annotationOf(s)) }).catch(() => {});
      },
      onError: (error) => this.onError(error),
    });
    this.perHost.set(host, entry);
    return entry.backfill;
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
