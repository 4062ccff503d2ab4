import type { Stage, TicketState, Transition } from '../model';
import {
  FIELD_STATUS,
  STAGES,
  ageOriginOf,
  type HistoryIndex,
} from './history-index';
import { sortedValues, standardPercentiles, type Percentiles } from './percentiles';
import { DAY_MS } from './time';

/** A ticket in a list the popup shows. */
export interface TicketRef {
  key: string;
  id: string;
  title?: string;
  status: string | null;
  stage: Stage;
  assignee: string | null;
  group: string | null;
  priority: string | null;
  /** Work-item age, ms. */
  ageMs: number;
}

/** Ticket key of index i: the tie-break of every ticket list. */
export const keyOfTicket = (index: HistoryIndex) => (i: number): string => index.tickets[i].key;

export function ticketRef(index: HistoryIndex, i: number, now: number): TicketRef {
  const t = index.tickets[i];
  return {
    key: t.key,
    id: t.id,
    title: t.title,
    status: t.status,
    stage: t.stage,
    assignee: t.assignee,
    group: t.group,
    priority: t.priority,
    ageMs: Math.max(0, now - ageOriginOf(index, i)),
  };
}

/** DESIGN.md: WIP = started, not done. */
export const isWip = (t: Pick<TicketState, 'open' | 'startedAt'>): boolean => t.open === 1 && t.startedAt !== undefined;

/** Index form of `isWip`. */
export const isWipAt = (index: HistoryIndex, i: number): boolean => index.open[i] === 1 && !Number.isNaN(index.startedAt[i]);

/**
 * Work-item age = now − start (commitment point). Unstarted items (Jira backlog) age from
 * creation / first sight so the number is never missing; never negative (a clock skew between
 * host and browser clamps to 0).
 */
export function workItemAge(t: Pick<TicketState, 'startedAt' | 'createdAt' | 'firstSeenAt'>, now: number): number {
  return Math.max(0, now - (t.startedAt ?? t.createdAt ?? t.firstSeenAt));
}

export interface WipSummary {
  /** Started and not done. */
  wip: number;
  /** Not done, started or not. */
  open: number;
  byStage: Record<Stage, number>;
  /** Percentiles of WIP ages, ms. */
  ages: Percentiles | undefined;
  /** Sum of WIP ages, ms (age-weighted WIP). */
  ageSumMs: number;
  oldest: TicketRef[];
}

export interface TicketScope {
  now: number;
  /** Restrict to these ticket indices (personal view); all tickets when absent. */
  tickets?: Int32Array;
}

export function forEachTicket(index: HistoryIndex, scope: TicketScope, visit: (i: number) => void): void {
  if (scope.tickets) for (const i of scope.tickets) visit(i);
  else for (let i = 0; i < index.ticketCount; i++) visit(i);
}

/** Open tickets in scope (visit still checks nothing: every index passed is open). */
export function forEachOpenTicket(index: HistoryIndex, scope: TicketScope, visit: (i: number) => void): void {
  if (scope.tickets) {
    for (const i of scope.tickets) if (index.open[i] === 1) visit(i);
  } else {
    for (const i of index.openTickets) visit(i);
  }
}

export function wipSummary(index: HistoryIndex, scope: TicketScope & { oldestCount?: number }): WipSummary {
  const byStage: Record<Stage, number> = { queued: 0, active: 0, waiting: 0, done: 0 };
  const ages: number[] = [];
  const wipTickets: number[] = [];
  let open = 0;
  let ageSumMs = 0;
  forEachOpenTicket(index, scope, (i) => {
    open++;
    if (!isWipAt(index, i)) return;
    byStage[STAGES[index.stage[i]]]++;
    const age = Math.max(0, scope.now - index.startedAt[i]);
    ages.push(age);
    wipTickets.push(i);
    ageSumMs += age;
  });
  const oldestCount = scope.oldestCount ?? 10;
  const oldest = topBy(wipTickets, (i) => -index.startedAt[i], oldestCount, keyOfTicket(index)).map((i) => ticketRef(index, i, scope.now));
  return { wip: ages.length, open, byStage, ages: standardPercentiles(sortedValues(ages)), ageSumMs, oldest };
}

/**
 * The `count` items with the highest score, best first, without sorting everything. Equal
 * scores are ordered by `keyOf` (ticket key), so lists never depend on the order rows were stored.
 */
export function topBy(
  items: readonly number[] | Int32Array,
  score: (item: number) => number,
  count: number,
  keyOf?: (item: number) => string,
): number[] {
  const best: number[] = [];
  const scores: number[] = [];
  const before = (s: number, item: number, k: number) =>
    scores[k] < s || (scores[k] === s && keyOf !== undefined && keyOf(item) < keyOf(best[k]));
  for (const item of items) {
    const s = score(item);
    if (best.length === count && !before(s, item, count - 1)) continue;
    let k = best.length === count ? count - 1 : best.length;
    while (k > 0 && before(s, item, k - 1)) {
      best[k] = best[k - 1];
      scores[k] = scores[k - 1];
      k--;
    }
    best[k] = item;
    scores[k] = s;
  }
  return best.slice(0, count);
}

export interface TimeInStatus {
  status: string | null;
  /** Time in the current visit: now − statusSince. */
  currentVisitMs: number;
  /** Current visit plus every earlier visit to the same status (Jira's rule). */
  accumulatedMs: number;
  /** How many separate visits to this status, the current one included. */
  visits: number;
}

