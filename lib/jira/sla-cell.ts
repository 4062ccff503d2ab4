/**
 * A JSM queue's SLA cell shows the time left ("2h 30m", "45m", "1d 4h", "-1h 5m" once
 * breached). Returns the due time, or undefined when the cell shows no running clock.
 * Units are the English short forms JSM uses in every locale for this cell; anything else is
 * left unread rather than guessed.
 */
const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };

export function parseSlaCellText(raw: string, now: number): number | undefined {
  const text = raw.replace(/\s+/g, ' ').trim().toLowerCase();
  const m = /^(-)?\s*((?:\d+\s*[wdhms]\s*)+)$/.exec(text);
  if (!m) return undefined;
  let ms = 0;
  for (const part of m[2].matchAll(/(\d+)\s*([wdhms])/g)) ms += Number(part[1]) * UNIT_MS[part[2]];
  return now + (m[1] ? -ms : ms);
}
