import { ticketKey, transitionId, type TrackedField, type Transition } from '../../model';
import type { FieldValues } from '../../backfill/replay';
import type { Audit, TrackedEvent, TrackedEventField, Via } from './schemas';
import { NameDirectory } from './names';

const FIELD: Record<TrackedEventField, TrackedField> = {
  status: 'status',
  assignee_id: 'assignee',
  group_id: 'group',
  priority: 'priority',
};

export interface AuditHistory {
  transitions: Transition[];
  /** Values set by Create events: where the replay starts (Create makes no transition). */
  initial: FieldValues;
  /** Created-at of the audit holding the Create events, when present. */
  createdAt?: number;
  /** Ids seen in assignee/group events, for name lookups. */
  userIds: Set<string>;
  groupIds: Set<string>;
}

/**
 * A change a Zendesk business rule made: `via.channel: "rule"` with `source.rel` `trigger` or
 * `automation` (the event's own via first — a trigger's change sits inside the agent's audit —
 * then the audit's). Such changes are not human handoffs.
 */
export function isAutomatic(eventVia: Via | null | undefined, auditVia: Via | null | undefined): boolean {
  const via = eventVia ?? auditVia;
  if (!via || via.channel !== 'rule') return false;
  const rel = via.source?.rel;
  return rel === 'trigger' || rel === 'automation' || rel === null || rel === undefined;
}

/** Ids named in assignee/group events, before mapping: to look up names first. */
export function idsInAudits(audits: readonly Audit[]): { userIds: Set<string>; groupIds: Set<string> } {
  const userIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const audit of audits) {
    for (const event of audit.events) {
      const t = event.tracked;
      if (!t || (t.field !== 'assignee_id' && t.field !== 'group_id')) continue;
      const set = t.field === 'assignee_id' ? userIds : groupIds;
      for (const v of [t.value, t.previous]) if (typeof v === 'string') set.add(v);
    }
  }
  return { userIds, groupIds };
}

/**
 * Maps a ticket's audits to exact API transitions (source 'api', `at = earliest = latest` =
 * the audit's created_at) for status, assignee, group and priority. Pure.
 * - Audits are processed in time order; events in their given order within an audit.
 * - Create events give initial values only. A Change without previous_value takes the value
 *   the history had reached. A Change to the value already held makes no transition.
 * - `deleted` is kept as a status (stage done); an unset assignee/group is null.
 * - Trigger/automation changes carry `automatic: true`.
 */
export function auditsToHistory(
  host: string,
  ticketId: string,
  audits: readonly Audit[],
  names: NameDirectory = new NameDirectory(),
): AuditHistory {
  const key = ticketKey('zendesk', host, ticketId);
  const ordered = audits
    .filter((a) => a.ticket_id === ticketId)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.created_at - y.a.created_at || x.i - y.i)
    .map((x) => x.a);

  const initial: FieldValues = {};
  const current: FieldValues = {};
  const transitions: Transition[] = [];
  let createdAt: number | undefined;
  const display = (t: TrackedEvent, raw: string | null): string | null => {
    if (t.field === 'assignee_id') return names.user(raw);
    if (t.field === 'group_id') return names.group(raw);
    return raw;
  };

  for (const audit of ordered) {
    for (const event of audit.events) {
      const t = event.tracked;
      if (!t) continue;
      const field = FIELD[t.field];
      const to = truncate(display(t, t.value));
      if (t.kind === 'Create') {
        createdAt ??= audit.created_at;
        if (!(field in initial) && !(field in current)) initial[field] = to;
        current[field] = to;
        continue;
      }
      const from = t.previous !== undefined ? truncate(display(t, t.previous)) : current[field] ?? null;
      current[field] = to;
      if (from === to) continue;
      const transition: Transition = {
        id: '',
        key,
        field,
        from,
        to,
        at: audit.created_at,
        earliest: audit.created_at,
        latest: audit.created_at,
        source: 'api',
      };
      if (isAutomatic(event.via, audit.via)) transition.automatic = true;
      transition.id = transitionId(transition);
      transitions.push(transition);
    }
  }
  const { userIds, groupIds } = idsInAudits(ordered);
  return { transitions, initial, createdAt, userIds, groupIds };
}

/** `auditsToHistory(...).transitions`. */
export function auditsToTransitions(host: string, ticketId: string, audits: readonly Audit[], names?: NameDirectory): Transition[] {
  return auditsToHistory(host, ticketId, audits, names).transitions;
}

const truncate = (v: string | null) => (v === null ? null : v.slice(0, 500));
