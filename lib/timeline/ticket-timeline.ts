import type { TicketState, Transition } from '../model';

export interface StatusVisit {
  status: string | null;
  from: number;
  /** undefined while the visit is still running */
  to?: number;
  /** True when the start is only a lower bound (observed, never seen changing). */
  approximate: boolean;
}

export interface OwnerChange {
  field: 'assignee' | 'group';
  from: string | null;
  to: string | null;
  at: number;
  /** Returns to an owner the ticket already had (DESIGN.md: ping-pong). */
  pingPong: boolean;
  automatic: boolean;
}

export interface TicketTimeline {
  visits: StatusVisit[];
  /** Current status: this visit, and all visits to it added up (Jira's rule). */
  currentVisitMs: number;
  accumulatedMs: number;
  ownerChanges: OwnerChange[];
}

/**
 * The ticket panel's story of one ticket, from its stored transitions. Before the first known
 * status change the ticket's first status runs from creation (or first sighting).
 */
export function ticketTimeline(ticket: TicketState, transitions: Transition[], now: number): TicketTimeline {
  const ordered = [...transitions].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const statusChanges = ordered.filter((t) => t.field === 'status');
  const visits: StatusVisit[] = [];
  const firstStatus = statusChanges[0]?.from ?? ticket.status;
  const start = ticket.createdAt ?? ticket.firstSeenAt;
  visits.push({ status: firstStatus, from: start, approximate: statusChanges.length === 0 ? !ticket.statusSinceExact && ticket.createdAt === undefined : false });
  for (const change of statusChanges) {
    visits[visits.length - 1].to = change.at;
    visits.push({ status: change.to, from: change.at, approximate: change.source === 'observed' && change.earliest !== change.latest });
  }
  const current = visits[visits.length - 1];
  if (statusChanges.length === 0) current.from = ticket.statusSince;
  const currentVisitMs = Math.max(0, now - current.from);
  const accumulatedMs = visits
    .filter((v) => v.status === current.status)
    .reduce((sum, v) => sum + Math.max(0, (v.to ?? now) - v.from), 0);

  const seen = { assignee: new Set<string>(), group: new Set<string>() };
  const firstOwner = { assignee: ordered.find((t) => t.field === 'assignee')?.from, group: ordered.find((t) => t.field === 'group')?.from };
  if (firstOwner.assignee) seen.assignee.add(firstOwner.assignee);
  if (firstOwner.group) seen.group.add(firstOwner.group);
  const ownerChanges: OwnerChange[] = [];
  for (const t of ordered) {
    if (t.field !== 'assignee' && t.field !== 'group') continue;
    const pingPong = t.to !== null && seen[t.field].has(t.to);
    if (t.to !== null) seen[t.field].add(t.to);
    ownerChanges.push({ field: t.field, from: t.from, to: t.to, at: t.at, pingPong, automatic: !!t.automatic });
  }
  return { visits, currentVisitMs, accumulatedMs, ownerChanges };
}
