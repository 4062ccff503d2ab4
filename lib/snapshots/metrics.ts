import { computeDashboard, type Dashboard, type DashboardOptions, type MetricsInput } from '../metrics/dashboard';
import type { BusinessCalendar as MetricsCalendar } from '../metrics/business-hours';
import type { SlaOptions, SlaPolicy as MetricsPolicy } from '../metrics/sla';
import type { Settings } from '../settings/schema';
import { instanceForHost } from '../settings/schema';

/**
 * The one place snapshots call the metrics engine, so a change in its API touches one function.
 * A snapshot describes one week: the capacity period, the throughput lookback of "where work
 * waits" and the handoff window are all 7 days ending at `asOf` (the engine's 7-day blocks end on
 * a UTC day, so they can be a few hours off a local week boundary).
 */
export function weekDashboard(input: MetricsInput, options: { asOf: number; host?: string; settings: Settings; stageOverrides: DashboardOptions['stageOverrides'] }): Dashboard {
  return computeDashboard(input, {
    now: options.asOf,
    host: options.host,
    stageOverrides: options.stageOverrides,
    periodDays: 7,
    lookbackDays: 7,
    flowWeeks: 2,
    flowDays: 7,
    stalledDays: options.settings.stalledDays,
    sla: slaOptionsFor(options.settings, options.host),
    listCount: 20,
  });
}

/**
 * Settings' SLA policies in the engine's terms. The engine takes one calendar per run: the first
 * calendar a business-hours policy names is used (one calendar per team is the common case).
 * With no policies there is still the host's own SLA (slaDueAt), so options are always given.
 */
export function slaOptionsFor(settings: Settings, host: string | undefined): Omit<SlaOptions, 'now'> {
  const inst = host ? instanceForHost(settings, host) : undefined;
  const applicable = settings.sla.policies.filter((p) => p.instanceId === undefined || (inst && p.instanceId === inst.id));
  const calendarId = applicable.find((p) => p.hours === 'business')?.calendarId;
  const cal = settings.sla.calendars.find((c) => c.id === calendarId);
  const calendar: MetricsCalendar | undefined = cal && {
    timeZone: cal.timeZone,
    weeklyHours: Object.fromEntries(Object.entries(cal.weekly).map(([day, list]) => [day, list.map((i) => [i.start, i.end] as const)])),
    holidays: cal.holidays,
  };
  const minutes = (m: number | undefined) => (m === undefined ? undefined : m * 60_000);
  const policies: MetricsPolicy[] = applicable.map((p) => ({
    priority: p.priority,
    firstReplyMs: minutes(p.firstReplyMinutes),
    nextReplyMs: minutes(p.nextReplyMinutes),
    resolutionMs: minutes(p.resolutionMinutes),
    businessHours: p.hours === 'business',
  }));
  return { policies, calendar, atRiskShare: settings.sla.atRiskShare };
}
