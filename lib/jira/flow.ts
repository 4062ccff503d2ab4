import type { Transition } from '../model/transition';
import { stageOf, stageOfJiraCategory, type Stage, type StageOverrides } from '../model/stages';
import type { BoardConfiguration, JiraStatus } from './api/schemas';

/**
 * Flow measures from exact (API) status history: time in column accumulated across revisits
 * (Jira's own "days in column" rule), and the commitment point for cycle time.
 */

export type JiraCategory = 'new' | 'indeterminate' | 'done';

/** Status name → board column name, from the board configuration (columns list status ids). */
export function columnOfStatusFromBoard(config: BoardConfiguration, statusById: ReadonlyMap<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const column of config.columnConfig.columns) {
    for (const { id } of column.statuses) {
      const name = statusById.get(id);
      if (name) map.set(name, column.name);
    }
  }
  return map;
}

/** Status name → category key; "undefined" (No Category) is left out. */
export function categoryOfStatusName(statuses: readonly JiraStatus[]): Map<string, JiraCategory> {
  const map = new Map<string, JiraCategory>();
  for (const s of statuses) {
    const key = s.statusCategory?.key;
    if (key === 'new' || key === 'indeterminate' || key === 'done') map.set(s.name, key);
  }
  return map;
}

/** Status name → canonical stage, through the model's category rule. */
export function stageOfStatusName(statuses: readonly JiraStatus[]): Map<string, Stage> {
  return new Map([...categoryOfStatusName(statuses)].map(([name, category]) => [name, stageOfJiraCategory(category)]));
}

/** Names that must never become object keys (prototype pollution through a status name). */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Stage overrides (lower-cased status → stage) from the instance's status categories: the
 * category decides, except that an In Progress-category status the defaults call `waiting`
 * ("Waiting for customer") stays waiting — a category cannot tell waiting from working.
 */
export function stageOverridesFromStatuses(statuses: readonly JiraStatus[]): StageOverrides {
  const out: StageOverrides = {};
  for (const [name, stage] of stageOfStatusName(statuses)) {
    const key = name.trim().toLowerCase();
    if (RESERVED.has(key)) continue;
    out[key] = stage === 'active' && stageOf('jira', name) === 'waiting' ? 'waiting' : stage;
  }
  return out;
}

const statusChanges = (transitions: readonly Transition[]) =>
  transitions.filter((t) => t.field === 'status').sort((a, b) => a.at - b.at);

/** A map lookup that also tries the lower-cased name (board and history spell statuses alike, mostly). */
function lookup<V>(map: ReadonlyMap<string, V>, status: string | null): V | undefined {
  if (status === null) return undefined;
  return map.get(status) ?? map.get(status.toLowerCase());
}

interface Visit {
  column: string;
  from: number;
  to: number;
}

/**
 * Consecutive stretches of time per column. Moving between two statuses of one column is one
 * visit. Before the first change the issue sat in the first change's `from` status, counted
 * from `createdAt` when known. Statuses not on the board are not in any column (not counted).
 */
function visits(transitions: readonly Transition[], columnOfStatus: ReadonlyMap<string, string>, now: number, createdAt?: number): Visit[] {
  const changes = statusChanges(transitions);
  const out: Visit[] = [];
  const push = (status: string | null, from: number, to: number) => {
    const column = lookup(columnOfStatus, status);
    if (!column || to <= from) return;
    const last = out[out.length - 1];
    if (last && last.column === column && last.to === from) last.to = to;
    else out.push({ column, from, to });
  };
  if (changes.length && createdAt !== undefined) push(changes[0].from, createdAt, changes[0].at);
  changes.forEach((t, i) => push(t.to, t.at, i + 1 < changes.length ? changes[i + 1].at : now));
  return out;
}

/** Milliseconds spent in each board column, accumulated across revisits (Jira's rule). */
export function timeInColumnAccumulated(
  transitions: readonly Transition[],
  columnOfStatus: ReadonlyMap<string, string>,
  now: number,
  createdAt?: number,
): Map<string, number> {
  const total = new Map<string, number>();
  for (const v of visits(transitions, columnOfStatus, now, createdAt)) total.set(v.column, (total.get(v.column) ?? 0) + (v.to - v.from));
  return total;
}

/** The column the issue is in now: accumulated time there and the length of the current visit. */
export function currentColumnTime(
  transitions: readonly Transition[],
  columnOfStatus: ReadonlyMap<string, string>,
  now: number,
  createdAt?: number,
): { column: string; accumulatedMs: number; currentVisitMs: number } | undefined {
  const all = visits(transitions, columnOfStatus, now, createdAt);
  const last = all[all.length - 1];
  if (!last || last.to !== now) return undefined;
  const accumulatedMs = all.filter((v) => v.column === last.column).reduce((sum, v) => sum + (v.to - v.from), 0);
  return { column: last.column, accumulatedMs, currentVisitMs: now - last.from };
}

/**
 * Commitment point: the first entry into an In Progress-category status. Moving back to To Do
 * later does not reset it (cycle time counts from first commitment).
 */
export function commitmentPoint(transitions: readonly Transition[], categoryOf: ReadonlyMap<string, JiraCategory>): number | undefined {
  return statusChanges(transitions).find((t) => lookup(categoryOf, t.to) === 'indeterminate')?.at;
}

/**
 * Cycle time: from first commitment to the latest entry into Done, when the issue is done
 * now. A reopened and re-done issue's later time counts too (DESIGN.md, Cycle time).
 */
export function cycleTime(
  transitions: readonly Transition[],
  categoryOf: ReadonlyMap<string, JiraCategory>,
): { startedAt?: number; doneAt?: number; cycleMs?: number } {
  const changes = statusChanges(transitions);
  const startedAt = commitmentPoint(changes, categoryOf);
  const last = changes[changes.length - 1];
  const doneAt = last && lookup(categoryOf, last.to) === 'done' ? doneEntryOf(changes, categoryOf) : undefined;
  return {
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(doneAt !== undefined ? { doneAt } : {}),
    ...(startedAt !== undefined && doneAt !== undefined ? { cycleMs: doneAt - startedAt } : {}),
  };
}

/** When the issue last entered the Done category (done → done moves keep the first entry). */
function doneEntryOf(changes: readonly Transition[], categoryOf: ReadonlyMap<string, JiraCategory>): number | undefined {
  let entry: number | undefined;
  for (const t of changes) {
    if (lookup(categoryOf, t.to) !== 'done') entry = undefined;
    else if (entry === undefined || lookup(categoryOf, t.from) !== 'done') entry = t.at;
  }
  return entry;
}
