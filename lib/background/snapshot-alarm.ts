import type { QueueLensDb, SnapshotRow } from '../db/database';
import { pruneHistory, type PruneResult } from '../db/retention';
import { snapshotTimeZone, type Settings } from '../settings/schema';
import { snapshotPlan, weekByLabel, type WeekRule } from '../snapshots/schedule';
import { lastSnapshotWeek, takeWeek } from '../snapshots/take';

export const SNAPSHOT_ALARM = 'queuelens-weekly-snapshot';
export const RETENTION_ALARM = 'queuelens-daily-retention';
const DAY_MINUTES = 24 * 60;

/** The subset of `browser.alarms` used; `fakeBrowser.alarms` in tests. */
export interface AlarmsApi {
  create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }): void | Promise<void>;
  get(name: string): Promise<{ name: string } | undefined | null>;
  onAlarm: { addListener(cb: (alarm: { name: string }) => void): void };
}

export interface SnapshotAlarmDeps {
  database: QueueLensDb;
  alarms: AlarmsApi;
  loadSettings: () => Promise<Settings>;
  now?: () => number;
  log?: (error: unknown) => void;
}

export const weekRuleOf = (settings: Settings): WeekRule => ({ weekStartDay: settings.snapshots.weekStartDay, timeZone: snapshotTimeZone(settings) });

/**
 * Weekly snapshots and daily retention, driven by browser alarms (a service worker cannot keep
 * timers). On start and on every snapshot alarm: take each week that ended without a snapshot
 * (catch-up after the browser was closed), then set the alarm for the end of the current week.
 * Runs are serialised: startup and an alarm firing together must not take a week twice.
 */
export function startSnapshotAlarm(deps: SnapshotAlarmDeps) {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((e) => console.warn('QueueLens snapshots:', e));
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = chain.then(job);
    chain = run.catch(log);
    return run;
  };

  const runDue = () =>
    serial(async (): Promise<SnapshotRow[]> => {
      const settings = await deps.loadSettings();
      const rule = weekRuleOf(settings);
      let last = await lastSnapshotWeek(deps.database);
      // A label the current rule cannot place (week start changed, no W53 this year): start afresh.
      if (last !== undefined && !isPlaceable(last, rule)) last = undefined;
      const plan = snapshotPlan(last, now(), rule);
      const taken: SnapshotRow[] = [];
      for (const week of plan.due) taken.push(...(await takeWeek(deps.database, { week, rule, settings, now: now() })));
      await deps.alarms.create(SNAPSHOT_ALARM, { when: plan.nextAt });
      return taken;
    });

  const runRetention = () =>
    serial(async (): Promise<PruneResult> => {
      const settings = await deps.loadSettings();
      return pruneHistory(deps.database, settings.retentionMonths, now());
    });

  deps.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SNAPSHOT_ALARM) void runDue().catch(() => undefined);
    else if (alarm.name === RETENTION_ALARM) void runRetention().catch(() => undefined);
  });

  const ready = (async () => {
    // Keep an existing daily alarm: re-creating it on every worker start would postpone it forever.
    if (!(await deps.alarms.get(RETENTION_ALARM))) {
      await deps.alarms.create(RETENTION_ALARM, { delayInMinutes: 1, periodInMinutes: DAY_MINUTES });
    }
    await runDue();
  })().catch(log);

  return { ready, runDue, runRetention };
}

function isPlaceable(label: string, rule: WeekRule): boolean {
  try {
    weekByLabel(label, rule);
    return true;
  } catch {
    return false;
  }
}
