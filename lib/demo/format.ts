import { INTL_TAG, type Locale } from './locale';
import { DAY, HOUR, MINUTE } from './time';

// Intl formatters are costly to build; 2000-row benchmark pages need them cached.
const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let found = cache.get(key) as T | undefined;
  if (!found) cache.set(key, (found = make()));
  return found;
}

/** Full date for `title` attributes, in the agent's language (UTC, the simulation's clock). */
export function fullDate(t: number, locale: Locale): string {
  return cached(`full:${locale}`, () => new Intl.DateTimeFormat(INTL_TAG[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })).format(t);
}

/** What a date cell shows: relative when recent ("5 minutes ago"), else a short date. */
export function shownDate(t: number, now: number, locale: Locale): string {
  const diff = now - t;
  const rtf = cached(`rel:${locale}`, () => new Intl.RelativeTimeFormat(INTL_TAG[locale], { numeric: 'auto' }));
  if (diff >= 0 && diff < HOUR) return rtf.format(-Math.floor(diff / MINUTE), 'minute');
  if (diff >= 0 && diff < DAY) return rtf.format(-Math.floor(diff / HOUR), 'hour');
  const sameYear = new Date(t).getUTCFullYear() === new Date(now).getUTCFullYear();
  return cached(`short:${locale}:${sameYear}`, () =>
    new Intl.DateTimeFormat(INTL_TAG[locale], { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }), timeZone: 'UTC' }),
  ).format(t);
}

/** Zendesk's "Next SLA breach" text: "35 m", "2 h", "3 d", negative once breached. */
export function slaText(dueAt: number, now: number): string {
  const diff = dueAt - now;
  const sign = diff < 0 ? '-' : '';
  const abs = Math.abs(diff);
  if (abs < HOUR) return `${sign}${Math.floor(abs / MINUTE)} m`;
  if (abs < 48 * HOUR) return `${sign}${Math.round(abs / HOUR)} h`;
  return `${sign}${Math.round(abs / DAY)} d`;
}

/** Garden's SLA colours: green > 15 min left, amber < 15 min, red breached. */
export function slaLevel(dueAt: number, now: number): 'ok' | 'soon' | 'breached' {
  const diff = dueAt - now;
  if (diff < 0) return 'breached';
  return diff < 15 * MINUTE ? 'soon' : 'ok';
}

export function isoMillis(t: number): string {
  return new Date(t).toISOString();
}
