import { ticketKey } from '../model/key';
import type { Observation, PageReport } from '../model';
import type { PagePass } from '../adapter/types';
import { readDateFromElement } from '../parse/dates';
import { normalisePriority, normaliseStatus } from './statuses';
import { queryFirst } from '../adapter/dom';
import { SELECTORS } from './selectors';

const TICKET_PATH = /^\/agent\/tickets\/(\d+)/;
const textOf = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A system field's shown value: a combobox input's value, an aria-label, or its text. */
function fieldValue(el: Element | null): string {
  if (!el) return '';
  const input = el.querySelector('input');
  const labelled = el.querySelector('[aria-label]:not(input):not(button)');
  return (input?.value || labelled?.getAttribute('aria-label') || textOf(el)).replace(/^(status|priority):\s*/i, '').trim();
}

/**
 * Reads the open ticket on `/agent/tickets/<id>`. Several tickets may be open as tabs; only the
 * one in the URL is visible and read. Yields one item (no row badge: the panel shows it).
 */
export function parseZendeskTicket(root: ParentNode, url: URL, now: number): PagePass {
  const host = url.hostname.toLowerCase();
  const id = TICKET_PATH.exec(url.pathname)?.[1];
  const report: PageReport = { tool: 'zendesk', host, pageKind: 'zendesk-ticket', url: url.href.slice(0, 2000), at: now, rows: 0, fieldCounts: {}, errors: 0 };
  if (!id) return { pageKind: 'zendesk-ticket', items: [], report };
  const layout = root.querySelector(`[data-test-id="ticket-${id}-standard-layout"]`) ?? queryFirst(root, SELECTORS.ticketLayout);
  report.fieldCounts.layout = layout ? 1 : 0;
  if (!layout) return { pageKind: 'zendesk-ticket', items: [], report };
  report.rows = 1;

  const observation: Observation = { key: ticketKey('zendesk', host, id), tool: 'zendesk', host, id, seenAt: now, pageKind: 'zendesk-ticket' };
  const count = (field: string) => (report.fieldCounts[field] = 1);
  const subject = queryFirst(layout, SELECTORS.ticketSubject) as HTMLInputElement | null;
  if (subject) {
    observation.title = (subject.value || subject.getAttribute('value') || '').slice(0, 500);
    count('title');
  }
  const status = fieldValue(queryFirst(layout, SELECTORS.ticketStatus));
  if (status) {
    observation.status = normaliseStatus(status);
    count('status');
  }
  const priority = fieldValue(queryFirst(layout, SELECTORS.ticketPriority));
  if (priority) {
    observation.priority = priority === '-' ? null : normalisePriority(priority);
    count('priority');
  }
  // The assignee field shows the group tag always and the agent tag only when assigned.
  const groupTag = queryFirst(layout, SELECTORS.ticketGroup);
  const agentTag = queryFirst(layout, SELECTORS.ticketAssignee);
  if (groupTag || agentTag) {
    observation.group = textOf(groupTag) || null;
    observation.assignee = textOf(agentTag) || null;
    count('assignee');
  }
  const sla = queryFirst(layout, SELECTORS.ticketSla);
  const slaDue = sla ? readDateFromElement(sla.querySelector('time'), now) : undefined;
  if (slaDue !== undefined) {
    observation.slaDueAt = slaDue;
    count('sla');
  }
  if (!status && !agentTag && !groupTag) report.problem = 'Zendesk ticket layout not recognised: no status or assignee field found';
  return { pageKind: 'zendesk-ticket', items: [{ element: layout, badgeHost: null, observation }], report };
}
