import { isHandoff } from '../ingest/handoffs';
import { stageOf, type StageOverrides, type Stage, type TicketState, type Transition, type TrackedField } from '../model';

/**
 * A columnar, grouped view of stored history, built once per load so every measure is a pass
 * over typed arrays instead of a rescan of a million objects.
 *
 * - Tickets keep their input order; ticket i's transitions are slots
 *   `transitionStart[i] .. transitionStart[i+1]-1`, sorted by `at`, then field (status,
 *   assignee, group, priority), then input order.
 * - Strings are interned per dictionary: statuses, people (assignees), groups, priorities.
 *   Code -1 means null.
 * - Times are epoch ms in Float64Arrays; NaN means unknown.
 */
export const STAGES: readonly Stage[] = ['queued', 'active', 'waiting', 'done'];
export const STAGE_QUEUED = 0;
export const STAGE_ACTIVE = 1;
export const STAGE_WAITING = 2;
export const STAGE_DONE = 3;

export const FIELD_STATUS = 0;
export const FIELD_ASSIGNEE = 1;
export const FIELD_GROUP = 2;
export const FIELD_PRIORITY = 3;
const FIELD_CODES: Record<TrackedField, number> = { status: 0, assignee: 1, group: 2, priority: 3 };

export const NONE = -1;

/** Interned strings: `codes` looks up, `values[code]` gives the string back. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  codeOf(value: string | null | undefined): number {
    if (value === null || value === undefined) return NONE;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
  /** Code of a value already interned, or NONE. */
  find(value: string | null | undefined): number {
    if (value === null || value === undefined) return NONE;
    return this.codes.get(value) ?? NONE;
  }
  valueOf(code: number): string | null {
    return code === NONE ? null : this.values[code];
  }
  get size(): number {
    return this.values.length;
  }
}

export interface HistoryIndex {
  tickets: readonly TicketState[];
  ticketCount: number;
  transitionCount: number;
  statuses: Dictionary;
  people: Dictionary;
  groups: Dictionary;
  priorities: Dictionary;
  /** 0 zendesk, 1 jira */
  tool: Uint8Array;
  /** Current stage code (STAGES order). */
  stage: Uint8Array;
  open: Uint8Array;
  status: Int32Array;
  assignee: Int32Array;
  group: Int32Array;
  priority: Int32Array;
  /** Commitment point; NaN when not started (Jira before In Progress). */
  startedAt: Float64Array;
  /** createdAt, or firstSeenAt when the host never showed creation. */
  originAt: Float64Array;
  doneAt: Float64Array;
  statusSince: Float64Array;
  /** Latest of updatedAt, statusSince, origin and the last transition: "activity". */
  lastActivityAt: Float64Array;
  /** CSR offsets into the transition columns, length ticketCount + 1. */
  transitionStart: Int32Array;
  at: Float64Array;
  field: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  automatic: Uint8Array;
  /** Stage code of a status code, per tool: `stageOfStatus[tool][statusCode]`. */
  stageOfStatus: [Uint8Array, Uint8Array];
  /** Ticket index of a key. */
  ticketOf: Map<string, number>;
  /** Indices of open (not done) tickets: most measures only look at these. */
  openTickets: Int32Array;
  /** Done tickets bucketed by the UTC day of `doneAt` (windows read only their days). */
  doneByDay: DayBuckets;
  /** Tickets bucketed by the UTC day of their last transition (no transitions: not listed). */
  lastChangeByDay: DayBuckets;
  /** Transitions whose ticket is not among `tickets` (skipped). */
  orphanTransitions: number;
}

/** Ticket indices grouped by UTC day: day d's tickets are items[start[d - firstDay] .. start[d - firstDay + 1]). */
export interface DayBuckets {
  firstDay: number;
  start: Int32Array;
  items: Int32Array;
}

