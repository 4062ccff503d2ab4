import { businessMinutesBetween, isoSeconds, MINUTE } from './time';
import type { SimAudit, SimTicket, SimUser } from './types';

/** Calendar and business minutes, Zendesk's duration shape; null until reached. */
export interface Duration {
  calendar: number | null;
  business: number | null;
}

export interface TicketMetricJson {
  id: number;
  ticket_id: number;
  url: string;
  created_at: string;
  updated_at: string;
  group_stations: number;
  assignee_stations: number;
  reopens: number;
  replies: number;
  assignee_updated_at: string | null;
  requester_updated_at: string | null;
  status_updated_at: string | null;
  initially_assigned_at: string | null;
  assigned_at: string | null;
  solved_at: string | null;
  latest_comment_added_at: string | null;
  reply_time_in_minutes: Duration;
  first_resolution_time_in_minutes: Duration;
  full_resolution_time_in_minutes: Duration;
  agent_wait_time_in_minutes: Duration;
  requester_wait_time_in_minutes: Duration;
  on_hold_time_in_minutes: Duration;
}

const iso = (t: number | null) => (t === null ? null : isoSeconds(t));

function span(from: number, to: number | null): Duration {
  if (to === null) return { calendar: null, business: null };
  return { calendar: Math.round((to - from) / MINUTE), business: businessMinutesBetween(from, to) };
}

/**
 * Ticket metrics derived from the audits alone, so they always agree with the audit trail:
 * stations count assignments to a non-empty value, reopens count solved → unsolved.
 */
export function deriveMetrics(
  t: SimTicket,
  now: number,
  host: string,
  userOf: (id: number) => SimUser | undefined,
): TicketMetricJson {
  let status = 'new';
  let statusSince = t.createdAt;
  let groupStations = 0;
  let assigneeStations = 0;
  let reopens = 0;
  let replies = 0;
  let firstReply: number | null = null;
  let firstSolved: number | null = null;
  let lastSolved: number | null = null;
  let statusUpdated: number | null = null;
  let assignedAt: number | null = null;
  let initiallyAssigned: number | null = null;
  let latestComment: number | null = null;
  let agentUpdated: number | null = null;
  let requesterUpdated: number | null = null;
  const inStatus: Record<string, number> = {};
  const leaveStatus = (at: number) => {
    inStatus[status] = (inStatus[status] ?? 0) + (at - statusSince);
    statusSince = at;
  };
  const businessIn: Record<string, number> = {};
  const leaveStatusBusiness = (from: number, at: number, s: string) => {
    businessIn[s] = (businessIn[s] ?? 0) + businessMinutesBetween(from, at);
  };

  for (const audit of t.audits as SimAudit[]) {
    const author = userOf(audit.author_id);
    if (author?.role === 'agent') agentUpdated = audit.at;
    if (audit.author_id === t.requesterId) requesterUpdated = audit.at;
    for (const e of audit.events) {
      if (e.type === 'Comment') {
        latestComment = audit.at;
        if (e.public && userOf(e.author_id)?.role === 'agent') {
          replies += 1;
          firstReply ??= audit.at;
        }
        continue;
      }
      if (e.field_name === 'group_id' && e.value !== null) groupStations += 1;
      if (e.field_name === 'assignee_id' && e.value !== null) {
        assigneeStations += 1;
        assignedAt = audit.at;
        initiallyAssigned ??= audit.at;
      }
      if (e.field_name === 'status' && e.type === 'Change' && e.value !== null) {
        const from = statusSince;
        const previous = status;
        leaveStatus(audit.at);
        leaveStatusBusiness(from, audit.at, previous);
        status = e.value;
        statusUpdated = audit.at;
        if (e.previous_value === 'solved' && e.value !== 'closed' && e.value !== 'deleted') reopens += 1;
        if (e.value === 'solved') {
          firstSolved ??= audit.at;
          lastSolved = audit.at;
        }
      }
    }
  }
  const end = status === 'solved' || status === 'closed' ? statusSince : now;
  const openFrom = statusSince;
  inStatus[status] = (inStatus[status] ?? 0) + Math.max(0, end - openFrom);
  if (end > openFrom) businessIn[status] = (businessIn[status] ?? 0) + businessMinutesBetween(openFrom, end);
  const everSolved = lastSolved !== null;
  const mins = (ms: number | undefined) => Math.round((ms ?? 0) / MINUTE);
  const waited = (keys: string[]): Duration =>
    everSolved
      ? { calendar: keys.reduce((a, k) => a + mins(inStatus[k]), 0), business: keys.reduce((a, k) => a + (businessIn[k] ?? 0), 0) }
      : { calendar: null, business: null };
  const resolved = status === 'solved' || status === 'closed';

  return {
    id: 9_000_000_000 + t.id,
    ticket_id: t.id,
    url: `https://${host}/api/v2/ticket_metrics/${9_000_000_000 + t.id}.json`,
    created_at: isoSeconds(t.createdAt),
    updated_at: isoSeconds(t.updatedAt),
    group_stations: groupStations,
    assignee_stations: assigneeStations,
    reopens,
    replies,
    assignee_updated_at: iso(agentUpdated),
    requester_updated_at: iso(requesterUpdated),
    status_updated_at: iso(statusUpdated),
    initially_assigned_at: iso(initiallyAssigned),
    assigned_at: iso(assignedAt),
    solved_at: iso(lastSolved),
    latest_comment_added_at: iso(latestComment),
    reply_time_in_minutes: span(t.createdAt, firstReply),
    first_resolution_time_in_minutes: span(t.createdAt, firstSolved),
    full_resolution_time_in_minutes: span(t.createdAt, resolved ? lastSolved : null),
    agent_wait_time_in_minutes: waited(['pending']),
    requester_wait_time_in_minutes: waited(['new', 'open', 'hold']),
    on_hold_time_in_minutes: { calendar: mins(inStatus.hold), business: businessIn.hold ?? 0 },
  };
}
