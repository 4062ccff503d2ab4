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

/** DESIGN.md: colour by pace once history allows — past the 85th percentile is an aging alert. */
function paceLevel(paceAge: number, pace: { p70: number; p85: number }): BadgeLevel {
  return paceAge > pace.p85 ? 'alert' : paceAge > pace.p70 ? 'warn' : 'ok';
}

function thresholdLevel(ageDays: number, thresholds: AgeThresholds): BadgeLevel {
  return ageDays >= thresholds.alertDays ? 'alert' : ageDays >= thresholds.warnDays ? 'warn' : 'ok';
}

function paceText(paceAge: number, pace: { stage: string; p70: number; p85: number }): string {
  if (paceAge > pace.p85) return `older than 85% of completed tickets were when they left ${pace.stage} (aging alert)`;
  if (paceAge > pace.p70) return `older than 70% of completed tickets were when they left ${pace.stage}`;
  return `within the usual pace for ${pace.stage}`;
}

export interface BadgeView {
  text: string;
  level: BadgeLevel;
  /** Spoken and hover explanation. */
  label: string;
}

/**
 * What of a badge moves with the clock: its text and colour, and the durations and SLA wording of
 * its label. For one annotation under the same thresholds, equal faces mean equal badges, label
 * included, so a pass over 500 drawn badges compares faces and builds no labels.
 */
export interface BadgeFace {
  text: string;
  level: BadgeLevel;
  /** Formatted age, undefined when the start is unknown. */
  age: string | undefined;
  /** Formatted time in the current status (a lower bound unless `statusSinceExact`). */
  inStatus: string;
  sla: string | undefined;
}

export function badgeFace(a: Annotation, now: number, thresholds: AgeThresholds): BadgeFace {
  const age = a.startedAt !== undefined ? Math.max(0, now - a.startedAt) : undefined;
  const ageText = age !== undefined ? formatDuration(age) : undefined;
  const inStatus = formatDuration(Math.max(0, now - a.statusSince));
  const head = `${ageText ?? '?'} · ${a.statusSinceExact ? '' : '≥'}${inStatus}`;
  const level = !a.open ? 'ok' : a.pace ? paceLevel(now - a.pace.since, a.pace) : thresholdLevel((age ?? 0) / 86_400_000, thresholds);
  const sla = a.slaDueAt === undefined ? undefined : a.slaDueAt <= now ? `SLA breached ${formatDuration(now - a.slaDueAt)} ago` : `SLA due in ${formatDuration(a.slaDueAt - now)}`;
  return { text: a.handoffs > 0 ? `${head} · ⇄${a.handoffs}` : head, level, age: ageText, inStatus, sla };
}

/** The spoken and hover explanation of a badge with this face. */
export function badgeLabel(a: Annotation, face: BadgeFace, now: number): string {
  const label = [
    `Age ${face.age ?? 'unknown'}`,
    `in current status ${a.statusSinceExact ? '' : 'at least '}${face.inStatus}`,
    a.handoffs > 0 ? `${a.handoffs} handoff${a.handoffs === 1 ? '' : 's'}${a.lastOwners.length ? ` (last: ${a.lastOwners.join(' → ')})` : ''}` : 'no handoffs',
    a.pace && a.open ? paceText(now - a.pace.since, a.pace) : undefined,
    face.sla,
  ]
    .filter(Boolean)
    .join('; ');
  return `QueueLens: ${label}`;
}

/**
 * What a badge says about one ticket: age, time in status (with "≥" when only a lower bound is
 * known), handoffs when any. Colour by age thresholds until pace data exists (issue: pace).
 */
export function badgeView(a: Annotation | undefined, now: number, thresholds: AgeThresholds): BadgeView {
  if (!a) return { text: '…', level: 'unknown', label: 'QueueLens: not yet recorded' };
  const face = badgeFace(a, now, thresholds);
  return { text: face.text, level: face.level, label: badgeLabel(a, face, now) };
}