function bucketByDay(times: Float64Array): DayBuckets {
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (Number.isNaN(t)) continue;
    const day = Math.floor(t / 86_400_000);
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
  }
  if (firstDay === Infinity) return { firstDay: 0, start: new Int32Array(1), items: new Int32Array(0) };
  const days = lastDay - firstDay + 1;
  const start = new Int32Array(days + 1);
  for (let i = 0; i < times.length; i++) {
    if (!Number.isNaN(times[i])) start[Math.floor(times[i] / 86_400_000) - firstDay + 1]++;
  }
  for (let d = 0; d < days; d++) start[d + 1] += start[d];
  const cursor = start.slice(0, days);
  const items = new Int32Array(start[days]);
  for (let i = 0; i < times.length; i++) {
    if (!Number.isNaN(times[i])) items[cursor[Math.floor(times[i] / 86_400_000) - firstDay]++] = i;
  }
  return { firstDay, start, items };
}

/** Calls `visit` for every ticket in buckets whose day may hold a time in (from, to]. */
export function forEachInDays(buckets: DayBuckets, from: number, to: number, visit: (i: number) => void): void {
  const days = buckets.start.length - 1;
  const first = Math.max(0, Math.floor(from / 86_400_000) - buckets.firstDay);
  const last = Math.min(days - 1, Math.floor(to / 86_400_000) - buckets.firstDay);
  for (let k = buckets.start[first]; k < buckets.start[last + 1] && first <= last; k++) visit(buckets.items[k]);
}

const STAGE_CODE: Record<Stage, number> = { queued: 0, active: 1, waiting: 2, done: 3 };

function dictionaryOfField(
  field: number,
  dictionaries: { statuses: Dictionary; people: Dictionary; groups: Dictionary; priorities: Dictionary },
): Dictionary {
  return field === FIELD_STATUS
    ? dictionaries.statuses
    : field === FIELD_ASSIGNEE
      ? dictionaries.people
      : field === FIELD_GROUP
        ? dictionaries.groups
        : dictionaries.priorities;
}

/**
 * Builds the index in O(tickets + transitions): one pass reading the objects into columns
 * (consecutive transitions of one ticket, as Dexie's [key+at] order gives them, cost a single
 * key lookup), a counting sort by ticket, and a sort by time only of tickets found unsorted.
 */
