import { describe, expect, it } from 'vitest';
import { auditsToHistory, auditsToTransitions, isAutomatic } from '../../../lib/zendesk/api/audits';
import { NameDirectory } from '../../../lib/zendesk/api/names';
import { AuditsPageSchema, nextAuditsPage, ShowManyResponseSchema, UsersResponseSchema } from '../../../lib/zendesk/api/schemas';
import { isHandoff } from '../../../lib/ingest/handoffs';
import { transitionId } from '../../../lib/model';
import { fixture, HOST } from './fake-zendesk';

const page = (name: string) => AuditsPageSchema.parse(fixture(name));
const audits101 = () => [...page('audits_101_page1.json').audits, ...page('audits_101_page2.json').audits];

function directory(): NameDirectory {
  const names = new NameDirectory();
  const shown = ShowManyResponseSchema.parse(fixture('show_many_101_102_103.json'));
  names.addUsers(shown.users);
  names.addGroups(shown.groups);
  names.addUsers(UsersResponseSchema.parse(fixture('users_show_many_1003.json')).users);
  return names;
}
const at = (iso: string) => Date.parse(iso);

describe('auditsToTransitions (ticket 101, two cursor pages)', () => {
  it('follows cursor pagination: has_more + links.next, then stops', () => {
    expect(nextAuditsPage(page('audits_101_page1.json'))).toBe('https://acme.zendesk.com/api/v2/tickets/101/audits.json?page[after]=cursor-p2&page[size]=100');
    expect(nextAuditsPage(page('audits_101_page2.json'))).toBeUndefined();
    expect(nextAuditsPage(page('audits_102_page1_offset.json'))).toBe('https://acme.zendesk.com/api/v2/tickets/102/audits.json?page=2');
    expect(nextAuditsPage(page('audits_102_page2_offset.json'))).toBeUndefined();
  });

  it('maps status/assignee/group/priority changes to exact API transitions with names', () => {
    const h = auditsToHistory(HOST, '101', audits101(), directory());
    expect(h.initial).toEqual({ status: 'new', assignee: null, group: 'Tier 1', priority: 'normal' });
    expect(h.createdAt).toBe(at('2026-03-02T09:00:00Z'));
    const rows = h.transitions.map((t) => [t.field, t.from, t.to, new Date(t.at).toISOString(), t.automatic ?? false]);
    expect(rows).toEqual([
      ['group', 'Tier 1', 'Tier 2', '2026-03-02T09:00:05.000Z', true],
      ['status', 'new', 'open', '2026-03-02T09:00:05.000Z', true],
      ['assignee', null, 'Alice Agent', '2026-03-02T10:15:00.000Z', false],
      ['assignee', 'Alice Agent', 'Bob Agent', '2026-03-03T08:00:00.000Z', false],
      ['priority', 'normal', 'high', '2026-03-03T08:00:00.000Z', false],
      ['group', 'Tier 2', 'Tier 1', '2026-03-04T12:00:00.000Z', false],
      ['assignee', 'Bob Agent', 'Carol Agent', '2026-03-04T12:00:00.000Z', false],
      ['status', 'open', 'pending', '2026-03-05T16:30:00.000Z', true],
      ['assignee', 'Carol Agent', 'Alice Agent', '2026-03-06T09:00:00.000Z', false],
      ['status', 'pending', 'open', '2026-03-06T09:00:00.000Z', false],
    ]);
    for (const t of h.transitions) {
      expect(t.source).toBe('api');
      expect(t.key).toBe('zendesk:acme.zendesk.com:101');
      expect(t.earliest).toBe(t.at);
      expect(t.latest).toBe(t.at);
      expect(t.id).toBe(transitionId(t));
    }
    // A trigger's group move is not a handoff; the four human moves are.
    expect(h.transitions.filter(isHandoff)).toHaveLength(4);
  });

  it('falls back to id:<n> for ids no directory resolves', () => {
    const ts = auditsToTransitions(HOST, '101', audits101());
    expect(ts.find((t) => t.field === 'assignee' && t.from === null)?.to).toBe('id:1001');
    expect(ts.filter((t) => t.field === 'group').map((t) => t.to)).toEqual(['id:202', 'id:201']);
  });

  it('handles null assignee and the deleted status (ticket 102, offset pages)', () => {
    const audits = [...page('audits_102_page1_offset.json').audits, ...page('audits_102_page2_offset.json').audits];
    const h = auditsToHistory(HOST, '102', audits, directory());
    expect(h.initial).toEqual({ status: 'open', assignee: 'Bob Agent', group: 'Tier 1', priority: null });
    expect(h.transitions.map((t) => [t.field, t.from, t.to])).toEqual([
      ['assignee', 'Bob Agent', null],
      ['status', 'open', 'deleted'],
    ]);
    expect(h.transitions.some(isHandoff)).toBe(false); // unassigning is not a handoff
  });

  it('is order-independent across pages and ignores audits of other tickets', () => {
    const shuffled = audits101().reverse();
    expect(auditsToTransitions(HOST, '101', shuffled)).toEqual(auditsToTransitions(HOST, '101', audits101()));
    expect(auditsToTransitions(HOST, '999', audits101())).toEqual([]);
  });

  it('uses the running value when a Change omits previous_value, and skips no-op changes', () => {
    const parsed = AuditsPageSchema.parse({
      audits: [
        { id: 1, ticket_id: 5, created_at: '2026-01-01T00:00:00Z', events: [{ type: 'Create', field_name: 'status', value: 'new' }] },
        { id: 2, ticket_id: 5, created_at: '2026-01-01T01:00:00Z', events: [{ type: 'Change', field_name: 'status', value: 'open' }] },
        { id: 3, ticket_id: 5, created_at: '2026-01-01T02:00:00Z', events: [{ type: 'Change', field_name: 'status', value: 'open', previous_value: 'open' }] },
      ],
    });
    expect(auditsToTransitions(HOST, '5', parsed.audits).map((t) => [t.from, t.to])).toEqual([['new', 'open']]);
  });
});

