import { CUSTOM_FIELD_ID } from './catalog';
import type { SimulatedHelpdesk } from './helpdesk';
import { deriveMetrics } from './metrics';
import { isoSeconds } from './time';
import type { SimAudit, SimEvent, SimTicket, SimUser } from './types';

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const STATUS_IDS = { new: 1001, open: 1002, pending: 1003, hold: 1004, solved: 1005, closed: 1006, deleted: 1007 } as const;
const MAX_SHOW_MANY = 100;

const ok = (body: unknown): ApiResponse => ({ status: 200, headers: { ...JSON_HEADERS }, body });
const error = (status: number, code: string, description: string): ApiResponse => ({
  status,
  headers: { ...JSON_HEADERS },
  body: { error: code, description },
});

/**
 * Zendesk's same-origin API over the simulated world (hosts.md shapes): numeric ids on
 * tickets, string ids in audit events, cursor pagination with meta.has_more / links.next.
 */
export function handleApi(desk: SimulatedHelpdesk, pathAndQuery: string): ApiResponse {
  const url = new URL(pathAndQuery, `https://${desk.host}`);
  const path = url.pathname;
  const failure = desk.takeFailure(path);
  if (failure) {
    const headers: Record<string, string> = { ...JSON_HEADERS };
    if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
    const body = failure.status === 429
      ? { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' }
      : { error: 'ServerError', description: `Simulated failure ${failure.status}` };
    return { status: failure.status, headers, body };
  }
  let m: RegExpExecArray | null;
  if (path === '/api/v2/tickets/show_many.json') return showMany(desk, url);
  if ((m = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(path))) {
    const t = live(desk, m[1]);
    return t ? ok({ ticket: ticketJson(desk, t), ...sideloads(desk, [t], url) }) : notFound();
  }
  if ((m = /^\/api\/v2\/tickets\/(\d+)\/audits\.json$/.exec(path))) {
    const t = desk.ticket(m[1]);
    if (!t) return notFound();
    const page = cursorPage(t.audits, url);
    return ok({ audits: page.items.map((a) => auditJson(a)), ...page.envelope });
  }
  if ((m = /^\/api\/v2\/tickets\/(\d+)\/metrics\.json$/.exec(path))) {
    const t = live(desk, m[1]);
    return t ? ok({ ticket_metric: deriveMetrics(t, desk.now, desk.host, (id) => desk.user(id)) }) : notFound();
  }
  if ((m = /^\/api\/v2\/views\/(\d+)\/tickets\.json$/.exec(path))) {
    if (!desk.view(m[1])) return notFound();
    const page = cursorPage(desk.viewTickets(m[1]), url);
    return ok({ tickets: page.items.map((t) => ticketJson(desk, t)), ...sideloads(desk, page.items, url), ...page.envelope });
  }
  if ((m = /^\/api\/v2\/views\/(\d+)\/execute\.json$/.exec(path))) return execute(desk, m[1], url);
  if (path === '/api/v2/views.json' || path === '/api/v2/views/active.json') {
    return ok({ views: desk.views().map((v) => ({ id: v.id, title: v.title, active: true, url: `https://${desk.host}/api/v2/views/${v.id}.json` })), count: desk.views().length, next_page: null, previous_page: null });
  }
  if (path === '/api/v2/users/me.json') return ok({ user: userJson(desk, desk.user(desk.meId)!) });
  return error(404, 'InvalidEndpoint', 'Not found');
}

function notFound(): ApiResponse {
  return error(404, 'RecordNotFound', 'Not found');
}

/** Deleted tickets disappear from ticket endpoints, as in Zendesk. */
function live(desk: SimulatedHelpdesk, id: string): SimTicket | undefined {
  const t = desk.ticket(id);
  return t && t.status !== 'deleted' ? t : undefined;
}

function showMany(desk: SimulatedHelpdesk, url: URL): ApiResponse {
  const ids = (url.searchParams.get('ids') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^\d+$/.test(s));
  if (ids.length > MAX_SHOW_MANY) return error(400, 'InvalidValue', `ids: at most ${MAX_SHOW_MANY}`);
  const tickets = ids.map((id) => live(desk, id)).filter((t): t is SimTicket => t !== undefined);
  return ok({
    tickets: tickets.map((t) => ticketJson(desk, t)),
    ...sideloads(desk, tickets, url),
    next_page: null,
    previous_page: null,
    count: tickets.length,
  });
}

/** `include=users,groups,metric_sets,slas` sideloads. */
function sideloads(desk: SimulatedHelpdesk, tickets: SimTicket[], url: URL): Record<string, unknown> {
  const include = new Set((url.searchParams.get('include') ?? '').split(',').map((s) => s.trim()));
  const out: Record<string, unknown> = {};
  if (include.has('users')) {
    const ids = new Set<number>();
    for (const t of tickets) {
      ids.add(t.requesterId);
      if (t.assigneeId !== null) ids.add(t.assigneeId);
    }
    out.users = [...ids].sort((a, b) => a - b).map((id) => userJson(desk, desk.user(id)!));
  }
  if (include.has('groups')) {
    const ids = new Set(tickets.map((t) => t.groupId).filter((g): g is number => g !== null));
    out.groups = desk.groups().filter((g) => ids.has(g.id)).map((g) => groupJson(desk, g.id));
  }
  if (include.has('metric_sets')) {
    out.metric_sets = tickets.map((t) => deriveMetrics(t, desk.now, desk.host, (id) => desk.user(id)));
  }
  return out;
}

export function ticketJson(desk: SimulatedHelpdesk, t: SimTicket): Record<string, unknown> {
  const requester = desk.user(t.requesterId);
  return {
    url: `https://${desk.host}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: null,
    via: {
      channel: t.channel,
      source: t.channel === 'email'
        ? { from: { address: requester?.email ?? null, name: requester?.name ?? null }, to: { address: `support@${desk.host}`, name: 'Support' }, rel: null }
        : { from: {}, to: {}, rel: null },
    },
    created_at: isoSeconds(t.createdAt),
    updated_at: isoSeconds(t.updatedAt),
    type: null,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    custom_status_id: STATUS_IDS[t.status],
    recipient: t.channel === 'email' ? `support@${desk.host}` : null,
    requester_id: t.requesterId,
    submitter_id: t.requesterId,
    assignee_id: t.assigneeId,
    organization_id: null,
    group_id: t.groupId,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [...t.tags],
    custom_fields: [{ id: CUSTOM_FIELD_ID, value: t.productArea.toLowerCase().replace(/\s+/g, '_') }],
    fields: [{ id: CUSTOM_FIELD_ID, value: t.productArea.toLowerCase().replace(/\s+/g, '_') }],
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    followup_ids: [],
    ticket_form_id: 360000001,
    brand_id: 360000002,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: t.channel === 'chat',
    slas: {
      policy_metrics: t.slaDueAt === null || t.slaMetric === null
        ? []
        : [{ breach_at: isoSeconds(t.slaDueAt), stage: 'active', metric: t.slaMetric, hours: null, minutes: Math.round((t.slaDueAt - desk.now) / 60_000), days: null }],
    },
  };
}

function userJson(desk: SimulatedHelpdesk, u: SimUser): Record<string, unknown> {
  return {
    id: u.id,
    url: `https://${desk.host}/api/v2/users/${u.id}.json`,
    name: u.name,
    email: u.email,
    role: u.role,
    active: true,
    default_group_id: u.groupIds[0] ?? null,
  };
}

function groupJson(desk: SimulatedHelpdesk, id: number): Record<string, unknown> {
  const g = desk.group(id)!;
  return { id: g.id, url: `https://${desk.host}/api/v2/groups/${g.id}.json`, name: g.name, deleted: false, default: false };
}

export function auditJson(a: SimAudit): Record<string, unknown> {
  return {
    id: a.id,
    ticket_id: a.ticket_id,
    created_at: isoSeconds(a.at),
    author_id: a.author_id,
    metadata: { system: {}, custom: {} },
    via: a.via,
    events: a.events.map((e) => eventJson(e, a.id)),
  };
}

function eventJson(e: SimEvent, auditId: number): Record<string, unknown> {
  if (e.type === 'Comment') {
    return {
      id: e.id,
      type: 'Comment',
      author_id: e.author_id,
      body: e.body,
      plain_body: e.body,
      public: e.public,
      attachments: [],
      audit_id: auditId,
    };
  }
  return { ...e };
}

/** Zendesk cursor pagination: `page[size]` (≤100), `page[after]`, `meta`, `links`. */
function cursorPage<T>(all: T[], url: URL): { items: T[]; envelope: Record<string, unknown> } {
  const size = Math.min(100, Math.max(1, Number(url.searchParams.get('page[size]') ?? 100) || 100));
  const after = url.searchParams.get('page[after]');
  const start = after ? decodeCursor(after) : 0;
  const items = all.slice(start, start + size);
  const hasMore = start + size < all.length;
  const link = (offset: number) => {
    const next = new URL(url.href);
    next.searchParams.delete('page[before]');
    next.searchParams.set('page[after]', encodeCursor(offset));
    next.searchParams.set('page[size]', String(size));
    return next.href;
  };
  return {
    items,
    envelope: {
      meta: { has_more: hasMore, after_cursor: hasMore ? encodeCursor(start + size) : null, before_cursor: start > 0 ? encodeCursor(start) : null },
      links: { prev: null, next: hasMore ? link(start + size) : null },
    },
  };
}

function encodeCursor(offset: number): string {
  return btoa(JSON.stringify({ o: offset }));
}

function decodeCursor(cursor: string): number {
  try {
    const o = Number((JSON.parse(atob(cursor)) as { o?: unknown }).o);
    return Number.isInteger(o) && o >= 0 ? o : 0;
  } catch {
    return 0;
  }
}

/** `execute.json`: offset pages of rows with column values, plus users and groups. */
function execute(desk: SimulatedHelpdesk, viewId: string, url: URL): ApiResponse {
  const view = desk.view(viewId);
  if (!view) return notFound();
  const all = desk.viewTickets(viewId);
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 100) || 100));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const pageUrl = (n: number) => {
    const u = new URL(url.href);
    u.searchParams.set('page', String(n));
    u.searchParams.set('per_page', String(perPage));
    return u.href;
  };
  return ok({
    view: { id: view.id, title: view.title, url: `https://${desk.host}/api/v2/views/${view.id}.json` },
    columns: [
      { id: 'status', title: 'Status' },
      { id: 'subject', title: 'Subject' },
      { id: 'requester', title: 'Requester' },
      { id: 'created', title: 'Requested' },
      { id: 'updated', title: 'Updated' },
      { id: 'group', title: 'Group' },
      { id: 'assignee', title: 'Assignee' },
      { id: 'priority', title: 'Priority' },
    ],
    rows: items.map((t) => ({
      ticket: { id: t.id, subject: t.subject, description: t.description, status: t.status, type: null, priority: t.priority, url: `https://${desk.host}/api/v2/tickets/${t.id}.json` },
      ticket_id: t.id,
      subject: t.subject,
      status: t.status,
      requester_id: t.requesterId,
      assignee_id: t.assigneeId,
      group_id: t.groupId,
      priority: t.priority,
      created: isoSeconds(t.createdAt),
      updated: isoSeconds(t.updatedAt),
    })),
    users: sideloads(desk, items, new URL('https://x/?include=users')).users,
    groups: sideloads(desk, items, new URL('https://x/?include=groups')).groups,
    count: all.length,
    next_page: page * perPage < all.length ? pageUrl(page + 1) : null,
    previous_page: page > 1 ? pageUrl(page - 1) : null,
  });
}