export function buildHistoryIndex(
  tickets: readonly TicketState[],
  transitions: readonly Transition[],
  overrides: StageOverrides = {},
): HistoryIndex {
  const ticketCount = tickets.length;
  const statuses = new Dictionary();
  const people = new Dictionary();
  const groups = new Dictionary();
  const priorities = new Dictionary();
  const dictionaries = { statuses, people, groups, priorities };

  const tool = new Uint8Array(ticketCount);
  const stage = new Uint8Array(ticketCount);
  const open = new Uint8Array(ticketCount);
  const status = new Int32Array(ticketCount);
  const assignee = new Int32Array(ticketCount);
  const group = new Int32Array(ticketCount);
  const priority = new Int32Array(ticketCount);
  const startedAt = new Float64Array(ticketCount);
  const originAt = new Float64Array(ticketCount);
  const doneAt = new Float64Array(ticketCount);
  const statusSince = new Float64Array(ticketCount);
  const lastActivityAt = new Float64Array(ticketCount);
  const ticketOf = new Map<string, number>();

  for (let i = 0; i < ticketCount; i++) {
    const t = tickets[i];
    ticketOf.set(t.key, i);
    tool[i] = t.tool === 'jira' ? 1 : 0;
    stage[i] = STAGE_CODE[t.stage];
    open[i] = t.open;
    status[i] = statuses.codeOf(t.status);
    assignee[i] = people.codeOf(t.assignee);
    group[i] = groups.codeOf(t.group);
    priority[i] = priorities.codeOf(t.priority);
    startedAt[i] = t.startedAt ?? NaN;
    originAt[i] = t.createdAt ?? t.firstSeenAt;
    doneAt[i] = t.open === 0 && t.doneAt !== undefined ? t.doneAt : NaN;
    statusSince[i] = t.statusSince;
    lastActivityAt[i] = Math.max(t.updatedAt ?? 0, t.statusSince, originAt[i]);
  }

  // Pass 1: objects → raw columns (input order).
  const n = transitions.length;
  const rawTicket = new Int32Array(n);
  const rawAt = new Float64Array(n);
  const rawField = new Uint8Array(n);
  const rawFrom = new Int32Array(n);
  const rawTo = new Int32Array(n);
  const rawAutomatic = new Uint8Array(n);
  const counts = new Int32Array(ticketCount + 1);
  let previousKey: string | undefined;
  let previousTicket = NONE;
  let orphanTransitions = 0;
  for (let j = 0; j < n; j++) {
    const t = transitions[j];
    let ticket = previousTicket;
    if (t.key !== previousKey) {
      ticket = ticketOf.get(t.key) ?? NONE;
      previousKey = t.key;
      previousTicket = ticket;
    }
    rawTicket[j] = ticket;
    if (ticket === NONE) {
      orphanTransitions++;
      continue;
    }
    counts[ticket + 1]++;
    const field = FIELD_CODES[t.field];
    const dictionary = dictionaryOfField(field, dictionaries);
    rawAt[j] = t.at;
    rawField[j] = field;
    rawFrom[j] = dictionary.codeOf(t.from);
    rawTo[j] = dictionary.codeOf(t.to);
    rawAutomatic[j] = t.automatic ? 1 : 0;
  }

  // Pass 2: counting sort into per-ticket runs.
  const transitionStart = counts; // prefix sums in place: counts[i] becomes ticket i's start
  for (let i = 0; i < ticketCount; i++) transitionStart[i + 1] += transitionStart[i];
  const kept = n - orphanTransitions;
  const at = new Float64Array(kept);
  const field = new Uint8Array(kept);
  const from = new Int32Array(kept);
  const to = new Int32Array(kept);
  const automatic = new Uint8Array(kept);
  const cursor = transitionStart.slice(0, ticketCount);
  for (let j = 0; j < n; j++) {
    const ticket = rawTicket[j];
    if (ticket === NONE) continue;
    const slot = cursor[ticket]++;
    at[slot] = rawAt[j];
    field[slot] = rawField[j];
    from[slot] = rawFrom[j];
    to[slot] = rawTo[j];
    automatic[slot] = rawAutomatic[j];
  }

  // Pass 3: order within each ticket by (time, field) — usually already so. The field breaks
  // ties so that changes seen in one sighting replay the same way whatever the input order.
  for (let i = 0; i < ticketCount; i++) {
    const begin = transitionStart[i];
    const end = transitionStart[i + 1];
    if (end === begin) continue;
    let sorted = true;
    for (let s = begin + 1; s < end; s++) {
      if (at[s] < at[s - 1] || (at[s] === at[s - 1] && field[s] < field[s - 1])) {
        sorted = false;
        break;
      }
    }
    if (!sorted) sortRun(begin, end, at, field, from, to, automatic);
    if (at[end - 1] > lastActivityAt[i]) lastActivityAt[i] = at[end - 1];
  }

  const stageOfStatus: [Uint8Array, Uint8Array] = [new Uint8Array(statuses.size), new Uint8Array(statuses.size)];
  for (let code = 0; code < statuses.size; code++) {
    stageOfStatus[0][code] = STAGE_CODE[stageOf('zendesk', statuses.values[code], overrides)];
    stageOfStatus[1][code] = STAGE_CODE[stageOf('jira', statuses.values[code], overrides)];
  }

  const openList: number[] = [];
  const lastChangeAt = new Float64Array(ticketCount);
  for (let i = 0; i < ticketCount; i++) {
    if (open[i] === 1) openList.push(i);
    lastChangeAt[i] = transitionStart[i + 1] > transitionStart[i] ? at[transitionStart[i + 1] - 1] : NaN;
  }

  return {
    tickets,
    ticketCount,
    transitionCount: kept,
    statuses,
    people,
    groups,
    priorities,
    tool,
    stage,
    open,
    status,
    assignee,
    group,
    priority,
    startedAt,
    originAt,
    doneAt,
    statusSince,
    lastActivityAt,
    transitionStart,
    at,
    field,
    from,
    to,
    automatic,
    stageOfStatus,
    ticketOf,
    openTickets: Int32Array.from(openList),
    doneByDay: bucketByDay(doneAt),
    lastChangeByDay: bucketByDay(lastChangeAt),
    orphanTransitions,
  };
}