/**
 * Time in the current status of one ticket from its transitions (any order). The first visit
 * starts at creation (first sight when unknown); the current visit starts at `statusSince`
 * — a lower bound when the status was never seen changing (`statusSinceExact` false).
 */
export function timeInStatus(
  ticket: Pick<TicketState, 'status' | 'statusSince' | 'createdAt' | 'firstSeenAt'>,
  transitions: readonly Pick<Transition, 'field' | 'from' | 'to' | 'at'>[],
  now: number,
): TimeInStatus {
  const statusChanges = transitions.filter((t) => t.field === 'status').sort((a, b) => a.at - b.at);
  let visitStart = ticket.createdAt ?? ticket.firstSeenAt;
  let accumulated = 0;
  let visits = 1;
  for (const t of statusChanges) {
    if (t.from === ticket.status) {
      accumulated += Math.max(0, t.at - visitStart);
      visits++;
    }
    visitStart = t.at;
  }
  const currentVisitMs = Math.max(0, now - ticket.statusSince);
  return { status: ticket.status, currentVisitMs, accumulatedMs: accumulated + currentVisitMs, visits };
}

/** Index form of `timeInStatus` (same rule, over the ticket's slots). */
export function timeInStatusOf(index: HistoryIndex, i: number, now: number): TimeInStatus {
  const current = index.status[i];
  let visitStart = index.originAt[i];
  let accumulated = 0;
  let visits = 1;
  for (let s = index.transitionStart[i]; s < index.transitionStart[i + 1]; s++) {
    if (index.field[s] !== FIELD_STATUS) continue;
    if (index.from[s] === current) {
      accumulated += Math.max(0, index.at[s] - visitStart);
      visits++;
    }
    visitStart = index.at[s];
  }
  const currentVisitMs = Math.max(0, now - index.statusSince[i]);
  return { status: index.statuses.valueOf(current), currentVisitMs, accumulatedMs: accumulated + currentVisitMs, visits };
}

export interface StatusTimeSummary {
  status: string | null;
  stage: Stage;
  count: number;
  currentVisit: Percentiles;
  accumulated: Percentiles;
  /** Open tickets that came back to this status at least once. */
  revisited: number;
}

/** Time in status of open tickets, grouped by their current status. */
export function timeInStatusSummary(index: HistoryIndex, scope: TicketScope): StatusTimeSummary[] {
  const byStatus = new Map<number, { current: number[]; accumulated: number[]; revisited: number; stage: number }>();
  forEachOpenTicket(index, scope, (i) => {
    const t = timeInStatusOf(index, i, scope.now);
    let bucket = byStatus.get(index.status[i]);
    if (!bucket) byStatus.set(index.status[i], (bucket = { current: [], accumulated: [], revisited: 0, stage: index.stage[i] }));
    bucket.current.push(t.currentVisitMs);
    bucket.accumulated.push(t.accumulatedMs);
    if (t.visits > 1) bucket.revisited++;
  });
  return [...byStatus.entries()]
    .map(([code, b]) => ({
      status: index.statuses.valueOf(code),
      stage: STAGES[b.stage],
      count: b.current.length,
      currentVisit: standardPercentiles(sortedValues(b.current))!,
      accumulated: standardPercentiles(sortedValues(b.accumulated))!,
      revisited: b.revisited,
    }))
    .sort((a, b) => b.count - a.count || String(a.status).localeCompare(String(b.status)));
}

export interface StalledOptions extends TicketScope {
  /** No activity for this many days = stalled (default 5). */
  stalledDays?: number;
  /** No activity for more than this many days = dead? (default 45). */
  deadDays?: number;
  listCount?: number;
}

export interface StalledItem extends TicketRef {
  inactiveMs: number;
  dead: boolean;
}

export interface StalledSummary {
  /** Open items with no activity for ≥ stalledDays (dead ones included). */
  stalled: number;
  /** Open items with no activity for > deadDays. */
  dead: number;
  /** Longest inactive first. */
  items: StalledItem[];
}

/**
 * Stalled: an open (not done) item with no activity for N days. Activity = any recorded change
 * (transition), the host's `updatedAt`, a status change or creation. Unstarted backlog items
 * count too: "dead?" is most useful there.
 */
export function stalledSummary(index: HistoryIndex, options: StalledOptions): StalledSummary {
  const stalledMs = (options.stalledDays ?? 5) * DAY_MS;
  const deadMs = (options.deadDays ?? 45) * DAY_MS;
  const stalledTickets: number[] = [];
  let dead = 0;
  forEachOpenTicket(index, options, (i) => {
    const inactive = options.now - index.lastActivityAt[i];
    if (inactive < stalledMs) return;
    stalledTickets.push(i);
    if (inactive > deadMs) dead++;
  });
  const items = topBy(stalledTickets, (i) => -index.lastActivityAt[i], options.listCount ?? 10, keyOfTicket(index)).map((i) => {
    const inactiveMs = Math.max(0, options.now - index.lastActivityAt[i]);
    return { ...ticketRef(index, i, options.now), inactiveMs, dead: inactiveMs > deadMs };
  });
  return { stalled: stalledTickets.length, dead, items };
}

