import { timeZoneOffsetMs, wallTimeOf } from '../time/zones';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time';

/**
 * Business-hours calendars in an IANA time zone, with nothing but Intl.DateTimeFormat.
 *
 * A calendar is compiled into a table of local days (UTC instant of each local midnight, the
 * day's opening intervals as UTC instants, and the business time accumulated before the day),
 * so that elapsed business time between two instants is two binary searches and a subtraction,
 * and a due date is one more search. Tables are cached per calendar object and grown on demand.
 * Conversions are exact across DST changes: days whose UTC offset differs from a neighbour's are
 * converted wall time by wall time.
 */
export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface BusinessCalendar {
  /** IANA zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Opening hours per weekday as local `['HH:MM', 'HH:MM']` pairs, end exclusive; `24:00` allowed. */
  weeklyHours: Partial<Record<Weekday, ReadonlyArray<readonly [string, string]>>>;
  /** Local dates (`YYYY-MM-DD`) without business hours. */
  holidays?: readonly string[];
}

/** Monday to Friday, 09:00–17:00. */
export function weekdayCalendar(timeZone: string, holidays: readonly string[] = [], open = '09:00', close = '17:00'): BusinessCalendar {
  const hours = [[open, close]] as const;
  return { timeZone, weeklyHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours }, holidays };
}

export { wallTimeOf, timeZoneOffsetMs, type WallTime } from '../time/zones';

/**
 * The instant a local wall time names. In a spring-forward gap the result lies just after the
 * gap; in a fall-back overlap it is one of the two instants.
 */
export function zonedTimeToEpoch(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let epoch = wall - timeZoneOffsetMs(timeZone, wall);
  const offset = timeZoneOffsetMs(timeZone, epoch);
  if (wall - offset !== epoch) epoch = wall - offset;
  return epoch;
}

/** Local midnight (as an instant) of the local day holding `epochMs`. */
export function localDayStart(timeZone: string, epochMs: number): number {
  const w = wallTimeOf(epochMs, timeZone);
  return zonedTimeToEpoch(timeZone, w.year, w.month, w.day);
}

