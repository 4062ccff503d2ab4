import { collapsed } from '../adapter/dom';

/**
 * Reads a date the way host pages show it: machine attributes first (`<time datetime>`,
 * `title`), then the shown text — absolute ("Nov 20, 2026 14:03", ISO) or relative
 * ("5 minutes ago", "yesterday", "in 2 hours"). Returns epoch ms, or undefined when unreadable.
 */
export function readDateFromElement(el: Element | null, now: number): number | undefined {
  if (!el) return undefined;
  const time = timeElementOf(el);
  const datetime = time?.getAttribute('datetime');
  // Fast path: a machine-readable ISO `datetime`, as Zendesk's <time> cells carry.
  if (datetime && ISO_DATE.test(datetime)) {
    const parsed = Date.parse(datetime);
    if (!Number.isNaN(parsed)) return parsed;
  }
  // One attribute at a time: a first pass reads 1,000 dates, and each DOM call costs.
  return (
    parseAttribute(datetime, now) ??
    parseAttribute(time?.getAttribute('title'), now) ??
    parseAttribute(el.getAttribute('title'), now) ??
    parseAttribute((time ?? el).textContent, now)
  );
}

const parseAttribute = (text: string | null | undefined, now: number) => (text ? parseDateText(text, now) : undefined);

/**
 * The first `<time>` at or under `el`: a query, not a live collection (each one a content script
 * creates costs it a wrapper and the page a registration). Cells hold times far more often than
 * they are one, so the query comes first.
 */
export function timeElementOf(el: Element): Element | null {
  return el.querySelector('time') ?? (el.localName === 'time' ? el : null);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;

const UNIT_MS: Record<string, number> = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  month: 2_592_000_000,
  year: 31_536_000_000,
};
const UNIT_ALIASES: Record<string, keyof typeof UNIT_MS> = {
  s: 'second', sec: 'second', secs: 'second', second: 'second', seconds: 'second',
  m: 'minute', min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour',
  d: 'day', day: 'day', days: 'day',
  w: 'week', wk: 'week', week: 'week', weeks: 'week',
  mo: 'month', month: 'month', months: 'month',
  y: 'year', yr: 'year', year: 'year', years: 'year',
};

const MIN_PLAUSIBLE = Date.UTC(2000, 0, 1);

// Module-level: a regex literal in a function is a new object at every call.
const RELATIVE = /^(?:(in) )?(an?|\d+(?:\.\d+)?) ?([a-z]+)(?: (ago))?$/;
const YESTERDAY_AT = /^yesterday(?: at)? (\d{1,2}):(\d{2})$/;
const HAS_YEAR = /\d{4}/;

export function parseDateText(raw: string, now: number): number | undefined {
  // Most hosts show absolute dates with a year ("Aug 10, 2026, 12:44 PM"): no relative form has a
  // four-digit run that Date reads as a plausible date, so those go straight to Date.parse.
  if (HAS_YEAR.test(raw)) {
    const absolute = Date.parse(raw);
    if (absolute >= MIN_PLAUSIBLE) return absolute;
  }
  const text = collapsed(raw).toLowerCase();
  if (!text) return undefined;
  if (text === 'now' || text === 'just now') return now;
  if (text === 'today') return startOfDay(now);
  if (text === 'yesterday') return startOfDay(now) - UNIT_MS.day;

  const relative = RELATIVE.exec(text);
  if (relative) {
    const unit = UNIT_ALIASES[relative[3]];
    const amount = relative[2] === 'a' || relative[2] === 'an' ? 1 : Number(relative[2]);
    if (unit && (relative[1] || relative[4])) {
      const offset = amount * UNIT_MS[unit];
      return Math.round(relative[1] ? now + offset : now - offset);
    }
  }
  const yesterdayAt = YESTERDAY_AT.exec(text);
  if (yesterdayAt) {
    const d = new Date(startOfDay(now) - UNIT_MS.day);
    d.setHours(Number(yesterdayAt[1]), Number(yesterdayAt[2]));
    return d.getTime();
  }
  // Absolute: ISO or the locale strings Date understands ("Nov 20, 2026 14:03"). A date shown
  // without a year ("Nov 20") is this year, or last year if that would be in the future.
  let parsed = Date.parse(raw.trim());
  if (Number.isNaN(parsed)) return undefined;
  if (!HAS_YEAR.test(raw)) {
    const d = new Date(parsed);
    d.setFullYear(new Date(now).getFullYear());
    if (d.getTime() > now + UNIT_MS.day) d.setFullYear(d.getFullYear() - 1);
    parsed = d.getTime();
  }
  return parsed >= MIN_PLAUSIBLE ? parsed : undefined;
}

function startOfDay(epochMs: number): number {
  const d = new Date(epochMs);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}
