import { createdTicketState } from '../../../lib/ingest/ticket-state';
import { transitionId, type TicketState, type Transition, type TrackedField } from '../../../lib/model';

/** Hand-built histories for worked examples. Times are given as instants (ms). */
export const H = 3_600_000;
export const D = 24 * H;
/** Monday 2025-06-02 00:00 UTC: a fixed origin for worked examples. */
export const T0 = Date.UTC(2025, 5, 2);

export function ticket(id: string, fields: Partial<TicketState> = {}): TicketState {
  const tool = fields.tool ?? 'zendesk';
  const host = fields.host ?? (tool === 'zendesk' ? 'acme.zendesk.com' : 'acme.atlassian.net');
  const status = fields.status === undefined ? 'open' : fields.status;
  const created = createdTicketState({ tool, host, id, createdAt: fields.createdAt ?? T0, status, priority: 'normal' });
  // Tests build Zendesk-shaped states by default, wherever they are hosted.
  return { ...created, key: `${tool}:${host}:${id}`, lastPageKind: 'zendesk-view', ...fields };
}

export function change(
  of: TicketState | string,
  field: TrackedField,
  from: string | null,
  to: string | null,
  at: number,
  automatic = false,
): Transition {
  const key = typeof of === 'string' ? of : of.key;
  const t: Transition = { id: '', key, field, from, to, at, earliest: at, latest: at, source: 'api' };
  if (automatic) t.automatic = true;
  t.id = transitionId(t);
  return t;
}
