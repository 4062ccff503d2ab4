/**
 * Time-zone arithmetic through Intl only (no tz library): the wall-clock parts an instant shows
 * in an IANA zone, and the zone's offset. Shared by business hours (SLA) and weekly snapshots.
 */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for an unknown zone: callers validate settings, so that is a bug signal. */
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time an instant shows in a zone. */
export function wallTimeOf(epochMs: number, timeZone: string): WallTime {
  const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let beforeCommonEra = false;
  for (const part of formatterOf(timeZone).formatToParts(epochMs)) {
    if (part.type === 'era') beforeCommonEra = part.value.startsWith('B');
    else if (part.type in wall) wall[part.type as keyof WallTime] = Number(part.value);
  }
  if (beforeCommonEra) wall.year = 1 - wall.year;
  if (wall.hour === 24) wall.hour = 0; // some engines still say 24 at midnight
  return wall;
}

/** Zone offset (local − UTC) at an instant, ms, to the second. */
export function timeZoneOffsetMs(timeZone: string, epochMs: number): number {
  const whole = epochMs - (((epochMs % 1000) + 1000) % 1000);
  const w = wallTimeOf(whole, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}
