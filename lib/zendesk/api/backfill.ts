import { ticketKey, type TicketKey, type Transition } from '../../model';
import { BackfillError, type BackfillClient } from '../../backfill/client';
import { backfillClientFor, BackfillQueue, queueControls, writeInChunks, type BackfillOptionsBase, type BackfillStats } from '../../backfill/queue';
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

export interface ZendeskBackfillOptions extends BackfillOptionsBase {
  writer: BackfillWriter;
  /** Audit pages read per ticket at most (100 audits a page). Default 50. */
  maxAuditPages?: number;
}

export type ZendeskBackfillStats = BackfillStats;

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
  const { clock, settings, client } = backfillClientFor(options);
  const chunkSize = options.chunkSize ?? 10;
  const maxAuditPages = options.maxAuditPages ?? 50;
  const names = new NameDirectory();

  const queue = new BackfillQueue({
    clock,
    enabled: () => settings().enabled,
    batchSize: SHOW_MANY_MAX,
    accept: (id) => /^\d{1,20}$/.test(id), // Zendesk ticket ids are numbers
    recentMs: options.recentMs,
    retryDelayMs: options.retryDelayMs,
    maxAttempts: options.maxAttempts,
    onError: options.onError,
    round: async (batch, round) => {
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
      round.missing(batch.filter((id) => !tickets.has(id)));
      await writeInChunks(round, [...tickets.values()], {
        chunkSize,
        id: (ticket) => ticket.id,
        fetch: async (ticket): Promise<Fetched> => {
          const audits = await allAudits(ticket.id);
          const metric = metricSets.get(ticket.id) ?? (await fetchMetric(ticket.id));
          return { ticket, audits, metric, fetchedAt: clock.now() };
        },
        toResults: async (fetched) => {
          await resolveNames(fetched.map((f) => f.audits));
          return fetched.map((f) => toResult(f.ticket, f.audits, f.metric, f.fetchedAt));
        },
        write: options.writer,
      });
    },
  });

  interface Fetched {
    ticket: Ticket;
    audits: Audit[];
    metric?: TicketMetric;
    fetchedAt: number;
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
    ...queueControls(queue, client),
    // Trimmed here: ids scraped from the page may carry whitespace.
    enqueue: (ticketIds) => queue.enqueue(ticketIds.map((raw) => String(raw).trim())),
  };
}
