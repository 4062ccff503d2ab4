import type { TicketMetric } from './schemas';

/** What QueueLens takes from a Zendesk ticket metric set. */
export interface MetricFacts {
  reopens: number;
  replies: number;
  /** Zendesk's own counts of distinct assignees / groups the ticket had. */
  assigneeStations: number;
  groupStations: number;
  /** Latest solve; absent while unsolved. */
  solvedAt?: number;
  /** Calendar minutes, when reached. */
  firstReplyMinutes?: number;
  fullResolutionMinutes?: number;
  onHoldMinutes?: number;
}

/** Pure mapping of a validated metric set. */
export function metricsToFacts(m: TicketMetric): MetricFacts {
  const facts: MetricFacts = {
    reopens: m.reopens,
    replies: m.replies,
    assigneeStations: m.assignee_stations,
    groupStations: m.group_stations,
  };
  if (m.solved_at != null) facts.solvedAt = m.solved_at;
  const calendar = (d: TicketMetric['reply_time_in_minutes']) => d?.calendar ?? undefined;
  const firstReply = calendar(m.reply_time_in_minutes);
  const fullResolution = calendar(m.full_resolution_time_in_minutes);
  const onHold = calendar(m.on_hold_time_in_minutes);
  if (firstReply !== undefined) facts.firstReplyMinutes = firstReply;
  if (fullResolution !== undefined) facts.fullResolutionMinutes = fullResolution;
  if (onHold !== undefined) facts.onHoldMinutes = onHold;
  return facts;
}
