import type { DailyRollup } from '../model';
import { FIELD_GROUP, forEachInDays, isHandoffSlot, type HistoryIndex } from './history-index';
import { cycleTimes, rollupColumns, sumSlots } from './flow';
import { coefficientOfVariation } from './percentiles';
import { DAY_MS, utcDayNumber } from './time';

/**
 * The capacity card (DESIGN.md), each figure for this period and the one before it. Periods are
 * whole UTC days ending with today (default 7 days), matching the rollups they are read from.
 * - throughput: items reaching done (rollups);
 * - error rate: reopens ÷ solved (rollups);
 * - management load: human handoffs per resolved item (rollups), and escalations (human group
 *   changes, from transitions) per resolved item;
 * - predictability: cycle-time P85 ÷ P50 of items done in the period, and the coefficient of
 *   variation of daily throughput over the period.
 */
export type TrendDirection = 'up' | 'down' | 'flat' | 'unknown';

export interface Trend {
  current: number | undefined;
  previous: number | undefined;
  /** current − previous */
  change: number | undefined;
  /** 'flat' when within 5 % of the previous value. */
  direction: TrendDirection;
  /** Whether the change is for the better (throughput up; the others down). */
  improving: boolean | undefined;
}

export function trendOf(current: number | undefined, previous: number | undefined, higherIsBetter: boolean): Trend {
  if (current === undefined || previous === undefined) {
    return { current, previous, change: undefined, direction: 'unknown', improving: undefined };
  }
  const change = current - previous;
  const flat = Math.abs(change) <= 0.05 * Math.abs(previous) || change === 0;
  const direction: TrendDirection = flat ? 'flat' : change > 0 ? 'up' : 'down';
  return { current, previous, change, direction, improving: flat ? undefined : change > 0 === higherIsBetter };
}

export interface CapacityCard {
  periodDays: number;
  throughput: Trend;
  errorRate: Trend;
  handoffsPerResolved: Trend;
  escalationsPerResolved: Trend;
  cycleTimeP85ToP50: Trend;
  throughputVariation: Trend;
}

export interface CapacityOptions {
  now: number;
  periodDays?: number;
  /** Only this host's rollups and tickets. */
  host?: string;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : undefined);

/** Human group changes in [from, to), walking only the tail of recently changed tickets. */
export function countEscalations(index: HistoryIndex, from: number, to: number, host?: string): number {
  let escalations = 0;
  forEachInDays(index.lastChangeByDay, from - 1, Infinity, (i) => {
    if (host !== undefined && index.tickets[i].host !== host) return;
    for (let s = index.transitionStart[i + 1] - 1; s >= index.transitionStart[i]; s--) {
      const at = index.at[s];
      if (at < from) break;
      if (at < to && index.field[s] === FIELD_GROUP && isHandoffSlot(index, s)) escalations++;
    }
  });
  return escalations;
}

export function capacityCard(index: HistoryIndex, rollups: readonly DailyRollup[], options: CapacityOptions): CapacityCard {
  const periodDays = options.periodDays ?? 7;
  const columns = rollupColumns(rollups, { now: options.now, host: options.host, days: 2 * periodDays });
  const previousSlots: [number, number] = [0, periodDays];
  const currentSlots: [number, number] = [periodDays, 2 * periodDays];
  const sums = (slots: [number, number]) => ({
    throughput: sumSlots(columns.throughput, ...slots),
    reopens: sumSlots(columns.reopens, ...slots),
    handoffs: sumSlots(columns.handoffs, ...slots),
  });
  const current = sums(currentSlots);
  const previous = sums(previousSlots);

  const todayEnd = (utcDayNumber(options.now) + 1) * DAY_MS;
  const currentStart = todayEnd - periodDays * DAY_MS;
  const previousStart = currentStart - periodDays * DAY_MS;
  const hostTickets = options.host === undefined ? undefined : hostScope(index, options.host);
  const escalationsCurrent = countEscalations(index, currentStart, todayEnd, options.host);
  const escalationsPrevious = countEscalations(index, previousStart, currentStart, options.host);

  const spread = (windowEnd: number) => {
    const p = cycleTimes(index, { now: options.now, windowEnd, windowMs: periodDays * DAY_MS, tickets: hostTickets }).percentiles;
    return p && p.p50 > 0 ? p.p85 / p.p50 : undefined;
  };
  const variation = (slots: [number, number]) => coefficientOfVariation(columns.throughput.subarray(...slots));

  return {
    periodDays,
    throughput: trendOf(current.throughput, previous.throughput, true),
    errorRate: trendOf(ratio(current.reopens, current.throughput), ratio(previous.reopens, previous.throughput), false),
    handoffsPerResolved: trendOf(ratio(current.handoffs, current.throughput), ratio(previous.handoffs, previous.throughput), false),
    escalationsPerResolved: trendOf(
      ratio(escalationsCurrent, current.throughput),
      ratio(escalationsPrevious, previous.throughput),
      false,
    ),
    cycleTimeP85ToP50: trendOf(spread(todayEnd - 1), spread(currentStart - 1), false),
    throughputVariation: trendOf(variation(currentSlots), variation(previousSlots), false),
  };
}

export function hostScope(index: HistoryIndex, host: string): Int32Array {
  const chosen: number[] = [];
  for (let i = 0; i < index.ticketCount; i++) if (index.tickets[i].host === host) chosen.push(i);
  return Int32Array.from(chosen);
}
