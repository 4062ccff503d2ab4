import { parseTicketKey } from '../model/key';

/**
 * Numbers in the user's locale (Intl.NumberFormat with the browser's default locale). Every
 * figure the popup and report show goes through here, so tests can pin the locale.
 */
let locale: string | undefined;
/** Tests pin a locale; pages keep the browser's. */
export function setFormatLocale(next: string | undefined): void {
  locale = next;
  cache.clear();
}
const cache = new Map<string, Intl.NumberFormat>();
function nf(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

const DAY_MS = 86_400_000;
const DASH = '–';

export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? DASH : nf('int', { maximumFractionDigits: 0 }).format(n);
}

export function fmtNumber(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined || !Number.isFinite(n) ? DASH : nf(`num${digits}`, { maximumFractionDigits: digits }).format(n);
}

/** Signed count: +3, −2, ±0. */
export function fmtSigned(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  if (n === 0) return '±0';
  return nf(`signed${digits}`, { maximumFractionDigits: digits, signDisplay: 'always' }).format(n);
}

/** 0–1 → "12 %" in the user's locale. */
export function fmtPercent(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined || !Number.isFinite(x) ? DASH : nf(`pct${digits}`, { style: 'percent', maximumFractionDigits: digits }).format(x);
}

/** Milliseconds as days, e.g. "3.2 d" (hours below one day: "5 h"). */
export function fmtDays(ms: number | null | undefined, digits = 1): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  const abs = Math.abs(ms);
  if (abs < DAY_MS) return `${fmtNumber(ms / 3_600_000, 0)} h`;
  return `${fmtNumber(ms / DAY_MS, digits)} d`;
}

/** A day count (already in days), e.g. expected wait. */
export function fmtDayCount(days: number | null | undefined, digits = 1): string {
  return days === null || days === undefined || !Number.isFinite(days) ? DASH : `${fmtNumber(days, digits)} d`;
}

/** "12 s", "4 min", "3 h", "2 d" ago (computed-at and refreshed labels). */
export function fmtAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${fmtInt(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${fmtInt(m)} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${fmtInt(h)} h`;
  return `${fmtInt(Math.floor(h / 24))} d`;
}

/**
 * The ticket in its host tool: Zendesk `https://<host>/agent/tickets/<id>`, Jira
 * `https://<host>/browse/<KEY>`. Undefined for anything that does not parse (never a bad href).
 */
export function ticketUrl(key: string): string | undefined {
  try {
    const { tool, host, id } = parseTicketKey(key);
    if (!/^[a-z0-9.-]+(?::\d{1,5})?$/.test(host) || !id) return undefined;
    const safeId = encodeURIComponent(id);
    return tool === 'zendesk' ? `https://${host}/agent/tickets/${safeId}` : `https://${host}/browse/${safeId}`;
  } catch {
    return undefined;
  }
}
