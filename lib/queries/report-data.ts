import type { QueueLensDb, SnapshotRow } from '../db/database';
import { rollupsFromHistory } from '../db/rollups';
import { computeDashboard, type Dashboard } from '../metrics/dashboard';
import { buildHistoryIndex } from '../metrics/history-index';
import { stageOf, type DailyRollup, type Stage, type TicketState, type Transition } from '../model';
import { DASHBOARD_SCOPE_ALL } from '../model/dashboard-messages';
import { loadHistory } from '../snapshots/take';
import type { Settings } from '../settings/schema';
import { dashboardOptionsFor, overridesForScope } from './dashboard-data';

/**
 * The report page's data: the full history of one scope, loaded once per instance choice
 * (group, assignee and period filter the loaded rows without reading again), and the pure
 * derivations the charts draw.
 */
export interface ReportHistory {
  tickets: TicketState[];
  transitions: Transition[];
  rollups: DailyRollup[];
}

export interface ReportFilters {
  /** A host or `*`. */
  host: string;
  group: string | null;
  assignee: string | null;
  periodWeeks: number;
}

export const PERIODS = [4, 8, 12, 26, 52] as const;
const DAY_MS = 86_400_000;

export function loadReportHistory(database: QueueLensDb, host: string): Promise<ReportHistory> {
  return loadHistory(database, host);
}

/** Groups and assignees to filter by (current values of the loaded tickets), sorted. */
export function filterChoices(history: ReportHistory): { groups: string[]; assignees: string[] } {
  const groups = new Set<string>();
  const assignees = new Set<string>();
  for (const t of history.tickets) {
    if (t.group) groups.add(t.group);
    if (t.assignee) assignees.add(t.assignee);
  }
  const sort = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return { groups: sort(groups), assignees: sort(assignees) };
}

export interface AgingPoint {
  key: string;
  id: string;
  stage: Stage;
  ageMs: number;
}
export interface CfdPoint {
  day: string;
  queued: number;
  active: number;
  waiting: number;
  done: number;
}
export interface CyclePoint {
  key: string;
  doneAt: number;
  cycleMs: number;
}

export interface ReportModel {
  filters: ReportFilters;
  now: number;
  from: number;
  tickets: number;
  transitions: number;
  dashboard: Dashboard;
  aging: AgingPoint[];
  cfd: CfdPoint[];
  cycle: CyclePoint[];
  throughputWeeks: { label: string; value: number }[];
}

/** Tickets whose current group / assignee match the filters, with their transitions and rollups. */
export function filterHistory(history: ReportHistory, filters: ReportFilters): ReportHistory {
  if (filters.group === null && filters.assignee === null) return history;
  const tickets = history.tickets.filter((t) => (filters.group === null || t.group === filters.group) && (filters.assignee === null || t.assignee === filters.assignee));
  const keys = new Set(tickets.map((t) => t.key));
  const transitions = history.transitions.filter((tr) => keys.has(tr.key));
  // Stored rollups are per host; a group or person needs its own, from the same rule ingest uses.
  return { tickets, transitions, rollups: rollupsFromHistory(tickets, transitions) };
}

/** Pure: everything the report draws, for one filter choice. */
export function buildReport(history: ReportHistory, filters: ReportFilters, settings: Settings, now: number): ReportModel {
  const scoped = filterHistory(history, filters);
  const weeks = filters.periodWeeks;
  const overrides = overridesForScope(settings, filters.host);
  const index = buildHistoryIndex(scoped.tickets, scoped.transitions, overrides);
  const dashboard = computeDashboard(
    { index, rollups: scoped.rollups },
    {
      ...dashboardOptionsFor(settings, filters.host, now),
      me: undefined,
      flowWeeks: weeks,
      cycleTimeWindowWeeks: weeks,
      lookbackDays: Math.max(7, weeks * 7),
      listCount: 10,
    },
  );
  const from = now - weeks * 7 * DAY_MS;
  const inHost = (t: TicketState) => filters.host === DASHBOARD_SCOPE_ALL || t.host === filters.host;
  const tickets = scoped.tickets.filter(inHost);
  const aging: AgingPoint[] = tickets
    .filter((t) => t.open === 1 && t.startedAt !== undefined && t.stage !== 'done')
    .map((t) => ({ key: t.key, id: t.id, stage: t.stage, ageMs: Math.max(0, now - t.startedAt!) }))
    .sort((a, b) => a.ageMs - b.ageMs);
  const cycle: CyclePoint[] = tickets
    .filter((t) => t.open === 0 && t.doneAt !== undefined && t.startedAt !== undefined && t.doneAt > dashboard.cycleTime.windowStart && t.doneAt <= now)
    .map((t) => ({ key: t.key, doneAt: t.doneAt!, cycleMs: Math.max(0, t.doneAt! - t.startedAt!) }))
    .sort((a, b) => a.doneAt - b.doneAt);
  return {
    filters,
    now,
    from,
    tickets: tickets.length,
    transitions: scoped.transitions.length,
    dashboard,
    aging,
    cfd: cumulativeFlow(tickets, scoped.transitions, from, now, overrides),
    cycle,
    throughputWeeks: dashboard.flow.weekly.map((w) => ({ label: w.lastDay, value: w.throughput })),
  };
}

