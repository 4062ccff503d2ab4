/**
 * Weekly snapshot cadence, pure and time-zone aware without a tz library (Intl only).
 *
 * Weeks start at local midnight of `weekStartDay` in `timeZone`. They are labelled the ISO way,
 * generalised to any start day: a week belongs to the year that holds its 4th day (start + 3),
 * and week 1 is the week whose 4th day falls in Jan 1–7. With Monday as the start day this is
 * exactly ISO 8601 (the Thursday rule); with Sunday it is the same rule shifted a day.
 *
 * A snapshot of week W is due when W ends (the start of W+1). Times are epoch ms.
 */

import { timeZoneOffsetMs, wallTimeOf } from '../time/zones';

export interface WeekRule {
  /** 0 = Sunday … 6 = Saturday; 1 = ISO. */
  weekStartDay: number;
  /** IANA time zone, e.g. `Pacific/Auckland`. */
  timeZone: string;
}

export interface WeekInfo {
  /** `YYYY-Www`, e.g. `2026-W53`. */
  label: string;
  year: number;
  week: number;
  /** First local day of the week, YYYY-MM-DD. */
  startDate: string;
  /** Epoch ms of local midnight at the start (or the first instant of that day if midnight is skipped by DST). */
  start: number;
  /** Exclusive end: the next week's start. Not always start + 7 days (DST). */
  end: number;
}

const DAY_MS = 86_400_000;

// ─── Civil dates as day numbers (days since 1970-01-01), free of any time zone ───────────────

export interface CivilDate {
  year: number;
  month: number; // 1–12
  day: number;
}