/** Stable insertion sort of one ticket's run by (time, field); runs are short (tens of slots). */
function sortRun(
  begin: number,
  end: number,
  at: Float64Array,
  field: Uint8Array,
  from: Int32Array,
  to: Int32Array,
  automatic: Uint8Array,
): void {
  for (let s = begin + 1; s < end; s++) {
    const a = at[s];
    const f = field[s];
    const fr = from[s];
    const t = to[s];
    const au = automatic[s];
    let k = s - 1;
    while (k >= begin && (at[k] > a || (at[k] === a && field[k] > f))) {
      at[k + 1] = at[k];
      field[k + 1] = field[k];
      from[k + 1] = from[k];
      to[k + 1] = to[k];
      automatic[k + 1] = automatic[k];
      k--;
    }
    at[k + 1] = a;
    field[k + 1] = f;
    from[k + 1] = fr;
    to[k + 1] = t;
    automatic[k + 1] = au;
  }
}

/** Stage code of a status code for ticket i's tool; a null status counts as queued (stageOf). */
export function stageOfStatusCode(index: HistoryIndex, ticket: number, statusCode: number): number {
  return statusCode === NONE ? STAGE_QUEUED : index.stageOfStatus[index.tool[ticket]][statusCode];
}

/** Where a ticket's work-item age starts: its commitment point, else creation / first sight. */
export function ageOriginOf(index: HistoryIndex, ticket: number): number {
  const started = index.startedAt[ticket];
  return Number.isNaN(started) ? index.originAt[ticket] : started;
}

const FIELD_NAMES: readonly TrackedField[] = ['status', 'assignee', 'group', 'priority'];
const handoffProbe: Pick<Transition, 'field' | 'from' | 'to' | 'automatic'> = { field: 'status', from: null, to: null };

/**
 * Whether a slot is a handoff, by lib/ingest/handoffs.ts `isHandoff` itself (one scratch object,
 * no allocation), so ingest counters and metrics can never disagree on the definition.
 */
export function isHandoffSlot(index: HistoryIndex, slot: number): boolean {
  const field = index.field[slot];
  if (field !== FIELD_ASSIGNEE && field !== FIELD_GROUP) return false;
  const dictionary = field === FIELD_ASSIGNEE ? index.people : index.groups;
  handoffProbe.field = FIELD_NAMES[field];
  handoffProbe.from = dictionary.valueOf(index.from[slot]);
  handoffProbe.to = dictionary.valueOf(index.to[slot]);
  handoffProbe.automatic = index.automatic[slot] === 1;
  return isHandoff(handoffProbe);
}

/** Tickets whose state passes `keep`, as a list of indices (for personal and filtered views). */
export function selectTickets(index: HistoryIndex, keep: (ticket: TicketState, i: number) => boolean): Int32Array {
  const chosen: number[] = [];
  for (let i = 0; i < index.ticketCount; i++) if (keep(index.tickets[i], i)) chosen.push(i);
  return Int32Array.from(chosen);
}

/** All ticket indices 0..n-1. */
export function allTickets(index: HistoryIndex): Int32Array {
  const all = new Int32Array(index.ticketCount);
  for (let i = 0; i < all.length; i++) all[i] = i;
  return all;
}