describe('isAutomatic', () => {
  it('marks trigger and automation changes, from the event or its audit', () => {
    expect(isAutomatic({ channel: 'rule', source: { rel: 'trigger' } }, { channel: 'web' })).toBe(true);
    expect(isAutomatic(undefined, { channel: 'rule', source: { rel: 'automation' } })).toBe(true);
    expect(isAutomatic(undefined, { channel: 'web', source: { rel: null } })).toBe(false);
    expect(isAutomatic(undefined, undefined)).toBe(false);
  });
});

describe('audit schemas reject what they cannot use', () => {
  it('a status Zendesk never sends', () => {
    expect(AuditsPageSchema.safeParse(fixture('audits_104_malformed_status.json')).success).toBe(false);
  });
  it('a bad timestamp, a non-numeric id, an object as assignee', () => {
    const base = { id: 1, ticket_id: 5, created_at: '2026-01-01T00:00:00Z', events: [] as unknown[] };
    expect(AuditsPageSchema.safeParse({ audits: [{ ...base, created_at: 'yesterday' }] }).success).toBe(false);
    expect(AuditsPageSchema.safeParse({ audits: [{ ...base, ticket_id: 'abc' }] }).success).toBe(false);
    expect(
      AuditsPageSchema.safeParse({ audits: [{ ...base, events: [{ type: 'Change', field_name: 'assignee_id', value: { id: 1 }, previous_value: null }] }] }).success,
    ).toBe(false);
  });
  it('while unknown keys, unknown event types and untracked fields pass', () => {
    const ok = AuditsPageSchema.safeParse({
      audits: [{ id: 1, ticket_id: 5, created_at: '2026-01-01T00:00:00Z', new_thing: 1, events: [{ type: 'VoiceComment', data: {} }, { type: 'Change', field_name: 'tags', value: ['a'], previous_value: [] }] }],
      meta: { has_more: false, after_cursor: null },
    });
    expect(ok.success).toBe(true);
  });
});
