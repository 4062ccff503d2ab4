import { describe, expect, it } from 'vitest';
import { renderViewParts } from '../../../lib/demo/render-view';
import type { SimTicket } from '../../../lib/demo/types';
import { makeDesk } from './support';

type Json = Record<string, any>;
const ALL_UNSOLVED = 360001003;

describe('same-origin API answers from the same world as the pages', () => {
  const desk = makeDesk();
  const get = (path: string) => desk.api(path);

  it('show_many with users and groups sideloads matches the rendered names and statuses', () => {
    const rows = renderViewParts(desk, { viewId: ALL_UNSOLVED })!.tickets;
    const res = get(`/api/v2/tickets/show_many.json?ids=${rows.map((t) => t.id).join(',')}&include=users,groups`);
    expect(res.status).toBe(200);
    const body = res.body as Json;
    expect(body.tickets.map((t: Json) => t.id)).toEqual(rows.map((t) => t.id));
    const users = new Map<number, string>(body.users.map((u: Json) => [u.id, u.name]));
    const groups = new Map<number, string>(body.groups.map((g: Json) => [g.id, g.name]));
    for (const [i, t] of body.tickets.entries()) {
      const sim: SimTicket = rows[i];
      expect(typeof t.id).toBe('number');
      expect(t.status).toBe(sim.status);
      expect(t.assignee_id === null ? null : users.get(t.assignee_id)).toBe(desk.nameOf(sim.assigneeId) || null);
      expect(t.group_id === null ? null : groups.get(t.group_id)).toBe(desk.nameOf(sim.groupId) || null);
      expect(Date.parse(t.created_at)).toBe(Math.floor(sim.createdAt / 1000) * 1000);
      expect(t.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(t.via.channel).toBe(sim.channel);
    }
    expect(get('/api/v2/tickets/show_many.json?ids=' + Array.from({ length: 101 }, (_, i) => i + 1).join(',')).status).toBe(400);
  });

  it('audits page by cursor and reconstruct the ticket; Change values are strings, Create has no previous_value', () => {
    const t = desk.tickets().find((x) => x.audits.length >= 6)!;
    const audits: Json[] = [];
    let next: string | null = `/api/v2/tickets/${t.id}/audits.json?page[size]=2`;
    let pages = 0;
    while (next) {
      const body = get(next).body as Json;
      audits.push(...body.audits);
      expect(body.meta.has_more).toBe(body.links.next !== null);
      next = body.links.next;
      if (next) expect(next).toContain('page%5Bsize%5D=2');
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(t.audits.length / 2));
    expect(audits.map((a) => a.id)).toEqual(t.audits.map((a) => a.id));
    let status: string | null = null;
    let assignee: string | null = null;
    for (const a of audits) {
      expect(a.ticket_id).toBe(t.id);
      for (const e of a.events) {
        if (e.type === 'Create') expect('previous_value' in e).toBe(false);
        if (e.type === 'Change' && e.field_name === 'assignee_id') {
          expect(e.value === null || typeof e.value === 'string').toBe(true);
          expect(e.previous_value === null || typeof e.previous_value === 'string').toBe(true);
        }
        if (e.field_name === 'status') status = e.value;
        if (e.field_name === 'assignee_id') assignee = e.value;
      }
    }
    expect(status).toBe(t.status);
    expect(assignee).toBe(t.assigneeId === null ? null : String(t.assigneeId));
  });

  it('automatic changes carry via.channel rule with source.rel trigger/automation', () => {
    const all = desk.tickets().flatMap((t) => (get(`/api/v2/tickets/${t.id}/audits.json`).body as Json).audits as Json[]);
    const rules = all.filter((a) => a.via.channel === 'rule');
    expect(rules.some((a) => a.via.source.rel === 'trigger')).toBe(true);
    expect(rules.some((a) => a.via.source.rel === 'automation')).toBe(true);
    for (const a of rules) expect(a.author_id).toBe(-1);
  });

  it('metrics agree with the audits: stations, reopens, replies, solved_at', () => {
    for (const t of desk.tickets().filter((x) => x.status !== 'deleted').slice(0, 120)) {
      const m = (get(`/api/v2/tickets/${t.id}/metrics.json`).body as Json).ticket_metric;
      const events = t.audits.flatMap((a) => a.events.map((e) => ({ a, e })));
      const changes = (field: string) => events.filter(({ e }) => e.type !== 'Comment' && e.field_name === field && e.value !== null);
      expect(m.ticket_id).toBe(t.id);
      expect(m.assignee_stations).toBe(changes('assignee_id').length);
      expect(m.group_stations).toBe(changes('group_id').length);
      const reopens = events.filter(({ e }) => e.type === 'Change' && e.field_name === 'status' && e.previous_value === 'solved' && e.value === 'open').length;
      expect(m.reopens).toBe(reopens);
      const replies = events.filter(({ e }) => e.type === 'Comment' && e.public && desk.user(e.author_id)?.role === 'agent').length;
      expect(m.replies).toBe(replies);
      const solved = events.filter(({ e }) => e.type === 'Change' && e.field_name === 'status' && e.value === 'solved');
      expect(m.solved_at === null).toBe(solved.length === 0);
      for (const key of ['reply_time_in_minutes', 'full_resolution_time_in_minutes', 'on_hold_time_in_minutes']) {
        expect(Object.keys(m[key]).sort()).toEqual(['business', 'calendar']);
      }
    }
    expect(desk.tickets().some((t) => ((get(`/api/v2/tickets/${t.id}/metrics.json`).body as Json).ticket_metric?.reopens ?? 0) > 0)).toBe(true);
  });

  it('view tickets (cursor) and execute (offset) list what the view page lists', () => {
    const all = desk.viewTickets(ALL_UNSOLVED).map((t) => t.id);
    const ids: number[] = [];
    let next: string | null = `/api/v2/views/${ALL_UNSOLVED}/tickets.json?page[size]=25`;
    while (next) {
      const body = get(next).body as Json;
      ids.push(...body.tickets.map((t: Json) => t.id));
      next = body.meta.has_more ? body.links.next : null;
    }
    expect(ids).toEqual(all);
    const exec = get(`/api/v2/views/${ALL_UNSOLVED}/execute.json?per_page=30`).body as Json;
    expect(exec.count).toBe(all.length);
    expect(exec.rows.map((r: Json) => r.ticket_id)).toEqual(renderViewParts(desk, { viewId: ALL_UNSOLVED })!.tickets.map((t) => t.id));
    expect(exec.next_page).toContain('page=2');
    expect(get('/api/v2/views/1/tickets.json').status).toBe(404);
  });

  it('failNext injects one 429 with Retry-After, then answers normally', () => {
    const local = makeDesk();
    local.failNext('/api/v2/tickets/', { status: 429, retryAfterSeconds: 7 });
    const first = local.api('/api/v2/tickets/show_many.json?ids=4001');
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('7');
    expect(local.api('/api/v2/tickets/show_many.json?ids=4001').status).toBe(200);
    local.failNext('/api/v2/views/', { status: 503, times: 2 });
    expect(local.api(`/api/v2/views/${ALL_UNSOLVED}/tickets.json`).status).toBe(503);
    expect(local.api(`/api/v2/views/${ALL_UNSOLVED}/tickets.json`).status).toBe(503);
    expect(local.api(`/api/v2/views/${ALL_UNSOLVED}/tickets.json`).status).toBe(200);
  });

  it('a manual reassignment shows as one more assignee station and an assignee_id Change', () => {
    const local = makeDesk();
    const t = local.tickets().find((x) => x.status === 'open' && x.assigneeId !== null)!;
    const before = (local.api(`/api/v2/tickets/${t.id}/metrics.json`).body as Json).ticket_metric.assignee_stations;
    const other = local.agents().find((a) => a.id !== t.assigneeId)!;
    const previous = String(t.assigneeId);
    local.reassign(t.id, other.name);
    const after = (local.api(`/api/v2/tickets/${t.id}/metrics.json`).body as Json).ticket_metric.assignee_stations;
    expect(after).toBe(before + 1);
    const audits = (local.api(`/api/v2/tickets/${t.id}/audits.json`).body as Json).audits as Json[];
    expect(audits.at(-1)!.events).toContainEqual(expect.objectContaining({ type: 'Change', field_name: 'assignee_id', value: String(other.id), previous_value: previous }));
    expect(audits.at(-1)!.via.channel).toBe('web');
  });
});
