import { describe, expect, it } from 'vitest';
import { HOSTILE_SUBJECT } from '../../../lib/demo/catalog';
import { SimulatedHelpdesk } from '../../../lib/demo/helpdesk';
import { DAY, HOUR } from '../../../lib/demo/time';
import type { SimChangeEvent, SimTicket } from '../../../lib/demo/types';
import { NOW, makeDesk } from './support';

const snapshot = (desk: SimulatedHelpdesk) => JSON.stringify(desk.tickets());
const changes = (t: SimTicket, field: string) =>
  t.audits.flatMap((a) => a.events.filter((e): e is SimChangeEvent => e.type === 'Change' && e.field_name === field).map((e) => ({ a, e })));

describe('SimulatedHelpdesk: a deterministic world', () => {
  it('is identical under the same seed and differs under another', () => {
    expect(snapshot(makeDesk())).toBe(snapshot(makeDesk()));
    expect(snapshot(makeDesk({ seed: 43 }))).not.toBe(snapshot(makeDesk()));
  });

  it('gives the same world whether advanced in one step or many', () => {
    const once = makeDesk();
    once.advance(NOW + 2 * DAY);
    const steps = makeDesk();
    for (let t = NOW; t <= NOW + 2 * DAY; t += 37 * 60_000) steps.advance(t);
    steps.advance(NOW + 2 * DAY);
    expect(snapshot(steps)).toBe(snapshot(once));
  });

  it('has weeks of history with business-hours seasonality and a meaningful queue', () => {
    const desk = makeDesk();
    const tickets = desk.tickets();
    expect(tickets.length).toBeGreaterThan(150);
    const oldest = Math.min(...tickets.map((t) => t.createdAt));
    expect(NOW - oldest).toBeGreaterThan(20 * DAY);
    const weekday = tickets.filter((t) => [1, 2, 3, 4, 5].includes(new Date(t.createdAt).getUTCDay())).length;
    const weekend = tickets.length - weekday;
    expect(weekday / 5).toBeGreaterThan((weekend / 2) * 3);
    const businessHours = tickets.filter((t) => {
      const h = new Date(t.createdAt).getUTCHours();
      return h >= 8 && h < 18;
    }).length;
    expect(businessHours / tickets.length).toBeGreaterThan(0.6);
    const unsolved = tickets.filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status));
    expect(unsolved.length).toBeGreaterThan(20);
    for (const v of desk.views()) expect(v.count, v.title).toBeGreaterThan(0);
  });

  it('records every kind of movement as audits: transitions, handoffs, ping-pong, reopens, rules', () => {
    const desk = makeDesk();
    const all = desk.tickets();
    const statusPairs = new Set(all.flatMap((t) => changes(t, 'status').map(({ e }) => `${e.previous_value}>${e.value}`)));
    for (const pair of ['new>open', 'open>pending', 'pending>open', 'open>solved', 'solved>closed', 'open>hold', 'hold>open', 'solved>open', 'pending>solved']) {
      expect(statusPairs, pair).toContain(pair);
    }
    const handedOff = all.filter((t) => changes(t, 'assignee_id').filter(({ e }) => e.previous_value !== null && e.value !== null).length > 0);
    expect(handedOff.length).toBeGreaterThan(5);
    const pingPong = all.filter((t) => {
      const groups = changes(t, 'group_id').map(({ e }) => e.value);
      return groups.some((g, i) => i >= 2 && g === groups[i - 2]);
    });
    expect(pingPong.length).toBeGreaterThan(0);
    const viaTrigger = all.flatMap((t) => t.audits).filter((a) => a.via.channel === 'rule' && a.via.source.rel === 'trigger');
    const viaAutomation = all.flatMap((t) => t.audits).filter((a) => a.via.channel === 'rule' && a.via.source.rel === 'automation');
    expect(viaTrigger.length).toBeGreaterThan(10);
    expect(viaAutomation.length).toBeGreaterThan(10);
    for (const a of viaTrigger) for (const e of a.events) if (e.type === 'Change') expect(e.via?.source.rel).toBe('trigger');
  });

  it('keeps fields consistent with the audit trail', () => {
    const desk = makeDesk();
    for (const t of desk.tickets()) {
      const last = (field: string, initial: string | null) => {
        let value = initial;
        for (const a of t.audits) for (const e of a.events) if (e.type !== 'Comment' && e.field_name === field) value = e.value;
        return value;
      };
      expect(last('status', null)).toBe(t.status);
      expect(last('assignee_id', null)).toBe(t.assigneeId === null ? null : String(t.assigneeId));
      expect(last('group_id', null)).toBe(t.groupId === null ? null : String(t.groupId));
      expect(t.updatedAt).toBe(Math.max(...t.audits.map((a) => a.at)));
      for (let i = 1; i < t.audits.length; i++) expect(t.audits[i].at).toBeGreaterThanOrEqual(t.audits[i - 1].at);
    }
  });

  it('advance() brings arrivals and transitions', () => {
    const desk = makeDesk();
    const before = new Map(desk.tickets().map((t) => [t.id, t.audits.length]));
    desk.advance(NOW + 3 * DAY);
    const after = desk.tickets();
    expect(after.length).toBeGreaterThan(before.size);
    const moved = after.filter((t) => before.has(t.id) && t.audits.length > before.get(t.id)!);
    expect(moved.length).toBeGreaterThan(10);
    expect(desk.now).toBe(NOW + 3 * DAY);
  });

  it('has the hostile-subject ticket unsolved and assigned to me', () => {
    const desk = makeDesk();
    const hostile = desk.tickets().find((t) => t.subject === HOSTILE_SUBJECT)!;
    expect(hostile).toBeDefined();
    expect(['open', 'pending', 'new']).toContain(hostile.status);
    expect(hostile.assigneeId).toBe(desk.meId);
  });

  it('manual helpers change the ticket through audits made by me', () => {
    const desk = makeDesk();
    const t = desk.tickets().find((x) => x.status === 'open' && x.assigneeId !== null)!;
    const other = desk.agents().find((a) => a.id !== t.assigneeId && a.groupIds.includes(t.groupId!))!;
    desk.reassign(t.id, other.name);
    expect(t.assigneeId).toBe(other.id);
    let audit = t.audits.at(-1)!;
    expect(audit.author_id).toBe(desk.meId);
    expect(audit.at).toBe(NOW);
    expect(audit.events).toContainEqual(expect.objectContaining({ type: 'Change', field_name: 'assignee_id', value: String(other.id) }));

    desk.moveGroup(t.id, 'Escalations');
    expect(desk.nameOf(t.groupId)).toBe('Escalations');
    desk.setStatus(t.id, 'pending');
    expect(t.status).toBe('pending');
    expect(t.slaDueAt).toBeNull();
    audit = t.audits.at(-1)!;
    expect(audit.events).toEqual([expect.objectContaining({ field_name: 'status', value: 'pending', previous_value: 'open' })]);
    expect(() => desk.reassign(t.id, 'Nobody Here')).toThrow();
    expect(() => desk.moveGroup(t.id, 'Nowhere')).toThrow();
  });

  it('takes custom agents and groups', () => {
    const desk = new SimulatedHelpdesk({ seed: 1, now: NOW, agents: ['Ada', 'Grace', 'Linus'], groups: ['Red', 'Blue'], initialTickets: 60, historyDays: 14 });
    expect(desk.agents().map((a) => a.name)).toEqual(['Ada', 'Grace', 'Linus']);
    expect(desk.groups().map((g) => g.name)).toEqual(['Red', 'Blue']);
    const names = new Set(desk.tickets().map((t) => desk.nameOf(t.assigneeId)).filter(Boolean));
    for (const n of names) expect(['Ada', 'Grace', 'Linus']).toContain(n);
    expect(desk.tickets().length).toBeGreaterThan(20);
    expect(NOW - Math.min(...desk.tickets().map((t) => t.createdAt))).toBeLessThan(15 * DAY);
  });

  it('ensureUnsolved grows an aged backlog for benchmarks', () => {
    const desk = makeDesk();
    const lastId = Math.max(...desk.tickets().map((t) => t.id));
    desk.ensureUnsolved(600);
    const unsolved = desk.tickets().filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status));
    expect(unsolved.length).toBeGreaterThanOrEqual(600);
    const backlog = desk.tickets().filter((t) => t.id > lastId);
    expect(backlog.every((t) => t.createdAt < NOW - HOUR / 2 && t.assigneeId !== null && t.status === 'open')).toBe(true);
  });
});
