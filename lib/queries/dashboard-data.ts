import { hostScope } from '../metrics/capacity';
import { computeDashboard, type Dashboard, type DashboardOptions } from '../metrics/dashboard';
import { STAGES, type HistoryIndex } from '../metrics/history-index';
import { isWipAt } from '../metrics/wip';
import type { DailyRollup, Stage, StageOverrides } from '../model';
import { DASHBOARD_SCOPE_ALL } from '../model/dashboard-messages';
import { slaOptionsFor } from '../snapshots/metrics';
import { stageOverridesFor, type Settings } from '../settings/schema';
import { DASHBOARD_DATA_VERSION, MAX_WIP_AGES, myName, type DashboardData, type WipAge } from './stored-dashboard';

export { DASHBOARD_DATA_VERSION, MAX_WIP_AGES, myName, readDashboardData, storedDashboard, type DashboardData, type WipAge } from './stored-dashboard';

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

