import {
  FIELD_STATUS,
  STAGE_ACTIVE,
  STAGE_DONE,
  STAGE_QUEUED,
  STAGE_WAITING,
  stageOfStatusCode,
  type HistoryIndex,
} from './history-index';
import { businessTimeAt, instantAtBusinessTime, type BusinessCalendar } from './business-hours';
import { HOUR_MS } from './time';
import { forEachOpenTicket, keyOfTicket, ticketRef, topBy, type TicketRef, type TicketScope } from './wip';

/**
 * SLA (DESIGN.md): the host's own SLA (TicketState.slaDueAt, Zendesk's SLA cell / JSM) wins
 * where present; otherwise policies per priority over a business-hours calendar.
 *
 * The model tracks status, assignee, group and priority — not comments — so replies are
 * inferred from status changes (a deviation, documented in README.md):
 * - first reply: the first human status change out of the queued stage (Zendesk new → open /
 *   pending / solved); a ticket first seen past `queued` is taken as replied at creation.
 * - next reply: awaited while the ticket sits in an active status entered from a waiting one
 *   (the customer answered: pending → open), from that change until the next status change.
 * - resolution: from creation until done, never paused.
 * A ticket's state is that of its most urgent running target (earliest due).
 */
export type SlaMetric = 'first-reply' | 'next-reply' | 'resolution' | 'host';
export type SlaState = 'ok' | 'at-risk' | 'breached';

export interface SlaPolicy {
  /** Priority the policy applies to (case-insensitive); `*` for any priority without its own. */
  priority: string;
  firstReplyMs?: number;
  nextReplyMs?: number;
  resolutionMs?: number;
  /** Count the targets in the calendar's business hours (default true when a calendar is given). */
  businessHours?: boolean;
}

export interface SlaOptions {
  now: number;
  policies: readonly SlaPolicy[];
  calendar?: BusinessCalendar;
  /** At risk when less than this share of the target is left (default 0.25). */
  atRiskShare?: number;
  /** Host SLA without a matching policy: at risk when less than this is left (default 2 h). */
  hostAtRiskMs?: number;
}

export interface SlaStatus {
  metric: SlaMetric;
  source: 'host' | 'policy';
  state: SlaState;
  dueAt: number;
  /**
   * Time left until due: business ms for a business-hours policy, wall ms otherwise and for the
   * host's SLA. Negative once breached (by how much).
   */
  timeLeftMs: number;
  /** The policy target, ms (absent for the host's SLA). */
  targetMs?: number;
}

/** What SLA evaluation needs to know about a ticket. */
export interface SlaFacts {
  open: boolean;
  priority: string | null;
  createdAt: number;
  slaDueAt?: number;
  /** When the first reply happened (inferred); undefined while awaited. */
  firstReplyAt?: number;
  /** Since when a next reply is awaited; undefined when none is. */
  awaitingReplySince?: number;
}

export function policyFor(policies: readonly SlaPolicy[], priority: string | null): SlaPolicy | undefined {
  const wanted = (priority ?? '').trim().toLowerCase();
  return policies.find((p) => p.priority.trim().toLowerCase() === wanted) ?? policies.find((p) => p.priority === '*');
}

interface Clock {
  /** Elapsed target time from `start` to now. */
  elapsed(start: number): number;
  /** When `target` target time after `start` is used up. */
  due(start: number, target: number): number;
}

function clockOf(policy: SlaPolicy, options: SlaOptions, businessNow: () => number): Clock {
  const calendar = options.calendar;
  if (!calendar || policy.businessHours === false) {
    return { elapsed: (start) => options.now - start, due: (start, target) => start + target };
  }
  return {
    elapsed: (start) => businessNow() - businessTimeAt(calendar, start),
    due: (start, target) => instantAtBusinessTime(calendar, businessTimeAt(calendar, start) + target),
  };
}

function stateOf(timeLeftMs: number, targetMs: number, atRiskShare: number): SlaState {
  if (timeLeftMs <= 0) return 'breached';
  return timeLeftMs < atRiskShare * targetMs ? 'at-risk' : 'ok';
}

