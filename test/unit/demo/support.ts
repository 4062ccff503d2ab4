import { SimulatedHelpdesk, type HelpdeskOptions } from '../../../lib/demo/helpdesk';
import type { SimTicket } from '../../../lib/demo/types';

export const NOW = Date.parse('2026-11-24T11:00:00Z');
export const HOST = 'acme.zendesk.com';

export function makeDesk(overrides: Partial<HelpdeskOptions> = {}): SimulatedHelpdesk {
  return new SimulatedHelpdesk({ seed: 42, now: NOW, ...overrides });
}

export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** What the view parser should read from a ticket's row. */
export function expectedObservation(desk: SimulatedHelpdesk, t: SimTicket) {
  return {
    id: String(t.id),
    status: t.status,
    assignee: desk.nameOf(t.assigneeId) || null,
    group: desk.nameOf(t.groupId) || null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/** The SLA cell shows rounded time left; the parser can only be this close. */
export function slaTolerance(dueAt: number, now: number): number {
  const abs = Math.abs(dueAt - now);
  if (abs < 3_600_000) return 60_000;
  if (abs < 48 * 3_600_000) return 30 * 60_000 + 1000;
  return 12 * 3_600_000 + 1000;
}
