import type { Annotation } from '../model';
import { formatDuration } from '../format/duration';

export type BadgeLevel = 'ok' | 'warn' | 'alert' | 'unknown';

export interface AgeThresholds {
  /** Days of age after which a badge turns amber. */
  warnDays: number;
  /** Days of age after which a badge turns red. */
  alertDays: number;
}
export const DEFAULT_THRESHOLDS: AgeThresholds = { warnDays: 3, alertDays: 7 };

export interface BadgeView {
  text: string;
  level: BadgeLevel;
  /** Spoken and hover explanation. */
  label: string;
}

/**
 * What a badge says about one ticket: age, time in status (with "≥" when only a lower bound is
 * known), handoffs when any. Colour by age thresholds until pace data exists (issue: pace).
 */
export function badgeView(a: Annotation | undefined, now: number, thresholds: AgeThresholds): BadgeView {
  if (!a) return { text: '…', level: 'unknown', label: 'QueueLens: not yet recorded' };
  const age = a.startedAt !== undefined ? Math.max(0, now - a.startedAt) : undefined;
  const inStatus = Math.max(0, now - a.statusSince);
  const statusText = `${a.statusSinceExact ? '' : '≥'}${formatDuration(inStatus)}`;
  const parts = [age !== undefined ? formatDuration(age) : '?', statusText];
  if (a.handoffs > 0) parts.push(`⇄${a.handoffs}`);
  const ageDays = (age ?? 0) / 86_400_000;
  const level: BadgeLevel = !a.open ? 'ok' : ageDays >= thresholds.alertDays ? 'alert' : ageDays >= thresholds.warnDays ? 'warn' : 'ok';
  const label = [
    `Age ${age !== undefined ? formatDuration(age) : 'unknown'}`,
    `in current status ${a.statusSinceExact ? '' : 'at least '}${formatDuration(inStatus)}`,
    a.handoffs > 0 ? `${a.handoffs} handoff${a.handoffs === 1 ? '' : 's'}${a.lastOwners.length ? ` (last: ${a.lastOwners.join(' → ')})` : ''}` : 'no handoffs',
    a.slaDueAt !== undefined ? (a.slaDueAt <= now ? `SLA breached ${formatDuration(now - a.slaDueAt)} ago` : `SLA due in ${formatDuration(a.slaDueAt - now)}`) : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return { text: parts.join(' · '), level, label: `QueueLens: ${label}` };
}
