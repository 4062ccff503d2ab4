import type { DailyRollup } from '../model';
import { ageOriginOf, forEachInDays, type HistoryIndex } from './history-index';
import { sortedValues, standardPercentiles, mean, type Percentiles } from './percentiles';
import { WEEK_MS, dayNumberOf, dayStringOf, utcDayNumber } from './time';

/**
 * Throughput, arrivals, net flow and reopens come from DailyRollup rows (maintained at ingest),
 * never from a rescan of transitions: a year is 365 rows per host.
 * Days are UTC days, as the rollups are. A "week" is a trailing 7-day block ending with the day
 * holding `now` (so this week is never a partial calendar week); DESIGN.md does not fix this.
 */
export interface DayFlow {
  day: string;
  arrivals: number;
  throughput: number;
  reopens: number;
  handoffs: number;
  /** arrivals − throughput */
  netFlow: number;
}

export interface WeekFlow extends Omit<DayFlow, 'day'> {
  /** First and last UTC day of the block. */
  firstDay: string;
  lastDay: string;
}

export interface FlowWindow {
  now: number;
  /** Only rows of this host; all hosts when absent. */
  host?: string;
}

/** Columns of rollup counts for the `days` UTC days ending with now's day (oldest first). */
export interface FlowColumns {
  firstDayNumber: number;
  arrivals: Int32Array;
  throughput: Int32Array;
  reopens: Int32Array;
  handoffs: Int32Array;
}

export function rollupColumns(rollups: readonly DailyRollup[], window: FlowWindow & { days: number }): FlowColumns {
  const lastDayNumber = utcDayNumber(window.now);
  const firstDayNumber = lastDayNumber - window.days + 1;
  const columns: FlowColumns = {
    firstDayNumber,
    arrivals: new Int32Array(window.days),
    throughput: new Int32Array(window.days),
    reopens: new Int32Array(window.days),
    handoffs: new Int32Array(window.days),
  };
  for (const row of rollups) {
    if (window.host !== undefined && row.host !== window.host) continue;
    const slot = dayNumberOf(row.day) - firstDayNumber;
    if (slot < 0 || slot >= window.days) continue;
    columns.arrivals[slot] += row.arrivals;
    columns.throughput[slot] += row.throughput;
    columns.reopens[slot] += row.reopens;
    columns.handoffs[slot] += row.handoffs;
  }
  return columns;
}

/** Sum of a column over slots [from, to). */
export function sumSlots(column: Int32Array, from: number, to: number): number {
  let sum = 0;
  for (let s = Math.max(0, from); s < Math.min(column.length, to); s++) sum += column[s];
  return sum;
}

export function dailyFlow(rollups: readonly DailyRollup[], window: FlowWindow & { days?: number }): DayFlow[] {
  const days = window.days ?? 28;
  const c = rollupColumns(rollups, { ...window, days });
  const out: DayFlow[] = [];
  for (let s = 0; s < days; s++) {
    out.push({
      day: dayStringOf(c.firstDayNumber + s),
      arrivals: c.arrivals[s],
      throughput: c.throughput[s],
      reopens: c.reopens[s],
      handoffs: c.handoffs[s],
      netFlow: c.arrivals[s] - c.throughput[s],
    });
  }
  return out;
}

export function weeklyFlow(rollups: readonly DailyRollup[], window: FlowWindow & { weeks?: number }): WeekFlow[] {
  const weeks = window.weeks ?? 12;
  const c = rollupColumns(rollups, { ...window, days: weeks * 7 });
  const out: WeekFlow[] = [];
  for (let w = 0; w < weeks; w++) {
    const from = w * 7;
    const arrivals = sumSlots(c.arrivals, from, from + 7);
    const throughput = sumSlots(c.throughput, from, from + 7);
    out.push({
      firstDay: dayStringOf(c.firstDayNumber + from),
      lastDay: dayStringOf(c.firstDayNumber + from + 6),
      arrivals,
      throughput,
      reopens: sumSlots(c.reopens, from, from + 7),
      handoffs: sumSlots(c.handoffs, from, from + 7),
      netFlow: arrivals - throughput,
    });
  }
  return out;
}

export interface NetFlowTrend {
  /** Consecutive most recent weeks with positive net flow. */
  growingWeeks: number;
  /** DESIGN.md: positive "for weeks" = backlog growing; here: two or more weeks running. */
  backlogGrowing: boolean;
}

export function netFlowTrend(weeks: readonly WeekFlow[], minimumWeeks = 2): NetFlowTrend {
  let growingWeeks = 0;
  for (let w = weeks.length - 1; w >= 0 && weeks[w].netFlow > 0; w--) growingWeeks++;
  return { growingWeeks, backlogGrowing: growingWeeks >= minimumWeeks };
}

export interface ReopenRate {
  reopens: number;
  solved: number;
  /** reopens ÷ solved in the period; undefined when nothing was solved. */
  rate: number | undefined;
}

/** Reopened ÷ solved over the `periodDays` days ending with now's day (both counted by rollups). */
export function reopenRate(rollups: readonly DailyRollup[], window: FlowWindow & { periodDays?: number }): ReopenRate {
  const c = rollupColumns(rollups, { ...window, days: window.periodDays ?? 7 });
  const reopens = sumSlots(c.reopens, 0, c.reopens.length);
  const solved = sumSlots(c.throughput, 0, c.throughput.length);
  return { reopens, solved, rate: solved > 0 ? reopens / solved : undefined };
}

export interface CycleTimeResult {
  windowStart: number;
  windowEnd: number;
  /** Ascending cycle times (ms) of items done in the window. */
  samples: Float64Array;
  percentiles: Percentiles | undefined;
  meanMs: number | undefined;
}

export interface CycleTimeOptions {
  now: number;
  /** Trailing window; default 12 weeks (DESIGN.md). */
  windowMs?: number;
  /** Only these ticket indices (personal view); all when absent. */
  tickets?: Int32Array;
  /** Window end, when it is not `now` (previous period of a trend). */
  windowEnd?: number;
}

/**
 * Cycle time = done − start for items that are done now and reached done in the window.
 * A reopened ticket counts once, from its start to its last done (its later time counts too);
 * a ticket reopened and not yet done again is not a sample.
 */
export function cycleTimes(index: HistoryIndex, options: CycleTimeOptions): CycleTimeResult {
  const windowEnd = options.windowEnd ?? options.now;
  const windowStart = windowEnd - (options.windowMs ?? 12 * WEEK_MS);
  const samples: number[] = [];
  const visit = (i: number) => {
    const done = index.doneAt[i];
    if (!(done > windowStart && done <= windowEnd)) return; // NaN fails too
    samples.push(Math.max(0, done - ageOriginOf(index, i)));
  };
  if (options.tickets) for (const i of options.tickets) visit(i);
  else forEachInDays(index.doneByDay, windowStart, windowEnd, visit);
  const sorted = sortedValues(samples);
  return { windowStart, windowEnd, samples: sorted, percentiles: standardPercentiles(sorted), meanMs: mean(sorted) };
}

/** Daily throughput counted from ticket states (personal view: rollups are not per person). */
export function doneCountsByDay(index: HistoryIndex, tickets: Int32Array, now: number, days: number): Int32Array {
  const counts = new Int32Array(days);
  const firstDayNumber = utcDayNumber(now) - days + 1;
  for (const i of tickets) {
    const done = index.doneAt[i];
    if (Number.isNaN(done)) continue;
    const slot = utcDayNumber(done) - firstDayNumber;
    if (slot >= 0 && slot < days) counts[slot]++;
  }
  return counts;
}

