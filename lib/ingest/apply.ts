import {
  dayOf,
  stageOf,
  transitionId,
  TRACKED_FIELDS,
  type Observation,
  type StageOverrides,
  type TicketState,
  type Transition,
} from '../model';
import { rollupDeltaOfTransition, type RollupDelta } from '../db/rollups';
import { isHandoff } from './handoffs';

export interface ApplyResult {
  state: TicketState;
  transitions: Transition[];
  rollups: RollupDelta[];
}

const HISTORY_LIMIT = 200;

/**
 * Folds one observation into a ticket's state. Pure: the same (state, observation) always gives
 * the same result, and an observation no newer than the state's last sighting changes nothing —
 * which is what makes ingest idempotent across replays and across tabs.
 */
export function applyObservation(
  prev: TicketState | undefined,
  obs: Observation,
  overrides: StageOverrides = {},
): ApplyResult | undefined {
  if (prev && obs.seenAt <= prev.lastSeenAt) return undefined;
  return prev ? applyToKnown(prev, obs, overrides) : firstSighting(obs, overrides);
}

function firstSighting(obs: Observation, overrides: StageOverrides): ApplyResult {
  const status = obs.status ?? null;
  const stage = stageOf(obs.tool, status, overrides);
  // A `new` ticket has been in its status since creation; otherwise we only know a lower bound.
  const statusSinceExact = stage === 'queued' && obs.createdAt !== undefined && obs.tool === 'zendesk';
  const statusSince = statusSinceExact ? obs.createdAt! : obs.updatedAt ?? obs.seenAt;
  const assignee = obs.assignee ?? null;
  const group = obs.group ?? null;
  const state: TicketState = {
    key: obs.key,
    tool: obs.tool,
    host: obs.host,
    id: obs.id,
    title: obs.title,
    status,
    stage,
    open: stage === 'done' ? 0 : 1,
    assignee,
    group,
    priority: obs.priority ?? null,
    createdAt: obs.createdAt,
    updatedAt: obs.updatedAt,
    slaDueAt: obs.slaDueAt,
    firstSeenAt: obs.seenAt,
    lastSeenAt: obs.seenAt,
    statusSince: Math.min(statusSince, obs.seenAt),
    statusSinceExact,
    startedAt: commitmentAtFirstSight(obs, stage),
    doneAt: stage === 'done' ? obs.updatedAt : undefined,
    handoffs: 0,
    assigneeStations: assignee ? 1 : 0,
    groupStations: group ? 1 : 0,
    reopens: 0,
    assigneeHistory: assignee ? [assignee] : [],
    groupHistory: group ? [group] : [],
    lastPageKind: obs.pageKind,
    viewId: obs.viewId,
  };
  const rollups: RollupDelta[] = obs.createdAt
    ? [{ host: obs.host, day: dayOf(obs.createdAt), arrivals: 1, throughput: 0, reopens: 0, handoffs: 0 }]
    : [];
  return { state, transitions: [], rollups };
}

/**
 * Zendesk's commitment point is creation. Jira's is the first entry into an In Progress-category
 * status; seen for the first time already past it, creation is the best bound we have until the
 * changelog backfill supplies the exact moment.
 */
function commitmentAtFirstSight(obs: Observation, stage: TicketState['stage']): number | undefined {
  if (obs.tool === 'zendesk') return obs.createdAt ?? obs.seenAt;
  if (stage === 'queued') return undefined;
  return obs.createdAt ?? obs.seenAt;
}

function applyToKnown(prev: TicketState, obs: Observation, overrides: StageOverrides): ApplyResult {
  const state: TicketState = { ...prev, lastSeenAt: obs.seenAt, lastPageKind: obs.pageKind };
  if (obs.viewId !== undefined) state.viewId = obs.viewId;
  if (obs.title !== undefined) state.title = obs.title;
  if (obs.createdAt !== undefined) state.createdAt = obs.createdAt;
  if (obs.updatedAt !== undefined) state.updatedAt = obs.updatedAt;
  if (obs.slaDueAt !== undefined) state.slaDueAt = obs.slaDueAt;

  // The change happened after the previous sighting and no later than this one.
  const earliest = prev.lastSeenAt;
  const latest = obs.seenAt;
  const at = obs.updatedAt !== undefined && obs.updatedAt > earliest && obs.updatedAt <= latest ? obs.updatedAt : latest;

  const transitions: Transition[] = [];
  for (const field of TRACKED_FIELDS) {
    const shown = obs[field];
    if (shown === undefined) continue; // not on this page: nothing learned
    const before = prev[field];
    if (shown === before) continue;
    const t: Transition = {
      id: '',
      key: prev.key,
      field,
      from: before,
      to: shown,
      at,
      earliest,
      latest,
      source: 'observed',
    };
    t.id = transitionId(t);
    transitions.push(t);
    state[field] = shown;
  }

  const rollups: RollupDelta[] = [];
  for (const t of transitions) {
    foldTransition(state, t, overrides);
    const delta = rollupDeltaOfTransition(t, state.host, state.tool);
    if (delta) rollups.push(delta);
  }
  return { state, transitions, rollups };
}

/** Updates the counters and timestamps a transition implies. Shared with the API backfill. */
export function foldTransition(state: TicketState, t: Transition, overrides: StageOverrides = {}): void {
  if (t.field === 'status') {
    const stage = stageOf(state.tool, t.to, overrides);
    const wasDone = state.stage === 'done';
    state.stage = stage;
    state.open = stage === 'done' ? 0 : 1;
    state.statusSince = t.at;
    state.statusSinceExact = t.source === 'api';
    if (stage === 'done' && !wasDone) state.doneAt = t.at;
    if (wasDone && stage !== 'done') {
      state.reopens += 1;
      state.doneAt = undefined;
    }
    if (state.startedAt === undefined && (stage === 'active' || stage === 'waiting' || stage === 'done')) {
      state.startedAt = t.at;
    }
    return;
  }
  if (t.field === 'assignee' || t.field === 'group') {
    if (isHandoff(t)) state.handoffs += 1;
    const history = t.field === 'assignee' ? state.assigneeHistory : state.groupHistory;
    if (t.to !== null) {
      if (t.field === 'assignee') state.assigneeStations += 1;
      else state.groupStations += 1;
      const next = [...history.filter((h) => h !== t.to), t.to].slice(-HISTORY_LIMIT);
      if (t.field === 'assignee') state.assigneeHistory = next;
      else state.groupHistory = next;
    }
  }
}
