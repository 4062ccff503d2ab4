import { escapeHtml } from './escape';
import { fullDate, isoMillis, slaLevel, slaText } from './format';
import type { SimulatedHelpdesk } from './helpdesk';
import { STRINGS, type Locale } from './locale';
import { renderShell } from './render-shell';
import type { Theme } from './styles';
import type { SimTicket } from './types';

export interface TicketRenderOptions {
  locale?: Locale;
  theme?: Theme;
  /** Other tickets open as tabs (default: up to 2 recently updated tickets of "me"). */
  otherTabs?: number[];
}

const SLA_NAMES = { first_reply_time: 'First reply', next_reply_time: 'Next reply' } as const;

function systemField(name: string, label: string, value: string): string {
  return (
    `<div data-test-id="ticket-system-field-${name}"><label>${escapeHtml(label)}</label>` +
    `<input role="combobox" aria-label="${escapeHtml(label)}" value="${escapeHtml(value)}" readonly></div>`
  );
}

function tab(t: SimTicket, selected: boolean): string {
  return (
    `<div data-test-id="header-tab" data-entity-type="TICKET_ENTITY_TYPE" data-entity-id="${t.id}" role="tab" aria-selected="${selected}">` +
    `<a href="/agent/tickets/${t.id}">${escapeHtml(t.subject)} #${t.id}</a></div>`
  );
}

/** The assignee field, status/priority system fields; the layout of an open ticket. */
function layout(desk: SimulatedHelpdesk, t: SimTicket, locale: Locale, visible: boolean): string {
  const s = STRINGS[locale];
  const agent = t.assigneeId === null ? '' : `<span class="sim-tag" data-test-id="assignee-field-selected-agent-tag">${escapeHtml(desk.nameOf(t.assigneeId))}</span>`;
  const group = t.groupId === null ? '' : `<span class="sim-tag" data-test-id="assignee-field-selected-group-tag">${escapeHtml(desk.nameOf(t.groupId))}</span>`;
  const aside =
    `<aside><label>${escapeHtml(s.columns.requester)}</label><div data-test-id="ticket-fields-requester">${escapeHtml(desk.nameOf(t.requesterId))}</div>` +
    `<label>${escapeHtml(s.columns.assignee)}</label><div data-test-id="assignee-field">${group} ${agent}</div>` +
    systemField('status', s.columns.status, s.status[t.status]) +
    systemField('priority', s.columns.priority, t.priority ? s.priority[t.priority] : '-') +
    `<label>${escapeHtml(s.columns.custom)}</label><div data-test-id="ticket-custom-field">${escapeHtml(t.productArea)}</div></aside>`;
  if (!visible) return `<section data-test-id="ticket-${t.id}-standard-layout" hidden>${aside}</section>`;
  const sla = t.slaDueAt === null || t.slaMetric === null
    ? ''
    : `<div data-test-id="sla-policy-metric-badge-${t.slaMetric}" class="sim-sla ${slaLevel(t.slaDueAt, desk.now)}">` +
      `<span>${SLA_NAMES[t.slaMetric]}</span> <time datetime="${isoMillis(t.slaDueAt)}" title="${escapeHtml(fullDate(t.slaDueAt, locale))}">${escapeHtml(slaText(t.slaDueAt, desk.now))}</time></div>`;
  const messages = t.audits
    .flatMap((a) => a.events.filter((e) => e.type === 'Comment').map((e) => ({ a, e })))
    .map(({ a, e }) => {
      const author = e.type === 'Comment' ? desk.nameOf(e.author_id) : '';
      const body = e.type === 'Comment' ? e.body : '';
      const internal = e.type === 'Comment' && !e.public;
      return (
        `<article data-test-id="omni-log-item-message"${internal ? ' data-internal="true"' : ''}>` +
        `<header><strong>${escapeHtml(author)}</strong> <time datetime="${isoMillis(a.at)}">${escapeHtml(fullDate(a.at, locale))}</time>${internal ? ' · internal note' : ''}</header>` +
        `<p>${escapeHtml(body)}</p></article>`
      );
    })
    .join('');
  return (
    `<section data-test-id="ticket-${t.id}-standard-layout" class="sim-ticket">${aside}` +
    `<div><input data-test-id="omni-header-subject" aria-label="${escapeHtml(s.columns.subject)}" value="${escapeHtml(t.subject)}">` +
    `${sla}<div data-test-id="omni-log-container">${messages}</div></div></section>`
  );
}

/** `/agent/tickets/<id>`; undefined when there is no such (live) ticket. */
export function renderTicketPage(desk: SimulatedHelpdesk, id: number, options: TicketRenderOptions = {}): string | undefined {
  const t = desk.ticket(id);
  if (!t || t.status === 'deleted') return undefined;
  const locale = options.locale ?? 'en';
  const others = (options.otherTabs ?? defaultTabs(desk, t.id))
    .map((other) => desk.ticket(other))
    .filter((o): o is SimTicket => !!o && o.id !== t.id && o.status !== 'deleted');
  const tabs = `<div class="sim-tabs" role="tablist">${[t, ...others].map((x) => tab(x, x.id === t.id)).join('')}</div>`;
  const main = tabs + layout(desk, t, locale, true) + others.map((o) => layout(desk, o, locale, false)).join('');
  return renderShell(desk, { title: `${t.subject} – Ticket #${t.id}`, locale, theme: options.theme ?? 'light', main });
}

function defaultTabs(desk: SimulatedHelpdesk, exclude: number): number[] {
  return desk
    .tickets()
    .filter((t) => t.assigneeId === desk.meId && t.id !== exclude && t.status !== 'closed' && t.status !== 'deleted')
    .sort((a, b) => b.updatedAt - a.updatedAt || a.id - b.id)
    .slice(0, 2)
    .map((t) => t.id);
}
