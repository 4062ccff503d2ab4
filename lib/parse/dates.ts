/**
 * Reads a date the way host pages show it: machine attributes first (`<time datetime>`,
 * `title`), then the shown text — absolute ("Nov 20, 2026 14:03", ISO) or relative
 * ("5 minutes ago", "yesterday", "in 2 hours"). Returns epoch ms, or undefined when unreadable.
 */
export function readDateFromElement(el: Element | null, now: number): number | undefined {
  if (!el) return undefined;
  const time = timeElementOf(el);
  // Fast path: a machine-readable ISO `datetime`, as Zendesk's <time> cells carry.
  const iso = time?.getAttribute('datetime');
  if (iso && ISO_DATE.test(iso)) {
    const parsed = Date.parse(iso);
    if (!Number.isNaN(parsed)) return parsed;
  }
  for (const candidate of [time?.getAttribute('datetime'), time?.getAttribute('title'), el.getAttribute('title')]) {
    const parsed = candidate ? parseDateText(candidate, now) : undefined;
    if (parsed !== undefined) return parsed;
  }
  const text = (time ?? el).textContent;
  return text ? parseDateText(text, now) : undefined;
}

/**
 * The first `<time>` at or under `el`: a query, not a live collection (each one a content script
 * creates costs it a wrapper and the page a registration).
 */
export function timeElementOf(el: Element): Element | null {
  return el.localName === 'time' ? el : el.querySelector('time');
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

export function parseDateText(raw: string, now: number): number | undefined {
  const text = raw.replace(/\s+/g, ' ').trim().toLowerCase();
  if (!text) return undefined;
  if (text === 'now' || text === 'just now') return now;
  if (text === 'today') return startOfDay(now);
  if (text === 'yesterday') return startOfDay(now) - UNIT_MS.day;

  const relative = /^(?:(in) )?(an?|\d+(?:\.\d+)?) ?([a-z]+)(?: (ago))?$/.exec(text);
  if (relative) {
    const unit = UNIT_ALIASES[relative[3]];
    const amount = relative[2] === 'a' || relative[2] === 'an' ? 1 : Number(relative[2]);
    if (unit && (relative[1] || relative[4])) {
      const offset = amount * UNIT_MS[unit];
      return Math.round(relative[1] ? now + offset : now - offset);
    }
  }
  const yesterdayAt = /^yesterday(?: at)? (\d{1,2}):(\d{2})$/.exec(text);
  if (yesterdayAt) {
    const d = new Date(startOfDay(now) - UNIT_MS.day);
    d.setHours(Number(yesterdayAt[1]), Number(yesterdayAt[2]));
    return d.getTime();
  }
  // Absolute: ISO or the locale strings Date understands ("Nov 20, 2026 14:03"). A date shown
  // without a year ("Nov 20") is this year, or last year if that would be in the future.
  let parsed = Date.parse(raw.trim());
  if (Number.isNaN(parsed)) return undefined;
  if (!/\d{4}/.test(raw)) {
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
