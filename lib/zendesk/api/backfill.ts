import { ticketKey, type TicketKey, type Transition } from '../../model';
import type { Settings } from '../../settings/schema';
import { BackfillClient, BackfillError, type FetchLike } from '../../backfill/client';
import { RateLimiter, systemClock, type Clock } from '../../backfill/rate-limiter';
import type { FieldValues, HistoryFacts } from '../../backfill/replay';
import { auditsToHistory, idsInAudits } from './audits';
import { metricsToFacts } from './metrics';
import { NameDirectory } from './names';
import {
  AuditsPageSchema,
  GroupResponseSchema,
  nextAuditsPage,
  ShowManyResponseSchema,
  TicketMetricResponseSchema,
  UsersResponseSchema,
  type Audit,
  type Ticket,
  type TicketMetric,
} from './schemas';
import { slaDueAtOf, slaFromPolicyMetrics, type SlaSummary } from './sla';

export type BackfillSettings = Settings['backfill'];

/** One ticket's exact history, ready for `applyApiHistory` in the background. */
export interface ZendeskBackfillResult {
  key: TicketKey;
  ticketId: string;
  transitions: Transition[];
  facts: HistoryFacts;
  sla?: SlaSummary;
}

/** Receives results (the content script sends them to the background). Throwing = not
 * written: the tickets are queued again. */
export type BackfillWriter = (results: ZendeskBackfillResult[]) => Promise<void>;

export interface ZendeskBackfillOptions {
  fetch: FetchLike;
  /** e.g. `acme.zendesk.com` */
  host: string;
  /** Defaults to `https://<host>`; pass `location.origin` from the content script. */
  origin?: string;
  /** Read live, so switching backfill off or changing the budget applies at once. */
  settings: BackfillSettings | (() => BackfillSettings);
  writer: BackfillWriter;
  clock?: Clock;
  /** A ticket backfilled (or found gone) within this span is not fetched again. Default 6 h. */
  recentMs?: number;
  /** Tickets per writer call (names resolved once per chunk). Default 10. */
  chunkSize?: number;
  /** Wait before retrying a ticket after a transient failure. Default 60 s. */
  retryDelayMs?: number;
  /** Attempts per ticket before it is given up until `recentMs` passes. Default 3. */
  maxAttempts?: number;
  /** Audit pages read per ticket at most (100 audits a page). Default 50. */
  maxAuditPages?: number;
  /** Client tuning (cache TTL, retries); tests shorten these. */
  client?: { cacheTtlMs?: number; maxRetries?: number; max429?: number };
  onError?: (error: unknown, ticketIds: string[]) => void;
}

export interface ZendeskBackfillStats {
  queued: number;
  written: number;
  /** Tickets show_many did not return (deleted, or not visible to this agent). */
  missing: number;
  /** Tickets given up on (invalid payloads, 4xx, repeated transient failures). */
  failed: number;
  requests: number;
  rateLimited: number;
  /** Payloads rejected by a schema. */
  invalid: number;
}

export interface ZendeskBackfill {
  /** Asks for these tickets' history; recently backfilled and already queued ids are skipped. */
  enqueue(ticketIds: readonly string[]): void;
  /** Records a backfill done earlier (e.g. `backfilledAt` kept by the background), so a reloaded
   * content script does not fetch that ticket again within `recentMs`. */
  markBackfilled(ticketId: string, at: number): void;
  /** Resolves when the queue is empty (including retries waiting for their time). */
  idle(): Promise<void>;
  stop(): void;
  stats(): ZendeskBackfillStats;
  readonly client: BackfillClient;
}

const SHOW_MANY_MAX = 100;

export function showManyPath(ids: readonly string[]): string {
  return `/api/v2/tickets/show_many.json?ids=${ids.join(',')}&include=users,groups,metric_sets,slas`;
}
export const auditsPath = (id: string) => `/api/v2/tickets/${id}/audits.json?page[size]=100`;
export const metricsPath = (id: string) => `/api/v2/tickets/${id}/metrics.json`;

/**
 * Zendesk backfill. Flow per round: show_many (≤100 tickets, with users, groups, metric sets and
 * SLAs sideloaded — one request for what would be four per ticket), then per ticket every audit
 * page, plus metrics.json only when no metric set came with the ticket; unknown user/group ids
 * are resolved once per chunk; results go to the writer a chunk at a time, so progress is kept
 * even when the budget makes a round take minutes.
 */
