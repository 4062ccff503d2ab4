import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueueLensDb } from '../../../lib/db/database';
import { createMessageHandler } from '../../../lib/background/router';
import { DashboardRefresher, dashboardRefresherFor, handleDashboardRequest } from '../../../lib/background/dashboard-refresher';
import { buildHistoryIndex } from '../../../lib/metrics/history-index';
import { computeDashboard } from '../../../lib/metrics/dashboard';
import { RefreshDashboardRequestSchema } from '../../../lib/model/dashboard-messages';
import { dashboardOptionsFor, readDashboardData, MAX_WIP_AGES, wipAgesOf } from '../../../lib/queries/dashboard-data';
import { generateHistory } from '../../../lib/synthetic/history';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../../lib/settings/schema';

const NOW = Date.UTC(2026, 10, 24, 12);
const zendesk = generateHistory({ seed: 7, tickets: 400, days: 60, agents: 8, groups: 4, host: 'acme.zendesk.com', now: NOW });
const jira = generateHistory({ seed: 8, tickets: 150, days: 60, agents: 5, groups: 3, host: 'acme.atlassian.net', now: NOW });

let db: QueueLensDb;
beforeEach(async () => {
  db = new QueueLensDb(`dash-${Math.random()}`);
  await db.tickets.bulkPut([...zendesk.tickets, ...jira.tickets]);
  await db.transitions.bulkPut([...zendesk.transitions, ...jira.transitions]);
  await db.rollups.bulkPut([...zendesk.rollups, ...jira.rollups]);
});
afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

