import type { QueueLensDb, DashboardRow } from '../db/database';
import { hostScope } from '../metrics/capacity';
import { computeDashboard, type Dashboard, type DashboardOptions } from '../metrics/dashboard';
import { STAGES, type HistoryIndex } from '../metrics/history-index';
import { isWipAt } from '../metrics/wip';
import type { DailyRollup, Stage, StageOverrides } from '../model';
import { DASHBOARD_SCOPE_ALL } from '../model/dashboard-messages';
import { slaOptionsFor } from '../snapshots/metrics';
import { stageOverridesFor, type Settings } from '../settings/schema';

/**
 * What the background stores per scope in `dashboards` and the popup reads: the engine's
 * `Dashboard` as is, plus the few per-item figures the popup draws that the dashboard only keeps
 * as percentiles (the WIP age strip). Plain values only (structured clone into IndexedDB).
 */
export const DASHBOARD_DATA_VERSION = 1 as const;
/** WIP ages kept for the popup's strip chart; more are sampled evenly (the percentiles stay exact). */
export const MAX_WIP_AGES = 400;

export interface WipAge {
  stage: Stage;
  ageMs: number;
}

export interface DashboardData {
  version: typeof DASHBOARD_DATA_VERSION;
  scope: string;
  dashboard: Dashboard;
  /** WIP items' ages, ascending; sampled evenly when there are more than MAX_WIP_AGES. */
  wipAges: WipAge[];
  wipAgesSampled: boolean;
  /** The name `personal` was computed for (settings.team.me's member name), or null. */
  me: string | null;
}

/** The name the host tools show for settings.team.me, or null when "me" is not set. */
export function myName(settings: Settings): string | null {
  const me = settings.team.me;
  if (me === null) return null;
  return settings.team.members.find((m) => m.id === me)?.name ?? null;
}

/** Stage overrides of a scope: one host's, or every instance's merged for `*`. */
export function overridesForScope(settings: Settings, scope: string): StageOverrides {
  return scope === DASHBOARD_SCOPE_ALL ? Object.assign({}, ...settings.instances.map((i) => i.stageMap)) : stageOverridesFor(settings, scope);
}

/** The engine options the popup's dashboard is computed with; the e2e check uses the same. */
export function dashboardOptionsFor(settings: Settings, scope: string, now: number, timeZone = localTimeZone()): DashboardOptions {
  const host = scope === DASHBOARD_SCOPE_ALL ? undefined : scope;
  const me = myName(settings);
  return {
    now,
    host,
    stageOverrides: overridesForScope(settings, scope),
    stalledDays: settings.stalledDays,
    sla: slaOptionsFor(settings, host),
    me: me ?? undefined,
    goals: { daily: settings.goals.closedPerDay ?? 0, weekly: settings.goals.closedPerWeek ?? 0 },
    timeZone,
    flowWeeks: 12,
    forecast: { seed: 1 },
  };
}

export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** WIP ages of a scope from the index (the same rule as wipSummary: started, not done). */
export function wipAgesOf(index: HistoryIndex, now: number, host?: string): { ages: WipAge[]; sampled: boolean } {
  const scope = host === undefined ? undefined : new Set(hostScope(index, host));
  const all: WipAge[] = [];
  for (const i of index.openTickets) {
    if (scope && !scope.has(i)) continue;
    if (!isWipAt(index, i)) continue;
    all.push({ stage: STAGES[index.stage[i]], ageMs: Math.max(0, now - index.startedAt[i]) });
  }
  all.sort((a, b) => a.ageMs - b.ageMs);
  if (all.length <= MAX_WIP_AGES) return { ages: all, sampled: false };
  const step = (all.length - 1) / (MAX_WIP_AGES - 1);
  const ages: WipAge[] = [];
  for (let k = 0; k < MAX_WIP_AGES; k++) ages.push(all[Math.round(k * step)]);
  return { ages, sampled: true };
}

/** Pure: the stored data of one scope, from an index built once for every scope. */
export function buildDashboardData(
  index: HistoryIndex,
  rollups: readonly DailyRollup[],
  settings: Settings,
  scope: string,
  now: number,
  timeZone?: string,
): DashboardData {
  const options = dashboardOptionsFor(settings, scope, now, timeZone);
  const dashboard = computeDashboard({ index, rollups }, options);
  const { ages, sampled } = wipAgesOf(index, now, options.host);
  return { version: DASHBOARD_DATA_VERSION, scope, dashboard, wipAges: ages, wipAgesSampled: sampled, me: options.me ?? null };
}

/** The stored row's data when it has the shape this build understands. */
export function readDashboardData(row: DashboardRow | undefined): DashboardData | undefined {
  const data = row?.data as Partial<DashboardData> | undefined;
  if (!data || data.version !== DASHBOARD_DATA_VERSION || !data.dashboard) return undefined;
  return data as DashboardData;
}

/** One indexed read: what the popup shows below the first-glance tiles. */
export async function storedDashboard(database: QueueLensDb, scope: string): Promise<{ computedAt: number; data: DashboardData } | null> {
  const row = await database.dashboards.get(scope);
  const data = readDashboardData(row);
  return row && data ? { computedAt: row.computedAt, data } : null;
}