export function createZendeskBackfill(options: ZendeskBackfillOptions): ZendeskBackfill {
  const clock = options.clock ?? systemClock;
  const settings = () => (typeof options.settings === 'function' ? options.settings() : options.settings);
  const limiter = new RateLimiter({ perWindow: () => settings().requestsPerMinute, clock });
  const client = new BackfillClient({
    fetch: options.fetch,
    origin: options.origin ?? `https://${options.host}`,
    limiter,
    clock,
    enabled: () => settings().enabled,
    ...options.client,
  });
  const recentMs = options.recentMs ?? 6 * 3_600_000;
  const chunkSize = options.chunkSize ?? 10;
  const retryDelayMs = options.retryDelayMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const maxAuditPages = options.maxAuditPages ?? 50;
  const names = new NameDirectory();

  /** Insertion-ordered queue of ids, each with the time it may be tried. */
  const pending = new Map<string, number>();
  const inFlight = new Set<string>();
  const finishedAt = new Map<string, number>();
  const attempts = new Map<string, number>();
  const counts = { written: 0, missing: 0, failed: 0 };
  let running: Promise<void> | undefined;
  let stopped = false;

  const isRecent = (id: string) => {
    const at = finishedAt.get(id);
    return at !== undefined && clock.now() - at < recentMs;
  };
  const finish = (ids: readonly string[]) => {
    for (const id of ids) {
      finishedAt.set(id, clock.now());
      attempts.delete(id);
    }
  };

  /** A failure: retried later when it may pass, else given up (until recentMs passes). */
  const failed = (ids: readonly string[], error: unknown) => {
    options.onError?.(error, [...ids]);
    const transient = error instanceof BackfillError ? error.transient : false;
    for (const id of ids) {
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      const disabled = error instanceof BackfillError && error.kind === 'disabled';
      if (disabled) {
        // Not an attempt: the user paused backfill. Kept for when it is switched back on.
        attempts.set(id, n - 1);
        pending.set(id, clock.now());
      } else if (transient && n < maxAttempts) {
        pending.set(id, clock.now() + retryDelayMs);
      } else {
        counts.failed += 1;
        finish([id]);
      }
    }
  };

  function enqueue(ticketIds: readonly string[]): void {
    if (stopped || !settings().enabled) return;
    for (const raw of ticketIds) {
      const id = String(raw).trim();
      if (!/^\d{1,20}$/.test(id)) continue; // Zendesk ticket ids are numbers
      if (pending.has(id) || inFlight.has(id) || isRecent(id)) continue;
      pending.set(id, clock.now());
    }
    if (pending.size) running ??= pump().finally(() => (running = undefined));
  }

  async function pump(): Promise<void> {
    while (!stopped && pending.size && settings().enabled) {
      const now = clock.now();
      const ready = [...pending].filter(([, at]) => at <= now).map(([id]) => id);
      if (!ready.length) {
        const next = Math.min(...pending.values());
        await clock.sleep(next - now);
        continue;
      }
      const batch = ready.slice(0, SHOW_MANY_MAX);
      for (const id of batch) {
        pending.delete(id);
        inFlight.add(id);
      }
      try {
        await round(batch);
      } catch (error) {
        failed(batch.filter((id) => inFlight.has(id)), error);
      } finally {
        for (const id of batch) inFlight.delete(id);
      }
    }
  }

  async function round(batch: string[]): Promise<void> {
    const shown = await client.get(showManyPath(batch), ShowManyResponseSchema);
    names.addUsers(shown.users);
    names.addGroups(shown.groups);
    const metricSets = new Map<string, TicketMetric>();
    for (const m of shown.metric_sets ?? []) metricSets.set(m.ticket_id, m);
    const tickets = new Map<string, Ticket>();
    for (const t of shown.tickets) {
      if (t.metric_set) metricSets.set(t.id, t.metric_set);
      if (batch.includes(t.id)) tickets.set(t.id, t);
    }
    const missing = batch.filter((id) => !tickets.has(id));
    counts.missing += missing.length;
    finish(missing);
    for (const id of missing) inFlight.delete(id);

    const found = [...tickets.values()];
    let paused = false;
    for (let i = 0; i < found.length && !stopped && !paused; i += chunkSize) {
      const chunk = found.slice(i, i + chunkSize);
      const fetched: { ticket: Ticket; audits: Audit[]; metric?: TicketMetric; fetchedAt: number }[] = [];
      for (const ticket of chunk) {
        try {
          const audits = await allAudits(ticket.id);
          const metric = metricSets.get(ticket.id) ?? (await fetchMetric(ticket.id));
          fetched.push({ ticket, audits, metric, fetchedAt: clock.now() });
        } catch (error) {
          failed([ticket.id], error);
          inFlight.delete(ticket.id);
          if (error instanceof BackfillError && error.kind === 'disabled') {
            // Everything not yet fetched waits for backfill to be switched on again.
            const rest = found.slice(found.indexOf(ticket) + 1).map((t) => t.id);
            failed(rest, error);
            for (const id of rest) inFlight.delete(id);
            paused = true;
            break;
          }
        }
      }
      if (!fetched.length) continue;
      await resolveNames(fetched.map((f) => f.audits));
      const results = fetched.map((f) => toResult(f.ticket, f.audits, f.metric, f.fetchedAt));
      const ids = fetched.map((f) => f.ticket.id);
      try {
        await options.writer(results);
        counts.written += results.length;
        finish(ids);
      } catch (error) {
        // The write did not land: not lost, queued again like any transient failure.
        failed(ids, new BackfillError('network', `writer failed: ${String(error)}`, ''));
      }
      for (const id of ids) inFlight.delete(id);
    }
  }

  async function allAudits(ticketId: string): Promise<Audit[]> {
    const audits: Audit[] = [];
    const seen = new Set<string>();
    let url: string | undefined = auditsPath(ticketId);
    for (let page = 0; url && page < maxAuditPages; page += 1) {
      seen.add(url);
      const body = await client.get(url, AuditsPageSchema);
      audits.push(...body.audits);
      const next = nextAuditsPage(body);
      url = next && !seen.has(next) ? next : undefined; // a repeated link would loop forever
    }
    // A cut-short history would rebuild a wrong state: better none (observed history stays).
    if (url) throw new BackfillError('invalid', `ticket ${ticketId} has more than ${maxAuditPages} audit pages`, url);
    return audits;
  }

  /** The metric set adds counters; without it the audits still stand, so only a transient
   * failure (worth retrying) fails the ticket. A rejected payload is counted by the client. */
  async function fetchMetric(ticketId: string): Promise<TicketMetric | undefined> {
    try {
      return (await client.get(metricsPath(ticketId), TicketMetricResponseSchema)).ticket_metric;
    } catch (error) {
      if (error instanceof BackfillError && error.transient) throw error;
      options.onError?.(error, [ticketId]);
      return undefined;
    }
  }

  /** Names for ids the sideloads did not cover. Best effort: a miss leaves `id:<n>`. */
  async function resolveNames(auditLists: Audit[][]): Promise<void> {
    const users = new Set<string>();
    const groups = new Set<string>();
    for (const audits of auditLists) {
      const ids = idsInAudits(audits);
      for (const id of ids.userIds) if (!names.users.has(id)) users.add(id);
      for (const id of ids.groupIds) if (!names.groups.has(id)) groups.add(id);
    }
    try {
      const list = [...users].slice(0, 100);
      if (list.length) names.addUsers((await client.get(`/api/v2/users/show_many.json?ids=${list.join(',')}`, UsersResponseSchema)).users);
      // Groups have no show_many; there are few, and each is asked once (client cache + directory).
      for (const id of [...groups].slice(0, 10)) {
        names.addGroups([(await client.get(`/api/v2/groups/${id}.json`, GroupResponseSchema)).group]);
      }
    } catch (error) {
      options.onError?.(error, []);
    }
  }

  function toResult(ticket: Ticket, audits: Audit[], metric: TicketMetric | undefined, fetchedAt: number): ZendeskBackfillResult {
    const history = auditsToHistory(options.host, ticket.id, audits, names);
    const current: FieldValues = {
      status: ticket.status,
      assignee: names.user(ticket.assignee_id),
      group: names.group(ticket.group_id),
      priority: ticket.priority,
    };
    const facts: HistoryFacts = {
      fetchedAt,
      createdAt: ticket.created_at,
      updatedAt: ticket.updated_at,
      initial: history.initial,
      current,
    };
    if (ticket.subject) facts.title = ticket.subject.slice(0, 500);
    if (metric) {
      const m = metricsToFacts(metric);
      facts.reopens = m.reopens;
      facts.assigneeStations = m.assigneeStations;
      facts.groupStations = m.groupStations;
      if (m.solvedAt !== undefined) facts.solvedAt = m.solvedAt;
    }
    const result: ZendeskBackfillResult = {
      key: ticketKey('zendesk', options.host, ticket.id),
      ticketId: ticket.id,
      transitions: history.transitions,
      facts,
    };
    if (ticket.slas) {
      result.sla = slaFromPolicyMetrics(ticket.slas.policy_metrics, fetchedAt);
      facts.slaDueAt = slaDueAtOf(result.sla);
    }
    return result;
  }

  return {
    client,
    enqueue,
    markBackfilled(ticketId, at) {
      const known = finishedAt.get(ticketId);
      if (known === undefined || at > known) finishedAt.set(ticketId, at);
    },
    async idle() {
      while (running) await running;
    },
    stop() {
      stopped = true;
    },
    stats() {
      return {
        queued: pending.size + inFlight.size,
        written: counts.written,
        missing: counts.missing,
        failed: counts.failed,
        requests: client.stats.requests,
        rateLimited: client.stats.rateLimited,
        invalid: client.stats.invalid,
      };
    },
  };
}
