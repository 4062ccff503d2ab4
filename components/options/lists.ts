/** Text ⇄ structured values for list-like settings fields; validation happens on save (zod). */

export interface Interval {
  start: string;
  end: string;
}

/** "09:00-12:00, 13:00-17:00" → intervals; malformed parts are kept so validation can name them. */
export function parseHours(text: string): Interval[] {
  return text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const [start = '', end = ''] = part.split(/\s*[-–]\s*/);
      return { start: start.trim(), end: end.trim() };
    });
}
export const formatHours = (list: readonly Interval[]) => list.map((i) => `${i.start}-${i.end}`).join(', ');

export const parseLines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
export const formatLines = (list: readonly string[]) => list.join('\n');

export const parseCommaList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
export const formatCommaList = (list: readonly string[]) => list.join(', ');

/** `prefix-N` not used by any item yet. */
export function nextId(prefix: string, items: readonly { id: string }[]): string {
  let n = items.length + 1;
  while (items.some((i) => i.id === `${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/** A member id from a display name: ids are letters, digits and _ . : - only. */
export function memberId(name: string, items: readonly { id: string }[]): string {
  const base = name.toLowerCase().replace(/[^a-z0-9_.:-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'member';
  let id = base;
  for (let n = 2; items.some((i) => i.id === id); n++) id = `${base}-${n}`;
  return id;
}
