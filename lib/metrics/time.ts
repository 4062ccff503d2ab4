/** Durations and UTC day arithmetic shared by the measures. Days are UTC, like DailyRollup. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Days since the epoch of the UTC day holding `epochMs`. */
export const utcDayNumber = (epochMs: number): number => Math.floor(epochMs / DAY_MS);

/** `YYYY-MM-DD` of a UTC day number (the DailyRollup `day` format). */
export const dayStringOf = (dayNumber: number): string => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/** UTC day number of a `YYYY-MM-DD` string. */
export const dayNumberOf = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
