import { isHandoff } from '../ingest/handoffs';
import type { TicketState, Transition } from '../model';
import {
  FIELD_ASSIGNEE,
  FIELD_GROUP,
  NONE,
  forEachInDays,
  isHandoffSlot,
  type HistoryIndex,
} from './history-index';
import { WEEK_MS } from './time';
import { keyOfTicket, ticketRef, topBy, type TicketRef, type TicketScope } from './wip';

/**
 * Handoffs per ticket, in Zendesk's terms (DESIGN.md):
 * - station: a stretch with one (non-empty) assignee / group; the one held at first sight counts.
 * - handoff: `isHandoff` (lib/ingest/handoffs.ts) — a human change from someone to someone else.
 * - return (ping-pong): a human change to an assignee / group the ticket already had, other than
 *   the one it had just before (unassign → same person again is not a return).
 * - automatic changes (triggers, automations) make stations but are never handoffs or returns;
 *   they are counted apart.
 */
export interface TicketHandoffs {
  assigneeStations: number;
  groupStations: number;
  /** Human assignee + group handoffs. */
  handoffs: number;
  /** Human group handoffs (DESIGN.md capacity card: escalation = group change). */
  escalations: number;
  /** Assignee / group changes made by automations. */
  automaticChanges: number;
  assigneeReturns: number;
  groupReturns: number;
  pingPong: boolean;
}

class FieldWalk {
  stations = 0;
  returns = 0;
  private readonly seen = new Set<string | number>();
  private last: string | number | null = null;
  constructor(initial: string | number | null) {
    if (initial !== null) this.hold(initial);
  }
  private hold(value: string | number): void {
    this.stations++;
    this.seen.add(value);
    this.last = value;
  }
  change(to: string | number | null, automatic: boolean): void {
    if (to === null) return;
    if (!automatic && to !== this.last && this.seen.has(to)) this.returns++;
    this.hold(to);
  }
}

/** Handoffs of one ticket from its transitions (any order; sorted here). */
export function ticketHandoffs(
  ticket: Pick<TicketState, 'assignee' | 'group'>,
  transitions: readonly Pick<Transition, 'field' | 'from' | 'to' | 'at' | 'automatic'>[],
): TicketHandoffs {
  const sorted = [...transitions].sort((a, b) => a.at - b.at);
  const firstOf = (field: 'assignee' | 'group') => {
    const first = sorted.find((t) => t.field === field);
    return first ? first.from : ticket[field];
  };
  const assignees = new FieldWalk(firstOf('assignee'));
  const groups = new FieldWalk(firstOf('group'));
  let handoffs = 0;
  let escalations = 0;
  let automaticChanges = 0;
  for (const t of sorted) {
    if (t.field !== 'assignee' && t.field !== 'group') continue;
    if (isHandoff(t)) {
      handoffs++;
      if (t.field === 'group') escalations++;
    }
    if (t.automatic) automaticChanges++;
    (t.field === 'assignee' ? assignees : groups).change(t.to, t.automatic === true);
  }
  return handoffResult(assignees, groups, handoffs, escalations, automaticChanges);
}

function handoffResult(
  assignees: { stations: number; returns: number },
  groups: { stations: number; returns: number },
  handoffs: number,
  escalations: number,
  automaticChanges: number,
): TicketHandoffs {
  return {
    assigneeStations: assignees.stations,
    groupStations: groups.stations,
    handoffs,
    escalations,
    automaticChanges,
    assigneeReturns: assignees.returns,
    groupReturns: groups.returns,
    pingPong: assignees.returns + groups.returns > 0,
  };
}

/** Index form of `ticketHandoffs`, optionally feeding window counters. */
export function ticketHandoffsOf(index: HistoryIndex, i: number, window?: HandoffWindowCounters): TicketHandoffs {
  const begin = index.transitionStart[i];
  const end = index.transitionStart[i + 1];
  let firstAssignee: number | null = index.assignee[i];
  let firstGroup: number | null = index.group[i];
  let assigneeFound = false;
  let groupFound = false;
  for (let s = begin; s < end && !(assigneeFound && groupFound); s++) {
    if (!assigneeFound && index.field[s] === FIELD_ASSIGNEE) {
      firstAssignee = index.from[s];
      assigneeFound = true;
    } else if (!groupFound && index.field[s] === FIELD_GROUP) {
      firstGroup = index.from[s];
      groupFound = true;
    }
  }
  const assignees = new FieldWalk(firstAssignee === NONE ? null : firstAssignee);
  const groups = new FieldWalk(firstGroup === NONE ? null : firstGroup);
  let handoffs = 0;
  let escalations = 0;
  let automaticChanges = 0;
  for (let s = begin; s < end; s++) {
    const field = index.field[s];
    if (field !== FIELD_ASSIGNEE && field !== FIELD_GROUP) continue;
    const automatic = index.automatic[s] === 1;
    const handoff = isHandoffSlot(index, s);
    const walk = field === FIELD_ASSIGNEE ? assignees : groups;
    const returnsBefore = walk.returns;
    const to = index.to[s];
    walk.change(to === NONE ? null : to, automatic);
    if (handoff) {
      handoffs++;
      if (field === FIELD_GROUP) escalations++;
    }
    if (automatic) automaticChanges++;
    if (window && index.at[s] > window.start && index.at[s] <= window.end) {
      if (handoff) {
        window.handoffs++;
        if (field === FIELD_GROUP) {
          window.escalations++;
          const cell = index.from[s] * index.groups.size + to;
          window.groupMatrix.set(cell, (window.groupMatrix.get(cell) ?? 0) + 1);
        }
      }
      if (automatic) {
        window.automaticChanges++;
        if (field === FIELD_GROUP && index.from[s] !== NONE && to !== NONE && index.from[s] !== to) {
          const cell = index.from[s] * index.groups.size + to;
          window.automaticGroupMatrix.set(cell, (window.automaticGroupMatrix.get(cell) ?? 0) + 1);
        }
      }
      window.returns += walk.returns - returnsBefore;
    }
  }
  return handoffResult(assignees, groups, handoffs, escalations, automaticChanges);
}

