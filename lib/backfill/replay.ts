import {
  stageOf,
  TRACKED_FIELDS,
  type StageOverrides,
  type TicketState,
  type Tool,
  type TrackedField,
  type Transition,
} from '../model';
import { foldTransition } from '../ingest/apply';

/** Field values, as stored on a ticket (names, or `id:<n>` when a name is unknown). */
export type FieldValues = Partial<Record<TrackedField, string | null>>;

/**
 * What the host's API says about a ticket besides its transitions. Tool-neutral: each adapter's
 * backfill fills what its API offers. `undefined` = not known (keep what is stored).
 */
export interface HistoryFacts {
  /** When the API was read (epoch ms); becomes `backfilledAt`. Observed transitions that began
   * after this moment are newer than the API's knowledge and are kept. */
  fetchedAt: number;
  createdAt?: number;
  updatedAt?: number;
  title?: string;
  /** Values at creation (Zendesk Create events): the start of the replay. */
  initial?: FieldValues;
  /** Current values per the ticket itself: used for fields no event ever mentioned. */
  current?: FieldValues;
  /** Host counters that override the replayed ones (Zendesk metric set). */
  reopens?: number;
  assigneeStations?: number;
  groupStations?: number;
  /** Latest solve time: fills `doneAt` when no status event says when the ticket got done. */
  solvedAt?: number;
  /** Next SLA breach; `null` = no running SLA target (clears a stored one). */
  slaDueAt?: number | null;
  /** Jira: the commitment point when the API knows it exactly. */
  startedAt?: number;
  /** Jira: start of the time in the current column accumulated across revisits (Jira's rule),
   * i.e. fetchedAt − accumulated. Applied only while the status is still `current.status`. */
  statusSince?: number;
}

export interface TicketIdentity {
  key: string;
  tool: Tool;
  host: string;
  id: string;
}

const HISTORY_LIMIT = 200;

/** Time order; ties keep the given order (audit order, then event order). Stable sort. */
export function sortTransitions(transitions: readonly Transition[]): Transition[] {
  return [...transitions].sort((a, b) => a.at - b.at);
}

/**
 * Rebuilds a ticket's state from its full history. Pure. Page bookkeeping (first/last seen,
 * page kind, view, title) is kept from `base`; everything history decides — field values,
 * stage, statusSince, startedAt, doneAt, handoffs, stations, reopens, owner lists — is
 * recomputed by folding the transitions in time order with the same `foldTransition` ingest
 * uses, so backfilled and observed tickets count alike. Then host facts are applied.
 * `transitions` = API transitions followed by any later observed ones; sorted here.
 */
export function replayHistory(
  base: TicketState | undefined,
  identity: TicketIdentity,
  transitions: readonly Transition[],
  facts: HistoryFacts,
  overrides: StageOverrides = {},
): TicketState {
  const ordered = sortTransitions(transitions);
  const createdAt = facts.createdAt ?? base?.createdAt;

  // Starting values: creation values, else what the first change of each field moved away from.
  const start: Record<TrackedField, string | null> = { status: null, assignee: null, group: null, priority: null };
  for (const field of TRACKED_FIELDS) {
    const first = ordered.find((t) => t.field === field);
    const initial = facts.initial?.[field];
    if (initial !== undefined) start[field] = initial;
    else if (first) start[field] = first.from;
    else if (facts.current?.[field] !== undefined) start[field] = facts.current[field]!;
    else if (base) start[field] = base[field];
  }

  const tool = identity.tool;
  const stage = stageOf(tool, start.status, overrides);
  const origin = createdAt ?? ordered[0]?.at ?? base?.statusSince ?? facts.fetchedAt;
  const seenAt = base?.lastSeenAt ?? facts.fetchedAt;
  const state: TicketState = {
    key: identity.key,
    tool,
    host: identity.host,
    id: identity.id,
    title: facts.title ?? base?.title,
    status: start.status,
    stage,
    open: stage === 'done' ? 0 : 1,
    assignee: start.assignee,
    group: start.group,
    priority: start.priority,
    createdAt,
    updatedAt: facts.updatedAt ?? base?.updatedAt,
    slaDueAt: base?.slaDueAt,
    firstSeenAt: base?.firstSeenAt ?? facts.fetchedAt,
    lastSeenAt: seenAt,
    statusSince: origin,
    // Exact when creation time is known: the first status held from creation.
    statusSinceExact: createdAt !== undefined,
    // DESIGN.md: Zendesk commits at creation; Jira at first entry into In Progress (folded below).
    startedAt: tool === 'zendesk' ? createdAt ?? origin : stage === 'queued' ? undefined : origin,
    doneAt: stage === 'done' ? origin : undefined,
    handoffs: 0,
    assigneeStations: start.assignee ? 1 : 0,
    groupStations: start.group ? 1 : 0,
    reopens: 0,
    assigneeHistory: start.assignee ? [start.assignee] : [],
    groupHistory: start.group ? [start.group] : [],
    lastPageKind: base?.lastPageKind ?? 'unknown',
    viewId: base?.viewId,
    backfilledAt: facts.fetchedAt,
  };
  if (state.title === undefined) delete state.title;
  if (state.viewId === undefined) delete state.viewId;

  for (const t of ordered) {
    // foldTransition updates counters and stage; the field value itself is set here, as ingest does.
    state[t.field] = t.to;
    foldTransition(state, t, overrides);
  }

  // A ticket that reached done with no status event to date it (e.g. audits cut short).
  if (state.stage === 'done' && state.doneAt === undefined && facts.solvedAt !== undefined) state.doneAt = facts.solvedAt;
  if (facts.startedAt !== undefined) state.startedAt = facts.startedAt;
  // A status change observed after the read starts a new visit: the accumulated time no longer applies.
  if (facts.statusSince !== undefined && state.status === facts.current?.status) state.statusSince = facts.statusSince;
  if (facts.reopens !== undefined) state.reopens = facts.reopens;
  if (facts.assigneeStations !== undefined) state.assigneeStations = facts.assigneeStations;
  if (facts.groupStations !== undefined) state.groupStations = facts.groupStations;
  if (facts.slaDueAt === null) delete state.slaDueAt;
  else if (facts.slaDueAt !== undefined) state.slaDueAt = facts.slaDueAt;
  state.assigneeHistory = state.assigneeHistory.slice(-HISTORY_LIMIT);
  state.groupHistory = state.groupHistory.slice(-HISTORY_LIMIT);
  for (const k of ['createdAt', 'updatedAt', 'slaDueAt', 'startedAt', 'doneAt'] as const) {
    if (state[k] === undefined) delete state[k];
  }
  return state;
}
