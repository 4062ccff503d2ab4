import type { Annotation, Stage, TicketState } from '../model';

/** Exit-age thresholds per stage (see lib/background/pace-cache.ts). */
export type PaceThresholds = Partial<Record<Stage, { p70: number; p85: number }>>;

/** What a badge needs about one ticket. */
export function annotationOf(t: TicketState, pace: PaceThresholds = {}): Annotation {
  const stagePace = t.open === 1 ? pace[t.stage] : undefined;
  const paceSince = t.stage === 'queued' ? (t.createdAt ?? t.firstSeenAt) : (t.startedAt ?? t.createdAt ?? t.firstSeenAt);
  return {
    ...(stagePace ? { pace: { stage: t.stage, p70: stagePace.p70, p85: stagePace.p85, since: paceSince } } : {}),
    key: t.key,
    startedAt: t.startedAt ?? t.createdAt,
    statusSince: t.statusSince,
    statusSinceExact: t.statusSinceExact,
    handoffs: t.handoffs,
    slaDueAt: t.slaDueAt,
    lastOwners: t.assigneeHistory.slice(-2),
    open: t.open === 1,
  };
}