export interface HandoffWindowCounters {
  start: number;
  end: number;
  handoffs: number;
  escalations: number;
  automaticChanges: number;
  returns: number;
  /** cell = fromGroup · groupCount + toGroup */
  groupMatrix: Map<number, number>;
  automaticGroupMatrix: Map<number, number>;
}

export interface MatrixCell {
  from: string;
  to: string;
  count: number;
}

export interface HandoffHotspot extends TicketRef, TicketHandoffs {}

export interface HandoffSummary {
  windowStart: number;
  windowEnd: number;
  /** Human handoffs in the window (assignee + group). */
  handoffs: number;
  /** Human group changes in the window. */
  escalations: number;
  /** Changes made by automations in the window, kept apart. */
  automaticChanges: number;
  /** Human returns to an earlier assignee / group in the window. */
  returns: number;
  /** Tickets active in the window with at least one return in their history. */
  pingPongTickets: number;
  /** Group → group human handoffs in the window, most first. */
  matrix: MatrixCell[];
  /** Group → group changes made by automations in the window. */
  automaticMatrix: MatrixCell[];
  /** Open tickets with the most handoffs (then returns). */
  hotspots: HandoffHotspot[];
}

function matrixCells(index: HistoryIndex, cells: Map<number, number>): MatrixCell[] {
  const size = index.groups.size;
  return [...cells.entries()]
    .map(([cell, count]) => ({
      from: index.groups.values[Math.floor(cell / size)],
      to: index.groups.values[cell % size],
      count,
    }))
    .sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/**
 * Handoffs, returns and the group matrix over a trailing window (default 4 weeks). Only tickets
 * with a change inside the window are walked (each over its whole history, which returns need).
 */
export function handoffSummary(
  index: HistoryIndex,
  scope: TicketScope & { windowMs?: number; listCount?: number },
): HandoffSummary {
  const window: HandoffWindowCounters = {
    start: scope.now - (scope.windowMs ?? 4 * WEEK_MS),
    end: scope.now,
    handoffs: 0,
    escalations: 0,
    automaticChanges: 0,
    returns: 0,
    groupMatrix: new Map(),
    automaticGroupMatrix: new Map(),
  };
  let pingPongTickets = 0;
  const openWalked: number[] = [];
  const perTicket = new Map<number, TicketHandoffs>();
  const visit = (i: number) => {
    const end = index.transitionStart[i + 1];
    if (end === index.transitionStart[i] || index.at[end - 1] <= window.start) return;
    const h = ticketHandoffsOf(index, i, window);
    if (h.pingPong) pingPongTickets++;
    if (index.open[i] === 1 && h.handoffs > 0) {
      openWalked.push(i);
      perTicket.set(i, h);
    }
  };
  if (scope.tickets) for (const i of scope.tickets) visit(i);
  else forEachInDays(index.lastChangeByDay, window.start, Infinity, visit);
  const hotspots = topBy(
    openWalked,
    (i) => perTicket.get(i)!.handoffs * 1000 + perTicket.get(i)!.assigneeReturns + perTicket.get(i)!.groupReturns,
    scope.listCount ?? 10,
    keyOfTicket(index),
  ).map((i) => ({ ...ticketRef(index, i, scope.now), ...perTicket.get(i)! }));
  return {
    windowStart: window.start,
    windowEnd: window.end,
    handoffs: window.handoffs,
    escalations: window.escalations,
    automaticChanges: window.automaticChanges,
    returns: window.returns,
    pingPongTickets,
    matrix: matrixCells(index, window.groupMatrix),
    automaticMatrix: matrixCells(index, window.automaticGroupMatrix),
    hotspots,
  };
}
