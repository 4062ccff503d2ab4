import type { DailyRollup, StageOverrides, TicketState, Transition } from '../model';
import { whereWorkWaits, type WhereWorkWaits } from './bottleneck';
import { capacityCard, hostScope, type CapacityCard } from './capacity';
import {
  cycleTimes,
  dailyFlow,
  netFlowTrend,
  reopenRate,
  rollupColumns,
  weeklyFlow,
  type DayFlow,
  type NetFlowTrend,
  type ReopenRate,
  type WeekFlow,
} from './flow';
import { forecastBacklogClear, forecastItemsBy, type BacklogForecast, type ItemsForecast } from './forecast';
import { handoffSummary, type HandoffSummary } from './handoffs';
import { buildHistoryIndex, type HistoryIndex } from './history-index';
import { paceSummary, stageExitAges, type PaceSummary } from './pace';
import type { Percentiles } from './percentiles';
import { personalView, type PersonalGoals, type PersonalView } from './personal';
import { slaSummary, type SlaOptions, type SlaSummary } from './sla';
import { DAY_MS, WEEK_MS } from './time';
import {
  stalledSummary,
  timeInStatusSummary,
  wipSummary,
  type StalledSummary,
  type StatusTimeSummary,
  type WipSummary,
} from './wip';

/** Stored history as loaded from the database. */
export interface MetricsInput {
  tickets: readonly TicketState[];
  transitions: readonly Transition[];
  rollups: readonly DailyRollup[];
}

/** The same, with the index already built (build it once per load; see buildHistoryIndex). */
export interface IndexedMetricsInput {
  index: HistoryIndex;
  rollups: readonly DailyRollup[];
}

export interface DashboardOptions {
  now: number;
  /** One host only (rollups and tickets); every host when absent. */
  host?: string;
  stageOverrides?: StageOverrides;
  /** Cycle-time and pace window (default 12). */
  cycleTimeWindowWeeks?: number;
  /** Throughput lookback of Little's law, handoffs and forecast samples (default 28). */
  lookbackDays?: number;
  /** Capacity-card period and the week-over-week comparison (default 7). */
  periodDays?: number;
  /** Weeks of weekly flow (default 12) and days of daily flow (default 28). */
  flowWeeks?: number;
  flowDays?: number;
  stalledDays?: number;
  deadDays?: number;
  sla?: Omit<SlaOptions, 'now'>;
  forecast?: { seed?: number; trials?: number; targetDate?: number };
  /** The user, for the personal view. */
  me?: string;
  goals?: PersonalGoals;
  /** The user's time zone (personal goals' days). */
  timeZone?: string;
  /** Length of every ticket list (default 10). */
  listCount?: number;
}

export interface Dashboard {
  now: number;
  tickets: number;
  transitions: number;
  wip: WipSummary;
  timeInStatus: StatusTimeSummary[];
  cycleTime: { windowStart: number; windowEnd: number; percentiles: Percentiles | undefined; meanMs: number | undefined };
  pace: PaceSummary;
  flow: { daily: DayFlow[]; weekly: WeekFlow[]; netFlow: NetFlowTrend; reopenRate: ReopenRate };
  stalled: StalledSummary;
  handoffs: HandoffSummary;
  sla: SlaSummary | undefined;
  whereWorkWaits: WhereWorkWaits;
  capacity: CapacityCard;
  forecast: { backlogClear: BacklogForecast | undefined; itemsBy: ItemsForecast | undefined };
  personal: PersonalView | undefined;
}

/** Everything the popup shows, in one call. */
export function computeDashboard(input: MetricsInput | IndexedMetricsInput, options: DashboardOptions): Dashboard {
  const index = 'index' in input ? input.index : buildHistoryIndex(input.tickets, input.transitions, options.stageOverrides);
  const { now, host } = options;
  const listCount = options.listCount ?? 10;
  const tickets = host === undefined ? undefined : hostScope(index, host);
  const scope = { now, tickets, listCount };
  const cycleTimeWindowMs = (options.cycleTimeWindowWeeks ?? 12) * WEEK_MS;
  const lookbackDays = options.lookbackDays ?? 28;
  const periodDays = options.periodDays ?? 7;
  const rollups = input.rollups;

  const wip = wipSummary(index, { ...scope, oldestCount: listCount });
  const cycle = cycleTimes(index, { now, tickets, windowMs: cycleTimeWindowMs });
  const distributions = stageExitAges(index, { now, windowMs: cycleTimeWindowMs });
  const weekly = weeklyFlow(rollups, { now, host, weeks: options.flowWeeks ?? 12 });
  const sampleDays = rollupColumns(rollups, { now, host, days: lookbackDays + 1 }).throughput.subarray(0, lookbackDays); // whole days only
  const forecastOptions = { now, seed: options.forecast?.seed, trials: options.forecast?.trials };

  return {
    now,
    tickets: tickets ? tickets.length : index.ticketCount,
    transitions: index.transitionCount,
    wip,
    timeInStatus: timeInStatusSummary(index, scope),
    cycleTime: { windowStart: cycle.windowStart, windowEnd: cycle.windowEnd, percentiles: cycle.percentiles, meanMs: cycle.meanMs },
    pace: paceSummary(index, distributions, scope),
    flow: {
      daily: dailyFlow(rollups, { now, host, days: options.flowDays ?? 28 }),
      weekly,
      netFlow: netFlowTrend(weekly),
      reopenRate: reopenRate(rollups, { now, host, periodDays }),
    },
    stalled: stalledSummary(index, { ...scope, stalledDays: options.stalledDays, deadDays: options.deadDays }),
    handoffs: handoffSummary(index, { ...scope, windowMs: lookbackDays * DAY_MS }),
    sla: options.sla ? slaSummary(index, { ...options.sla, ...scope }) : undefined,
    whereWorkWaits: whereWorkWaits(index, { now, tickets, lookbackDays, comparisonDays: periodDays }),
    capacity: capacityCard(index, rollups, { now, periodDays, host }),
    forecast: {
      backlogClear: forecastBacklogClear(sampleDays, wip.wip, forecastOptions),
      itemsBy:
        options.forecast?.targetDate !== undefined ? forecastItemsBy(sampleDays, options.forecast.targetDate, forecastOptions) : undefined,
    },
    personal:
      options.me !== undefined
        ? personalView(index, distributions, {
            now,
            me: options.me,
            goals: options.goals,
            timeZone: options.timeZone,
            sla: options.sla,
            focusCount: listCount,
            stalledDays: options.stalledDays,
            deadDays: options.deadDays,
            cycleTimeWindowMs,
          })
        : undefined,
  };
}
