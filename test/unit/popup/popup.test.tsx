import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../../components/popup/Popup';
import { HostAccessNotice } from '../../../components/popup/Notices';
import { QueueLensDb } from '../../../lib/db/database';
import { buildHistoryIndex } from '../../../lib/metrics/history-index';
import { buildDashboardData } from '../../../lib/queries/dashboard-data';
import { SettingsSchema, type Settings } from '../../../lib/settings/schema';
import { generateHistory } from '../../../lib/synthetic/history';
import { setFormatLocale, ticketUrl } from '../../../lib/ui/format';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NOW = Date.now();
const HOST = 'acme.zendesk.com';
const history = generateHistory({ seed: 5, tickets: 300, days: 60, agents: 6, groups: 3, host: HOST, now: NOW });
const ME = 'agent-002';
const settings: Settings = SettingsSchema.parse({ team: { members: [{ id: 'me', name: ME }], me: 'me' }, goals: { closedPerDay: 3, closedPerWeek: 12 } });

let db: QueueLensDb;
let host: HTMLDivElement;
let root: Root;

async function settle(check: () => boolean, ms = 5000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out; DOM: ${host.textContent?.slice(0, 400)}`);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
  }
}
const q = (sel: string) => host.querySelector(sel);
const value = (name: string) => q(`[data-queuelens="${name}"] [data-queuelens="value"]`)?.textContent;

beforeEach(async () => {
  fakeBrowser.reset();
  setFormatLocale('en-US');
  db = new QueueLensDb(`popup-${Math.random()}`);
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(async () => {
  act(() => root.unmount());
  host.remove();
  await db.delete();
  setFormatLocale(undefined);
});

async function seed(withDashboard: boolean, s: Settings = settings) {
  await db.tickets.bulkPut(history.tickets);
  await db.rollups.bulkPut(history.rollups);
  // The popup never reads transitions: leaving them out proves it.
  if (withDashboard) {
    const index = buildHistoryIndex(history.tickets, history.transitions);
    await db.dashboards.put({ id: HOST, computedAt: NOW, data: buildDashboardData(index, history.rollups, s, HOST, NOW) });
  }
  await fakeBrowser.storage.local.set({ settings: s });
}

describe('popup', () => {
  it('shows the tiles, then Mine from the stored dashboard, with links into the host tool', async () => {
    await seed(true);
    const refresh = vi.fn(async () => undefined);
    const remember = vi.fn();
    act(() => root.render(<Popup initialHost={HOST} database={db} requestRefresh={refresh} remember={remember} />));
    await settle(() => !!q('[data-queuelens="stat-my-open"]'));
    const open = history.tickets.filter((t) => t.open === 1).length;
    expect(value('tile-open')).toBe(open.toLocaleString());
    const index = buildHistoryIndex(history.tickets, history.transitions);
    const expected = buildDashboardData(index, history.rollups, settings, HOST, NOW).dashboard.personal!;
    expect(value('stat-my-open')).toBe(String(expected.wip.open));
    expect(value('goal-today')).toBe(String(expected.goals.daily.done));
    const links = [...host.querySelectorAll<HTMLAnchorElement>('[data-queuelens="list-by-pace"] a')];
    expect(links.length).toBe(expected.pace.items.length);
    if (links.length) {
      expect(links[0].getAttribute('href')).toBe(`https://${HOST}/agent/tickets/${expected.pace.items[0].id}`);
      expect(links[0].target).toBe('_blank');
      expect(links[0].rel).toContain('noopener');
    }
    expect(q('[data-queuelens="computed"]')?.textContent).toContain('computed');
    // Fresh and for the same "me": nothing to ask the background.
    expect(refresh).not.toHaveBeenCalled();
    expect(remember).toHaveBeenLastCalledWith({ tab: 'mine', scope: HOST });
  });

  it('tabs are a real tablist: arrows move selection and focus, and the choice is remembered', async () => {
    await seed(true);
    const remember = vi.fn();
    act(() => root.render(<Popup initialHost={HOST} database={db} requestRefresh={async () => undefined} remember={remember} />));
    await settle(() => !!q('[role="tablist"]'));
    const mine = q('[data-queuelens="tab-mine"]') as HTMLButtonElement;
    const team = q('[data-queuelens="tab-team"]') as HTMLButtonElement;
    expect(mine.getAttribute('aria-selected')).toBe('true');
    expect(team.tabIndex).toBe(-1);
    mine.focus();
    act(() => mine.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })));
    expect(team.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(team);
    expect(q('[role="tabpanel"]')!.getAttribute('aria-labelledby')).toBe('ql-popup-tab-team');
    await settle(() => !!q('[data-queuelens="stat-wip"]'));
    const wip = history.tickets.filter((t) => t.open === 1 && t.startedAt !== undefined).length;
    expect(value('stat-wip')).toBe(String(wip));
    expect(q('[data-queuelens="card-waits"] table')).not.toBeNull();
    expect(q('[data-queuelens="card-capacity"]')!.textContent).toContain('Reopen rate');
    expect(remember).toHaveBeenLastCalledWith({ tab: 'team', scope: HOST });
    act(() => team.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true })));
    expect(mine.getAttribute('aria-selected')).toBe('true');
  });

  it('asks the background when nothing is stored yet, and says Team is computing', async () => {
    await seed(false);
    const refresh = vi.fn(async () => undefined);
    act(() => root.render(<Popup initialHost={HOST} initialTab="team" database={db} requestRefresh={refresh} remember={() => undefined} />));
    await settle(() => !!q('[data-queuelens="computing"]'));
    await settle(() => refresh.mock.calls.length > 0);
    expect(refresh).toHaveBeenCalledWith(HOST);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('teaches: no data yet, and no "me" set links to the options page', async () => {
    act(() => root.render(<Popup database={db} requestRefresh={async () => undefined} remember={() => undefined} />));
    await settle(() => !!q('[data-queuelens="empty"]'));
    expect(q('[data-queuelens="empty"]')!.textContent).toContain('Jira: open a board');
    act(() => root.unmount());
    root = createRoot(host);
    await seed(true, SettingsSchema.parse({}));
    act(() => root.render(<Popup initialHost={HOST} database={db} requestRefresh={async () => undefined} remember={() => undefined} />));
    await settle(() => !!q('[data-queuelens="no-me"]'));
    expect(q('[data-queuelens="no-me"] a')!.getAttribute('href')).toBe('options.html');
  });

  it('offers a grant button for an instance without host permission; the click requests it at once', async () => {
    const inst = SettingsSchema.parse({
      instances: [{ id: 'corp', kind: 'jira-server', tool: 'jira', host: 'jira.corp.example', origin: 'https://jira.corp.example', label: 'Corp Jira' }],
    }).instances;
    const permissions = { contains: vi.fn(async () => false), request: vi.fn(async () => false) };
    act(() => root.render(<HostAccessNotice instances={inst} permissions={permissions} />));
    await settle(() => !!q('[data-queuelens="host-access"] button'));
    const button = q('[data-queuelens="host-access"] button') as HTMLButtonElement;
    expect(button.textContent).toBe('Allow access to jira.corp.example');
    act(() => button.click());
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://jira.corp.example/*'] });
    await settle(() => (q('[data-queuelens="host-access"] [role="status"]')?.textContent ?? '').includes('not granted'));
  });

  it('builds host-tool links for Zendesk and Jira and refuses anything else', () => {
    expect(ticketUrl('zendesk:acme.zendesk.com:4123')).toBe('https://acme.zendesk.com/agent/tickets/4123');
    expect(ticketUrl('jira:acme.atlassian.net:OPS-77')).toBe('https://acme.atlassian.net/browse/OPS-77');
    expect(ticketUrl('jira:jira.corp.example:8443:OPS-1')).toBe('https://jira.corp.example:8443/browse/OPS-1');
    expect(ticketUrl('other:x:1')).toBeUndefined();
    expect(ticketUrl('zendesk:evil.com/x?:1')).toBeUndefined();
  });
});
