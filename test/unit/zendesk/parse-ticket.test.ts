import { describe, expect, it } from 'vitest';
import { zendeskAdapter } from '../../../lib/zendesk/adapter';
import { htmlDocument, readFixture } from '../support/fixtures';

const NOW = Date.parse('2026-11-24T11:00:00Z');

describe('Zendesk ticket page parser', () => {
  it('reads the ticket in the URL, not another open tab', () => {
    const pass = zendeskAdapter.parsePage(htmlDocument(readFixture('zendesk/ticket-page.html')), new URL('https://acme.zendesk.com/agent/tickets/4123'), NOW);
    expect(pass.pageKind).toBe('zendesk-ticket');
    expect(pass.items).toHaveLength(1);
    expect(pass.items[0].badgeHost).toBeNull();
    expect(pass.items[0].observation).toMatchObject({
      key: 'zendesk:acme.zendesk.com:4123',
      pageKind: 'zendesk-ticket',
      status: 'open',
      priority: 'high',
      assignee: 'Sam Ortiz',
      group: 'Billing',
      title: 'Refund not received for order 5521',
      slaDueAt: Date.parse('2026-11-24T13:00:00Z'),
    });
    expect(pass.report.problem).toBeUndefined();
  });

  it('reads an unassigned ticket as assignee null, group kept', () => {
    const pass = zendeskAdapter.parsePage(htmlDocument(readFixture('zendesk/ticket-page.html')), new URL('https://acme.zendesk.com/agent/tickets/3988'), NOW);
    expect(pass.items[0].observation).toMatchObject({ status: 'hold', group: 'Engineering escalations', assignee: null });
  });

  it('reports a ticket page whose layout it cannot find', () => {
    const pass = zendeskAdapter.parsePage(htmlDocument('<main><h1>Ticket</h1></main>'), new URL('https://acme.zendesk.com/agent/tickets/4123'), NOW);
    expect(pass.items).toHaveLength(0);
    expect(pass.report.fieldCounts.layout).toBe(0);
  });
});