const dayNumber = (d: CivilDate) => Math.floor(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
function civilOf(n: number): CivilDate {
  const dt = new Date(n * DAY_MS);
  return { year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, day: dt.getUTCDate() };
}
/** 0 = Sunday; 1970-01-01 was a Thursday. */
const weekdayOf = (n: number) => (((n + 4) % 7) + 7) % 7;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const formatDate = (d: CivilDate) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

export function parseDate(ymd: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${ymd}`);
  const d = { year: +m[1], month: +m[2], day: +m[3] };
  if (formatDate(civilOf(dayNumber(d))) !== ymd) throw new Error(`no such date: ${ymd}`);
  return d;
}

// ─── Zone arithmetic via Intl ────────────────────────────────────────────────────────────────

type ZonedParts = CivilDate & { hour: number; minute: number; second: number };

/** Local wall-clock parts of an instant in a zone. */
export const zonedParts = (at: number, timeZone: string): ZonedParts => wallTimeOf(at, timeZone);

/** Offset of the zone from UTC at an instant, in ms (local − UTC), to the second. */
const offsetAt = (at: number, timeZone: string): number => timeZoneOffsetMs(timeZone, at);

/**
 * The instant a local midnight occurs in a zone. When DST skips midnight (e.g. America/Santiago
 * in September) the day starts at the first instant that exists, i.e. the end of the gap.
 */
export function startOfLocalDay(date: CivilDate, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  // Two passes settle on the right offset unless the wall time falls in a gap or overlap.
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  const p = zonedParts(t, timeZone);
  if (dayNumber(p) === dayNumber(date) && p.hour === 0 && p.minute === 0 && p.second === 0) {
    // In an overlap the earlier instant is the start of the day.
    const earlier = t - 3_600_000;
    const q = zonedParts(earlier, timeZone);
    return dayNumber(q) === dayNumber(date) && q.hour === 0 && q.minute === 0 ? earlier : t;
  }
  // Midnight does not exist: search the 24 hours around it for the first instant of that day.
  let lo = wall - 14 * 3_600_000 - 12 * 3_600_000;
  let hi = wall + 14 * 3_600_000 + 12 * 3_600_000;
  const target = dayNumber(date);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (dayNumber(zonedParts(mid, timeZone)) < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

// ─── Weeks ───────────────────────────────────────────────────────────────────────────────────

function checkRule(rule: WeekRule): void {
  if (!Number.isInteger(rule.weekStartDay) || rule.weekStartDay < 0 || rule.weekStartDay > 6) {
    throw new RangeError(`weekStartDay must be 0–6, got ${rule.weekStartDay}`);
  }
}

/** The week (by start-day number) that contains a civil day number. */
function weekFromStartDay(startDay: number, rule: WeekRule): WeekInfo {
  const anchor = civilOf(startDay + 3);
  const jan1 = dayNumber({ year: anchor.year, month: 1, day: 1 });
  const week = Math.floor((startDay + 3 - jan1) / 7) + 1;
  const startDate = civilOf(startDay);
  return {
    label: `${pad(anchor.year, 4)}-W${pad(week)}`,
    year: anchor.year,
    week,
    startDate: formatDate(startDate),
    start: startOfLocalDay(startDate, rule.timeZone),
    end: startOfLocalDay(civilOf(startDay + 7), rule.timeZone),
  };
}

const startDayOf = (n: number, weekStartDay: number) => n - ((weekdayOf(n) - weekStartDay + 7) % 7);

/** The week containing an instant, in the rule's zone. */
export function weekOf(at: number, rule: WeekRule): WeekInfo {
  checkRule(rule);
  return weekFromStartDay(startDayOf(dayNumber(zonedParts(at, rule.timeZone)), rule.weekStartDay), rule);
}

export const weekLabel = (at: number, rule: WeekRule): string => weekOf(at, rule).label;

/** The week containing a civil date (e.g. a UTC rollup day), without any zone conversion of the date. */
export function weekOfDate(ymd: string, rule: WeekRule): WeekInfo {
  checkRule(rule);
  return weekFromStartDay(startDayOf(dayNumber(parseDate(ymd)), rule.weekStartDay), rule);
}

/** The week a label names; throws on a malformed label or a week the year does not have. */
export function weekByLabel(label: string, rule: WeekRule): WeekInfo {
  checkRule(rule);
  const m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!m) throw new Error(`not a week label (YYYY-Www): ${label}`);
  const year = +m[1];
  const week = +m[2];
  // Jan 4 is always in week 1: that week's 4th day lies in Jan 1–7 for any start day.
  const week1 = startDayOf(dayNumber({ year, month: 1, day: 4 }), rule.weekStartDay);
  const info = weekFromStartDay(week1 + 7 * (week - 1), rule);
  if (week < 1 || info.label !== label) throw new Error(`${year} has no week ${week}`);
  return info;
}

export const nextWeek = (w: WeekInfo, rule: WeekRule): WeekInfo => weekOf(w.end, rule);
export const previousWeek = (w: WeekInfo, rule: WeekRule): WeekInfo => weekOf(w.start - 1, rule);

/** Number of weeks in a (week-)year: 52 or 53. */
export function weeksInYear(year: number, rule: WeekRule): 52 | 53 {
  try {
    weekByLabel(`${pad(year, 4)}-W53`, rule);
    return 53;
  } catch {
    return 52;
  }
}

/** Compares labels chronologically (labels sort as strings within the 4-digit year range). */
export const compareWeekLabels = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface SnapshotPlan {
  /** Completed weeks that have no snapshot yet, oldest first: take these now. */
  due: WeekInfo[];
  /** When the current week ends: set the next alarm for this instant. */
  nextAt: number;
  /** The week in progress at `now`. */
  current: WeekInfo;
  /** Completed weeks skipped because they exceed `maxCatchUp` (nothing observed can fill them anyway). */
  skipped: number;
}

/**
 * What to do at `now` given the last week that has a snapshot (undefined = none yet).
 * After the browser was closed for a while every completed week since the last snapshot is due
 * (catch-up), capped at `maxCatchUp` most recent ones. With no snapshot yet only the previous
 * week is due: earlier weeks predate the install.
 */
export function snapshotPlan(lastSnapshotWeek: string | undefined, now: number, rule: WeekRule, maxCatchUp = 12): SnapshotPlan {
  const current = weekOf(now, rule);
  const due: WeekInfo[] = [];
  let skipped = 0;
  if (lastSnapshotWeek === undefined) {
    due.push(previousWeek(current, rule));
  } else {
    const last = weekByLabel(lastSnapshotWeek, rule);
    // Walk back from the current week so the cap keeps the most recent weeks.
    let w = previousWeek(current, rule);
    while (w.start > last.start) {
      if (due.length < maxCatchUp) due.push(w);
      else skipped++;
      w = previousWeek(w, rule);
    }
    due.reverse();
  }
  return { due, nextAt: current.end, current, skipped };
}

/** When the next snapshot falls due: now if a week is missing, else when the current week ends. */
export function nextSnapshotDue(lastSnapshotWeek: string | undefined, now: number, rule: WeekRule): number {
  const plan = snapshotPlan(lastSnapshotWeek, now, rule, 1);
  return plan.due.length ? now : plan.nextAt;
}

/** Completed weeks without a snapshot since `lastSnapshotWeek`, oldest first. */
export function missedWeeks(lastSnapshotWeek: string | undefined, now: number, rule: WeekRule, maxCatchUp = 12): WeekInfo[] {
  return snapshotPlan(lastSnapshotWeek, now, rule, maxCatchUp).due;
}
