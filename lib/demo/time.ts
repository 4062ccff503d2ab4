/**
 * Calendar helpers of the simulation. Everything is UTC so a seed gives the same world
 * whatever the machine's time zone. Business hours: Mon–Fri 08:00–18:00 UTC.
 */
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

const OPEN_HOUR = 8;
const CLOSE_HOUR = 18;

export function isBusinessTime(t: number): boolean {
  const d = new Date(t);
  const day = d.getUTCDay();
  const hour = d.getUTCHours();
  return day >= 1 && day <= 5 && hour >= OPEN_HOUR && hour < CLOSE_HOUR;
}

function startOfUtcDay(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

/** Moves `t` forward by `minutes` of business time (what agent work takes). */
export function addBusinessMinutes(t: number, minutes: number): number {
  let left = Math.max(0, minutes) * MINUTE;
  let cursor = t;
  for (let guard = 0; guard < 4000; guard++) {
    const day = startOfUtcDay(cursor);
    const weekday = new Date(day).getUTCDay();
    const open = day + OPEN_HOUR * HOUR;
    const close = day + CLOSE_HOUR * HOUR;
    if (weekday === 0 || weekday === 6 || cursor >= close) {
      cursor = day + DAY + OPEN_HOUR * HOUR;
      continue;
    }
    if (cursor < open) cursor = open;
    const room = close - cursor;
    if (left <= room) return Math.round(cursor + left);
    left -= room;
    cursor = day + DAY + OPEN_HOUR * HOUR;
  }
  return Math.round(cursor);
}

/** Business minutes between two instants (for the metrics' `business` durations). */
export function businessMinutesBetween(from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  for (let day = startOfUtcDay(from); day < to; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const open = Math.max(from, day + OPEN_HOUR * HOUR);
    const close = Math.min(to, day + CLOSE_HOUR * HOUR);
    if (close > open) total += close - open;
  }
  return Math.round(total / MINUTE);
}

/** Arrival intensity relative to the weekday peak: business-hours seasonality. */
export function arrivalShape(t: number): number {
  const d = new Date(t);
  const day = d.getUTCDay();
  if (day === 0 || day === 6) return 0.1;
  const h = d.getUTCHours();
  if (h < 8 || h >= 22) return 0.12;
  if (h < 10) return 0.8;
  if (h < 16) return 1;
  if (h < 18) return 0.7;
  return 0.3;
}

/** Peak-hour equivalents in one week of `arrivalShape` (5 × 11.4 + 2 × 2.4). */
export const PEAK_HOURS_PER_WEEK = 61.8;

/** Zendesk API timestamps: ISO 8601 without milliseconds. */
export function isoSeconds(t: number): string {
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