describe('dashboard refresher', () => {
  it('stores one dashboard per scope (* and each host), equal to computeDashboard over the same history', async () => {
    const refresher = new DashboardRefresher(db, { now: () => NOW, loadSettings: async () => DEFAULT_SETTINGS });
    expect(await refresher.refreshNow()).toEqual(['*', 'acme.atlassian.net', 'acme.zendesk.com']);
    const tickets = [...zendesk.tickets, ...jira.tickets];
    const transitions = [...zendesk.transitions, ...jira.transitions];
    const rollups = [...zendesk.rollups, ...jira.rollups];
    for (const scope of ['*', 'acme.zendesk.com', 'acme.atlassian.net']) {
      const row = await db.dashboards.get(scope);
      expect(row?.computedAt).toBe(NOW);
      const data = readDashboardData(row)!;
      const expected = computeDashboard({ tickets, transitions, rollups }, dashboardOptionsFor(DEFAULT_SETTINGS, scope, NOW));
      expect(data.dashboard).toEqual(expected);
      expect(data.scope).toBe(scope);
      expect(data.wipAges.length).toBe(Math.min(expected.wip.wip, MAX_WIP_AGES));
    }
    const all = readDashboardData(await db.dashboards.get('*'))!.dashboard;
    const zd = readDashboardData(await db.dashboards.get('acme.zendesk.com'))!.dashboard;
    const jr = readDashboardData(await db.dashboards.get('acme.atlassian.net'))!.dashboard;
    expect(all.wip.wip).toBe(zd.wip.wip + jr.wip.wip);
  });

  it('computes the personal view for settings.team.me and drops scopes whose host is gone', async () => {
    const settings = SettingsSchema.parse({ team: { members: [{ id: 'me', name: 'agent-002' }], me: 'me' }, goals: { closedPerDay: 3, closedPerWeek: 10 } });
    await db.dashboards.put({ id: 'old.zendesk.com', computedAt: 1, data: {} });
    await new DashboardRefresher(db, { now: () => NOW, loadSettings: async () => settings }).refreshNow();
    const data = readDashboardData(await db.dashboards.get('acme.zendesk.com'))!;
    expect(data.me).toBe('agent-002');
    expect(data.dashboard.personal?.me).toBe('agent-002');
    expect(data.dashboard.personal?.goals.daily.target).toBe(3);
    expect(await db.dashboards.get('old.zendesk.com')).toBeUndefined();
  });

  it('debounces ingest: a burst of schedules runs once, 30 s after the last, and never later than maxWait', async () => {
    vi.useFakeTimers();
    let clock = NOW;
    const refresher = new DashboardRefresher(db, { now: () => clock, delayMs: 30_000, maxWaitMs: 60_000 });
    const spy = vi.spyOn(refresher, 'refreshNow').mockResolvedValue([]);
    const tick = async (ms: number) => {
      clock += ms;
      await vi.advanceTimersByTimeAsync(ms);
    };
    refresher.schedule();
    await tick(29_000);
    expect(spy).toHaveBeenCalledTimes(0);
    await tick(1_000);
    expect(spy).toHaveBeenCalledTimes(1);

    // Steady ingest every 10 s: the 30 s debounce alone would never fire; the 60 s cap does.
    spy.mockClear();
    (refresher as unknown as { firstScheduledAt: number | undefined }).firstScheduledAt = undefined;
    for (let k = 0; k < 5; k++) {
      refresher.schedule();
      await tick(10_000);
    }
    expect(spy).toHaveBeenCalledTimes(0);
    await tick(10_000);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('popups asking during a run share it; one more run follows only when something was ingested meanwhile', async () => {
    // Each run loads the settings once, before reading the history.
    const loadSettings = vi.fn(async () => DEFAULT_SETTINGS);
    const refresher = new DashboardRefresher(db, { now: () => NOW, loadSettings, setTimer: () => 0, clearTimer: () => undefined });
    const first = refresher.refreshNow();
    const joined = [refresher.refreshNow(), refresher.refreshNow()];
    const answers = await Promise.all([first, ...joined]);
    expect(loadSettings).toHaveBeenCalledTimes(1);
    expect(answers[1]).toEqual(answers[0]);

    const second = refresher.refreshNow();
    refresher.schedule(); // an ingest lands while the run reads
    const afterIngest = refresher.refreshNow();
    await Promise.all([second, afterIngest]);
    expect(loadSettings).toHaveBeenCalledTimes(3);
  });

  it('answers the zod-validated refresh-dashboard message through the router', async () => {
    expect(RefreshDashboardRequestSchema.safeParse({ type: 'refresh-dashboard', scope: '*' }).success).toBe(true);
    expect(RefreshDashboardRequestSchema.safeParse({ type: 'refresh-dashboard', scope: 'Bad Host/<x>' }).success).toBe(false);
    expect(await handleDashboardRequest(db, { type: 'refresh-dashboard', scope: 'Bad Host' })).toMatchObject({ ok: false });

    const handler = createMessageHandler(db, 'ext', { loadSettings: async () => DEFAULT_SETTINGS });
    expect(await handler.handle({ type: 'refresh-dashboard', scope: '*' }, { id: 'other' })).toMatchObject({ ok: false });
    const answer = await handler.handle({ type: 'refresh-dashboard', scope: 'acme.zendesk.com' }, { id: 'ext' });
    expect(answer).toMatchObject({ ok: true, scope: 'acme.zendesk.com', scopes: ['*', 'acme.atlassian.net', 'acme.zendesk.com'] });
    expect(await db.dashboards.count()).toBe(3);
    expect(dashboardRefresherFor(db)).toBe(dashboardRefresherFor(db));
  });

  it('samples WIP ages evenly beyond the cap and keeps them sorted', () => {
    const big = generateHistory({ seed: 3, tickets: 3000, days: 30, agents: 3, groups: 2, host: 'big.zendesk.com', now: NOW });
    const index = buildHistoryIndex(big.tickets, big.transitions);
    const { ages, sampled } = wipAgesOf(index, NOW);
    const wip = big.tickets.filter((t) => t.open === 1 && t.startedAt !== undefined).length;
    expect(sampled).toBe(wip > MAX_WIP_AGES);
    expect(ages.length).toBe(Math.min(wip, MAX_WIP_AGES));
    for (let k = 1; k < ages.length; k++) expect(ages[k].ageMs).toBeGreaterThanOrEqual(ages[k - 1].ageMs);
  });
});
