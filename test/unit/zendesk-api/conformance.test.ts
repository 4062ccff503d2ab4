import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditsToHistory } from '../../../lib/zendesk/api/audits';
import { metricsToFacts } from '../../../lib/zendesk/api/metrics';
import { NameDirectory } from '../../../lib/zendesk/api/names';
import { AuditSchema, AuditsPageSchema, nextAuditsPage, ShowManyResponseSchema, TicketMetricSchema, TicketSchema } from '../../../lib/zendesk/api/schemas';
import { slaFromPolicyMetrics } from '../../../lib/zendesk/api/sla';
import { TransitionSchema } from '../../../lib/model';

/**
 * Runs the schemas and mappers over real recorded Zendesk responses kept outside the project
 * (shared/fixtures, see its README); skipped where that folder is absent.
 */
const repoRoot = path.resolve(__dirname, '../../..');
const dir = path.resolve(repoRoot, '../shared/fixtures/zendesk/api');
const load = (name: string): any => JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
const find = (part: string) => readdirSync(dir).find((f) => f.includes(part));

describe.skipIf(!existsSync(dir))('Zendesk API conformance with recorded responses', () => {
  it('parses a recorded cursor page of audits and maps every ticket', () => {
    const page = AuditsPageSchema.parse(load(find('ticket_audits_list_cursor')!));
    expect(page.audits.length).toBeGreaterThan(50);
    expect(nextAuditsPage(page)).toBeUndefined(); // has_more: false wins over a present links.next
    const byTicket = new Map<string, typeof page.audits>();
    for (const a of page.audits) byTicket.set(a.ticket_id, [...(byTicket.get(a.ticket_id) ?? []), a]);
    let transitions = 0;
    for (const [id, audits] of byTicket) {
      const h = auditsToHistory('example.zendesk.com', id, audits, new NameDirectory());
      for (const t of h.transitions) expect(TransitionSchema.safeParse(t).success).toBe(true);
      transitions += h.transitions.length;
      if (audits.some((a) => a.events.some((e) => e.type === 'Create' && e.field_name === 'status'))) {
        expect(h.initial.status).toMatch(/^(new|open|pending|hold|solved|closed)$/);
      }
    }
    expect(transitions).toBeGreaterThan(0);
  });

  it('marks the recorded trigger status change automatic, and reads offset pagination', () => {
    const page = AuditsPageSchema.parse(load(find('trigger_status_change')!));
    expect(nextAuditsPage(page)).toBeUndefined();
    const ts = auditsToHistory('example.zendesk.com', page.audits[0].ticket_id, page.audits).transitions;
    expect(ts).toEqual([expect.objectContaining({ field: 'status', from: 'new', to: 'open', automatic: true, source: 'api' })]);
  });

  it('parses recorded tickets (list and view pages) with the show_many ticket schema', () => {
    const list = ShowManyResponseSchema.parse(load(find('tickets_list_cursor')!));
    expect(list.tickets.length).toBeGreaterThan(50);
    const view = ShowManyResponseSchema.parse(load(find('view_tickets_cursor')!));
    expect(view.tickets[0].assignee_id).toBeNull();
  });

  it('parses a recorded ticket with metric set, SLA and user/group sideloads', () => {
    const body = load(find('sideloads_metric_set')!);
    const shown = ShowManyResponseSchema.parse({ tickets: [body.ticket], users: body.users, groups: body.groups, metric_sets: body.metric_sets });
    const ticket = shown.tickets[0];
    expect(metricsToFacts(ticket.metric_set!)).toMatchObject({ assigneeStations: 1, groupStations: 1, reopens: 0 });
    expect(slaFromPolicyMetrics(ticket.slas!.policy_metrics, Date.now()).state).toBe('none');
    const names = new NameDirectory();
    names.addUsers(shown.users);
    names.addGroups(shown.groups);
    expect(names.group(ticket.group_id)).not.toMatch(/^id:/);
    expect(names.user(ticket.assignee_id)).not.toMatch(/^id:/);
    const audit = AuditSchema.parse(body.audit);
    const h = auditsToHistory('example.zendesk.com', ticket.id, [audit], names);
    expect(h.initial.status).toBe('open');
    expect(h.initial.group).toBe(names.group(ticket.group_id));
  });

  it('parses the documented example objects', () => {
    const ex = load(find('object_examples')!);
    expect(TicketSchema.safeParse(ex.ticket).success).toBe(true);
    expect(TicketMetricSchema.safeParse(ex.ticket_metric).success).toBe(true);
    const audit = AuditSchema.parse(ex.ticket_audit.audit);
    expect(auditsToHistory('example.zendesk.com', audit.ticket_id, [audit]).initial).toMatchObject({ status: 'open', priority: null });
  });
});
