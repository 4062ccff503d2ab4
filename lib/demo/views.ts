import type { SimStatus, SimTicket } from './types';
import { UNSOLVED } from './types';
import { DAY } from './time';

/** Columns a view page can show (ids of the simulator, not Zendesk's). */
export type ColumnId =
  | 'status'
  | 'id'
  | 'priority'
  | 'subject'
  | 'requester'
  | 'created'
  | 'updated'
  | 'group'
  | 'assignee'
  | 'sla'
  | 'custom';

export const ALL_COLUMNS: readonly ColumnId[] = [
  'status', 'id', 'priority', 'subject', 'requester', 'created', 'updated', 'group', 'assignee', 'sla', 'custom',
];

export interface ViewContext {
  now: number;
  meId: number;
}

export interface SimView {
  id: number;
  title: string;
  matches: (t: SimTicket, ctx: ViewContext) => boolean;
  sort: { by: ColumnId; dir: 'asc' | 'desc' };
}

const unsolved = (s: SimStatus) => UNSOLVED.includes(s);

export const VIEWS: readonly SimView[] = [
  {
    id: 360001001,
    title: 'Your unsolved tickets',
    matches: (t, ctx) => unsolved(t.status) && t.assigneeId === ctx.meId,
    sort: { by: 'updated', dir: 'desc' },
  },
  {
    id: 360001002,
    title: 'Unassigned tickets',
    matches: (t) => unsolved(t.status) && t.assigneeId === null,
    sort: { by: 'created', dir: 'asc' },
  },
  {
    id: 360001003,
    title: 'All unsolved tickets',
    matches: (t) => unsolved(t.status),
    sort: { by: 'created', dir: 'asc' },
  },
  {
    id: 360001004,
    title: 'Recently updated tickets',
    matches: (t, ctx) => t.status !== 'deleted' && t.status !== 'closed' && ctx.now - t.updatedAt < 7 * DAY,
    sort: { by: 'updated', dir: 'desc' },
  },
  {
    id: 360001005,
    title: 'Pending tickets',
    matches: (t) => t.status === 'pending',
    sort: { by: 'updated', dir: 'desc' },
  },
  {
    id: 360001006,
    title: 'Recently solved tickets',
    matches: (t, ctx) => (t.status === 'solved' || t.status === 'closed') && ctx.now - t.updatedAt < 7 * DAY,
    sort: { by: 'updated', dir: 'desc' },
  },
];

export function findView(id: number): SimView | undefined {
  return VIEWS.find((v) => v.id === id);
}

const PRIORITY_RANK = { low: 0, normal: 1, high: 2, urgent: 3 } as const;

/** Sort key per column; ties break by id so pages are stable. */
export function sortTickets(
  tickets: SimTicket[],
  by: ColumnId,
  dir: 'asc' | 'desc',
  nameOf: (userOrGroupId: number | null) => string,
): SimTicket[] {
  const key = (t: SimTicket): number | string => {
    switch (by) {
      case 'id': return t.id;
      case 'created': return t.createdAt;
      case 'updated': return t.updatedAt;
      case 'priority': return t.priority ? PRIORITY_RANK[t.priority] : -1;
      case 'sla': return t.slaDueAt ?? Number.MAX_SAFE_INTEGER;
      case 'subject': return t.subject.toLowerCase();
      case 'status': return t.status;
      case 'assignee': return nameOf(t.assigneeId);
      case 'group': return nameOf(t.groupId);
      case 'requester': return nameOf(t.requesterId);
      case 'custom': return t.productArea;
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...tickets].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -sign;
    if (ka > kb) return sign;
    return a.id - b.id;
  });
}