/** Evaluates one ticket; `businessNow` caches the calendar reading of `now` across tickets. */
export function evaluateSla(facts: SlaFacts, options: SlaOptions, businessNow?: () => number): SlaStatus | undefined {
  if (!facts.open) return undefined;
  const atRiskShare = options.atRiskShare ?? 0.25;
  const policy = policyFor(options.policies, facts.priority);
  const readNow = businessNow ?? (() => (options.calendar ? businessTimeAt(options.calendar, options.now) : options.now));
  let best: { metric: SlaMetric; start: number; target: number; timeLeft: number } | undefined;
  let clock: Clock | undefined;
  if (policy) {
    clock = clockOf(policy, options, readNow);
    const running: { metric: SlaMetric; start: number; target: number | undefined }[] = [
      { metric: 'first-reply', start: facts.createdAt, target: facts.firstReplyAt === undefined ? policy.firstReplyMs : undefined },
      {
        metric: 'next-reply',
        start: facts.awaitingReplySince ?? 0,
        target: facts.awaitingReplySince !== undefined ? policy.nextReplyMs : undefined,
      },
      { metric: 'resolution', start: facts.createdAt, target: policy.resolutionMs },
    ];
    for (const r of running) {
      if (r.target === undefined) continue;
      const timeLeft = r.target - clock.elapsed(r.start);
      // Most urgent = least target time left (same clock for all targets of one policy).
      if (!best || timeLeft < best.timeLeft) best = { metric: r.metric, start: r.start, target: r.target, timeLeft };
    }
  }
  if (facts.slaDueAt !== undefined) {
    const timeLeftMs = facts.slaDueAt - options.now;
    const state: SlaState =
      timeLeftMs <= 0
        ? 'breached'
        : best
          ? stateOf(timeLeftMs, best.target, atRiskShare)
          : timeLeftMs < (options.hostAtRiskMs ?? 2 * HOUR_MS)
            ? 'at-risk'
            : 'ok';
    return { metric: 'host', source: 'host', state, dueAt: facts.slaDueAt, timeLeftMs };
  }
  if (!best || !clock) return undefined;
  return {
    metric: best.metric,
    source: 'policy',
    state: stateOf(best.timeLeft, best.target, atRiskShare),
    dueAt: clock.due(best.start, best.target),
    timeLeftMs: best.timeLeft,
    targetMs: best.target,
  };
}

/** SLA facts of ticket i from its history (see the inference rules above). */
export function slaFactsOf(index: HistoryIndex, i: number): SlaFacts {
  const ticket = index.tickets[i];
  const begin = index.transitionStart[i];
  const end = index.transitionStart[i + 1];
  let firstReplyAt: number | undefined;
  let firstStatus = index.status[i];
  let lastStatusSlot = -1;
  for (let s = begin; s < end; s++) {
    if (index.field[s] !== FIELD_STATUS) continue;
    if (lastStatusSlot < 0) firstStatus = index.from[s];
    lastStatusSlot = s;
    if (
      firstReplyAt === undefined &&
      index.automatic[s] === 0 &&
      stageOfStatusCode(index, i, index.from[s]) === STAGE_QUEUED &&
      stageOfStatusCode(index, i, index.to[s]) !== STAGE_QUEUED
    ) {
      firstReplyAt = index.at[s];
    }
  }
  if (firstReplyAt === undefined && stageOfStatusCode(index, i, firstStatus) !== STAGE_QUEUED) firstReplyAt = index.originAt[i];
  let awaitingReplySince: number | undefined;
  if (
    lastStatusSlot >= 0 &&
    index.stage[i] === STAGE_ACTIVE &&
    stageOfStatusCode(index, i, index.from[lastStatusSlot]) === STAGE_WAITING
  ) {
    awaitingReplySince = index.at[lastStatusSlot];
  }
  return {
    open: index.open[i] === 1 && index.stage[i] !== STAGE_DONE,
    priority: ticket.priority,
    createdAt: index.originAt[i],
    slaDueAt: ticket.slaDueAt,
    firstReplyAt,
    awaitingReplySince,
  };
}

export interface SlaItem extends TicketRef, SlaStatus {}

export interface SlaSummary {
  ok: number;
  atRisk: number;
  breached: number;
  /** Tickets whose state comes from the host's own SLA. */
  fromHost: number;
  byMetric: Record<SlaMetric, number>;
  /** Not yet breached, earliest due first: what breaches next. */
  nextBreaches: SlaItem[];
  /** Breached, longest overdue first. */
  breachedItems: SlaItem[];
}

export function slaSummary(index: HistoryIndex, options: SlaOptions & TicketScope & { listCount?: number }): SlaSummary {
  let businessNowValue: number | undefined;
  const businessNow = () =>
    (businessNowValue ??= options.calendar ? businessTimeAt(options.calendar, options.now) : options.now);
  const summary: SlaSummary = {
    ok: 0,
    atRisk: 0,
    breached: 0,
    fromHost: 0,
    byMetric: { 'first-reply': 0, 'next-reply': 0, resolution: 0, host: 0 },
    nextBreaches: [],
    breachedItems: [],
  };
  const statuses = new Map<number, SlaStatus>();
  forEachOpenTicket(index, options, (i) => {
    const status = evaluateSla(slaFactsOf(index, i), options, businessNow);
    if (!status) return;
    statuses.set(i, status);
    if (status.state === 'ok') summary.ok++;
    else if (status.state === 'at-risk') summary.atRisk++;
    else summary.breached++;
    if (status.source === 'host') summary.fromHost++;
    summary.byMetric[status.metric]++;
  });
  const listCount = options.listCount ?? 10;
  const keys = [...statuses.keys()];
  const item = (i: number): SlaItem => ({ ...ticketRef(index, i, options.now), ...statuses.get(i)! });
  summary.nextBreaches = topBy(
    keys.filter((i) => statuses.get(i)!.state !== 'breached'),
    (i) => -statuses.get(i)!.dueAt,
    listCount,
    keyOfTicket(index),
  ).map(item);
  summary.breachedItems = topBy(
    keys.filter((i) => statuses.get(i)!.state === 'breached'),
    (i) => -statuses.get(i)!.dueAt,
    listCount,
    keyOfTicket(index),
  ).map(item);
  return summary;
}