interface CompiledCalendar {
  /** Local day number (wall date as days since 1970-01-01) of slot 0. */
  firstDay: number;
  days: number;
  /** UTC instant of each local midnight; length days + 1. */
  dayStart: Float64Array;
  /** Opening intervals of day k: bounds[intervalStart[k] .. intervalStart[k+1]) as start,end pairs. */
  intervalStart: Int32Array;
  bounds: Float64Array;
  /** Business ms before day k; length days + 1. */
  cumulative: Float64Array;
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();
const PADDING_DAYS = 400;

function minutesOf(hhmm: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`not a time of day: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function hasAnyHours(calendar: BusinessCalendar): boolean {
  return WEEKDAYS.some((d) => (calendar.weeklyHours[d] ?? []).some(([a, b]) => minutesOf(b) > minutesOf(a)));
}

function compile(calendar: BusinessCalendar, firstDay: number, days: number): CompiledCalendar {
  const { timeZone } = calendar;
  const holidays = new Set((calendar.holidays ?? []).map((d) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY_MS)));
  const weekly = WEEKDAYS.map((d) =>
    (calendar.weeklyHours[d] ?? []).map(([a, b]) => [minutesOf(a), minutesOf(b)] as const).filter(([a, b]) => b > a),
  );
  // Offset at local noon of each day (and its neighbours): one Intl call per day.
  const noonOffset = new Float64Array(days + 3);
  let guess = timeZoneOffsetMs(timeZone, (firstDay - 1) * DAY_MS + 12 * HOUR_MS);
  for (let k = 0; k < days + 3; k++) {
    const wallNoon = (firstDay - 1 + k) * DAY_MS + 12 * HOUR_MS;
    guess = timeZoneOffsetMs(timeZone, wallNoon - guess);
    noonOffset[k] = guess;
  }
  // Wall minute `minutes` of day slot k (may be 1440 = next midnight) as an instant.
  const toEpoch = (k: number, minutes: number): number => {
    const wall = (firstDay + k) * DAY_MS + minutes * MINUTE_MS;
    const steady = noonOffset[k] === noonOffset[k + 1] && noonOffset[k + 1] === noonOffset[k + 2];
    if (steady) return wall - noonOffset[k + 1];
    const date = new Date((firstDay + k) * DAY_MS);
    return zonedTimeToEpoch(timeZone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 0, minutes);
  };
  const dayStart = new Float64Array(days + 1);
  const intervalStart = new Int32Array(days + 1);
  const cumulative = new Float64Array(days + 1);
  const bounds: number[] = [];
  for (let k = 0; k <= days; k++) {
    dayStart[k] = toEpoch(k, 0);
    intervalStart[k] = bounds.length;
    if (k === days) break;
    let total = 0;
    const dayNumber = firstDay + k;
    if (!holidays.has(dayNumber)) {
      for (const [open, close] of weekly[new Date(dayNumber * DAY_MS).getUTCDay()]) {
        const start = toEpoch(k, open);
        const end = toEpoch(k, close);
        if (end <= start) continue; // an interval swallowed by a DST gap
        bounds.push(start, end);
        total += end - start;
      }
    }
    cumulative[k + 1] = cumulative[k] + total;
  }
  return { firstDay, days, dayStart, intervalStart, bounds: Float64Array.from(bounds), cumulative };
}

/**
 * The compiled table, grown to cover `epochMs`. Growing keeps the business clock stable: the
 * new table is shifted so that days it shares with the old one keep their values.
 */
function tableFor(calendar: BusinessCalendar, epochMs: number): CompiledCalendar {
  let table = compiled.get(calendar);
  if (table && epochMs >= table.dayStart[0] && epochMs < table.dayStart[table.days]) return table;
  const approximateDay = Math.floor(epochMs / DAY_MS);
  let firstDay = approximateDay - PADDING_DAYS;
  let lastDay = approximateDay + PADDING_DAYS;
  if (table) {
    firstDay = Math.min(firstDay, table.firstDay);
    lastDay = Math.max(lastDay, table.firstDay + table.days);
  }
  const grown = compile(calendar, firstDay, lastDay - firstDay);
  if (table) {
    const shift = table.cumulative[0] - grown.cumulative[table.firstDay - firstDay];
    for (let k = 0; k <= grown.days; k++) grown.cumulative[k] += shift;
  }
  compiled.set(calendar, grown);
  return grown;
}

/** Slot of the local day holding an instant (largest k with dayStart[k] ≤ epochMs). */
function daySlot(table: CompiledCalendar, epochMs: number): number {
  let low = 0;
  let high = table.days - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (table.dayStart[mid] <= epochMs) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * A monotone business clock: business ms elapsed from a fixed (arbitrary) origin to an instant.
 * Differences of two readings are business durations; readings stay valid as the table grows.
 */
export function businessTimeAt(calendar: BusinessCalendar, epochMs: number): number {
  const table = tableFor(calendar, epochMs);
  const k = daySlot(table, epochMs);
  let value = table.cumulative[k];
  for (let b = table.intervalStart[k]; b < table.intervalStart[k + 1]; b += 2) {
    const start = table.bounds[b];
    if (epochMs <= start) break;
    value += Math.min(epochMs, table.bounds[b + 1]) - start;
  }
  return value;
}

const hoursKnown = new WeakMap<BusinessCalendar, boolean>();

/**
 * The earliest instant at which the business clock reads `value` (so a target that ends with a
 * day's closing time is due at closing). Infinity for a calendar without any opening hours.
 */
export function instantAtBusinessTime(calendar: BusinessCalendar, value: number): number {
  let anyHours = hoursKnown.get(calendar);
  if (anyHours === undefined) hoursKnown.set(calendar, (anyHours = hasAnyHours(calendar)));
  if (!anyHours) return Infinity;
  let table = compiled.get(calendar) ?? tableFor(calendar, Date.now());
  while (table.cumulative[table.days] < value) table = tableFor(calendar, table.dayStart[table.days] + DAY_MS);
  while (table.cumulative[0] >= value) table = tableFor(calendar, table.dayStart[0] - DAY_MS);
  // Smallest k with cumulative[k + 1] ≥ value.
  let low = 0;
  let high = table.days - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (table.cumulative[mid + 1] >= value) high = mid;
    else low = mid + 1;
  }
  let remaining = value - table.cumulative[low];
  for (let b = table.intervalStart[low]; b < table.intervalStart[low + 1]; b += 2) {
    const length = table.bounds[b + 1] - table.bounds[b];
    if (remaining <= length) return table.bounds[b] + remaining;
    remaining -= length;
  }
  return table.dayStart[low + 1]; // unreachable: the day's intervals hold what is left
}

/** Business time between two instants (0 when `to` ≤ `from`). */
export function businessMsBetween(calendar: BusinessCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  const end = businessTimeAt(calendar, to);
  return end - businessTimeAt(calendar, from);
}

/** The instant at which `amount` business ms have passed after `from`. */
export function addBusinessMs(calendar: BusinessCalendar, from: number, amount: number): number {
  if (amount <= 0) return from;
  return instantAtBusinessTime(calendar, businessTimeAt(calendar, from) + amount);
}
