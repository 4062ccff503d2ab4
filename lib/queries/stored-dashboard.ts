import type { DashboardRow, QueueLensDb } from '../db/database';
import type { Dashboard } from '../metrics/dashboard';
import type { Stage } from '../model';
import type { Settings } from '../settings/schema';

// The read side of precomputed dashboards: what the popup needs, without the metrics engine
// (lib/queries/dashboard-data.ts computes them in the background).

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

/** A stored dashboard this much older than the latest sighting is refreshed when the popup opens. */
export const STALE_MS = 2 * 60_000;
/** Ages, "today" and trailing windows move on without new data: recompute at least this often when looked at. */
export const DRIFT_MS = 30 * 60_000;

/**
 * Whether the popup should ask the background for a fresh dashboard. A full recompute reads the
 * whole history (seconds over a year of it), so it is asked for only when the stored one is
 * missing, computed for another "me", older than the latest sighting by STALE_MS, or DRIFT_MS old.
 */
export function dashboardNeedsRefresh(
  stored: { computedAt: number; data: Pick<DashboardData, 'me'> } | null,
  context: { now: number; me: string | null; lastSeenAt?: number },
): boolean {
  if (stored === null || stored.data.me !== context.me) return true;
  const age = context.now - stored.computedAt;
  if (age > DRIFT_MS) return true;
  return age > STALE_MS && (context.lastSeenAt ?? 0) > stored.computedAt;
}
