import { mulberry32, randomIndex } from './random';
import { percentileOfSorted } from './percentiles';
import { dayStringOf, utcDayNumber } from './time';

/**
 * Monte Carlo forecasts over daily throughput samples (DESIGN.md): each trial replays the future
 * one day at a time, drawing that day's throughput from the observed days (weekends included, so
 * the calendar's rhythm is kept). Deterministic for a given seed.
 * Assumes the backlog is worked before anything that arrives later (no new work jumps ahead)
 * and that recent throughput continues.
 */
export interface ForecastOptions {
  now: number;
  seed?: number;
  /** Default 2000. */
  trials?: number;
  /** Give up after this many days (default 3 years). */
  maxDays?: number;
}

export interface BacklogForecast {
  backlog: number;
  trials: number;
  /** Days from today (day 1 = tomorrow) by which half / 85 % of trials cleared the backlog. */
  p50Days: number;
  p85Days: number;
  /** UTC dates (YYYY-MM-DD) of those days. */
  p50Date: string;
  p85Date: string;
}

export function forecastBacklogClear(
  dailyThroughput: ArrayLike<number>,
  backlog: number,
  options: ForecastOptions,
): BacklogForecast | undefined {
  const trials = options.trials ?? 2000;
  const maxDays = options.maxDays ?? 3 * 365;
  const samples = Array.from(dailyThroughput);
  const today = utcDayNumber(options.now);
  if (backlog <= 0) {
    const date = dayStringOf(today);
    return { backlog: 0, trials, p50Days: 0, p85Days: 0, p50Date: date, p85Date: date };
  }
  if (samples.length === 0 || !samples.some((s) => s > 0)) return undefined;
  const random = mulberry32(options.seed ?? 1);
  const days = new Float64Array(trials);
  for (let trial = 0; trial < trials; trial++) {
    let done = 0;
    let day = 0;
    while (done < backlog && day < maxDays) {
      day++;
      done += samples[randomIndex(random, samples.length)];
    }
    days[trial] = day;
  }
  days.sort();
  const p50Days = Math.ceil(percentileOfSorted(days, 50)!);
  const p85Days = Math.ceil(percentileOfSorted(days, 85)!);
  return { backlog, trials, p50Days, p85Days, p50Date: dayStringOf(today + p50Days), p85Date: dayStringOf(today + p85Days) };
}

export interface ItemsForecast {
  /** Whole days simulated (tomorrow up to and including the target date). */
  days: number;
  /** Half of the trials finished at least this many. */
  p50Items: number;
  /** 85 % of the trials finished at least this many (the number to promise). */
  p85Items: number;
}

/** How many items the days until `targetDate` (epoch ms, UTC day) allow. */
export function forecastItemsBy(dailyThroughput: ArrayLike<number>, targetDate: number, options: ForecastOptions): ItemsForecast {
  const trials = options.trials ?? 2000;
  const days = Math.max(0, utcDayNumber(targetDate) - utcDayNumber(options.now));
  const samples = Array.from(dailyThroughput);
  if (days === 0 || samples.length === 0) return { days, p50Items: 0, p85Items: 0 };
  const random = mulberry32(options.seed ?? 1);
  const totals = new Float64Array(trials);
  for (let trial = 0; trial < trials; trial++) {
    let total = 0;
    for (let d = 0; d < days; d++) total += samples[randomIndex(random, samples.length)];
    totals[trial] = total;
  }
  totals.sort();
  return {
    days,
    p50Items: Math.floor(percentileOfSorted(totals, 50)!),
    p85Items: Math.floor(percentileOfSorted(totals, 15)!),
  };
}