const STAGE_INDEX: Record<Stage, number> = { queued: 0, active: 1, waiting: 2, done: 3 };

/**
 * Items per stage at the end of each UTC day from `from` to `now` (the last sample is `now`),
 * from status transitions; before its first status change a ticket is in the status that change
 * left. Done counts only items that finished after the first day (the CFD's baseline is zero).
 */
export function cumulativeFlow(tickets: TicketState[], transitions: Transition[], from: number, now: number, overrides: Record<string, Stage> = {}): CfdPoint[] {
  const firstDay = Math.floor(from / DAY_MS);
  const lastDay = Math.floor(now / DAY_MS);
  const n = lastDay - firstDay + 1;
  if (n <= 0) return [];
  const samples = Array.from({ length: n }, (_, k) => Math.min(now, (firstDay + k + 1) * DAY_MS - 1));
  const diff = [0, 1, 2, 3].map(() => new Int32Array(n + 1));
  // First sample index at or after time t.
  const firstAtOrAfter = (t: number) => {
    if (t <= samples[0]) return 0;
    if (t > samples[n - 1]) return n;
    return Math.min(n, Math.max(0, Math.ceil((t + 1) / DAY_MS) - 1 - firstDay));
  };
  const byKey = new Map<string, Transition[]>();
  for (const tr of transitions) {
    if (tr.field !== 'status') continue;
    const list = byKey.get(tr.key);
    if (list) list.push(tr);
    else byKey.set(tr.key, [tr]);
  }
  for (const t of tickets) {
    const changes = (byKey.get(t.key) ?? []).sort((a, b) => a.at - b.at);
    let at = t.createdAt ?? t.firstSeenAt;
    if (at > now) continue;
    let status = changes.length ? changes[0].from : t.status;
    const add = (s: string | null, start: number, end: number) => {
      const a = firstAtOrAfter(start);
      const b = firstAtOrAfter(end);
      if (a >= b) return;
      const d = diff[STAGE_INDEX[stageOf(t.tool, s, overrides)]];
      d[a] += 1;
      d[b] -= 1;
    };
    for (const ch of changes) {
      add(status, at, ch.at);
      status = ch.to;
      at = ch.at;
    }
    add(status, at, Number.POSITIVE_INFINITY);
  }
  const out: CfdPoint[] = [];
  const run = [0, 0, 0, 0];
  let doneBase = 0;
  for (let k = 0; k < n; k++) {
    for (let s = 0; s < 4; s++) run[s] += diff[s][k];
    if (k === 0) doneBase = run[3];
    out.push({ day: new Date(samples[k]).toISOString().slice(0, 10), queued: run[0], active: run[1], waiting: run[2], done: Math.max(0, run[3] - doneBase) });
  }
  return out;
}

export interface CapacityWeek {
  week: string;
  host: string;
  takenAt: number;
  partial: boolean;
  wip: number | null;
  values: Record<string, number | null>;
}

/** Week-over-week capacity from stored snapshots of one scope, oldest first (what exists). */
export async function capacityHistory(database: QueueLensDb, host: string): Promise<CapacityWeek[]> {
  const rows: SnapshotRow[] = await database.snapshots.where('host').equals(host).toArray();
  return capacityWeeks(rows);
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Change against the week before, for the week-over-week table (null when either is missing). */
export function weekDelta(weeks: CapacityWeek[], i: number, value: (w: CapacityWeek) => number | null): number | null {
  const now = value(weeks[i]);
  const before = i > 0 ? value(weeks[i - 1]) : null;
  return now === null || before === null ? null : now - before;
}

export function capacityWeeks(rows: SnapshotRow[]): CapacityWeek[] {
  return rows
    .map((r) => {
      const data = r.data as { capacity?: Record<string, { current?: unknown }>; partial?: unknown; wip?: unknown } | null;
      if (!data || typeof data !== 'object' || !data.capacity) return undefined;
      const values: Record<string, number | null> = {};
      for (const [k, v] of Object.entries(data.capacity)) values[k] = finite(v?.current);
      return { week: r.week, host: r.host, takenAt: r.takenAt, partial: data.partial === true, wip: finite(data.wip), values };
    })
    .filter((w): w is CapacityWeek => w !== undefined)
    .sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
}
