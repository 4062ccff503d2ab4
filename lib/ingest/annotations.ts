import type { Annotation, TicketState } from '../model';

/** What a badge needs about one ticket. */
export function annotationOf(t: TicketState): Annotation {
  return {
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
