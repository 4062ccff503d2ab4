import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Report } from '../../../components/report/Report';
import { QueueLensDb, type SnapshotRow } from '../../../lib/db/database';
import { weeklySummaryMarkdown } from '../../../lib/export/markdown';
import { computeDashboard } from '../../../lib/metrics/dashboard';
import { buildReport, capacityWeeks, cumulativeFlow, weekDelta } from '../../../lib/queries/report-data';
import { summaryInputFromDashboard } from '../../../lib/queries/summary';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { generateHistory } from '../../../lib/synthetic/history';
import { setFormatLocale } from '../../../lib/ui/format';
import { change, D, H, ticket, T0 } from '../metrics/builders';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const NOW = Date.UTC(2026, 10, 24, 12);
const HOST = 'acme.zendesk.com';
const history = generateHistory({ seed: 9, tickets: 300, days: 60, agents: 6, groups: 3, host: HOST, now: NOW });

describe('report data', () => {
  it('cumulative flow: stage per ticket at each day end, done counted from the first day', () => {
    const a = ticket('1', { createdAt: T0, status: 'solved', stage: 'done', open: 0 });
    const b = ticket('2', { createdAt: T0 + D + H, status: 'open', stage: 'active' });
    const transitions = [change(a, 'status', 'new', 'open', T0 + 2 * H), change(a, 'status', 'open', 'solved', T0 + D + 2 * H), change(b, 'status', 'new', 'open', T0 + 2 * D + H)];
    const days = cumulativeFlow([a, b], transitions, T0, T0 + 2 * D + 12 * H);
    expect(days).toEqual([
      { day: '2025-06-02', queued: 0, active: 1, waiting: 0, done: 0 },
      { day: '2025-06-03', queued: 1, active: 0, waiting: 0, done: 1 },
      { day: '2025-06-04', queued: 0, active: 1, waiting: 0, done: 1 },
    ]);
  });

  it('the report model agrees with computeDashboard, and group filters narrow it', () => {
    const model = buildReport(history, { host: HOST, group: null, assignee: null, periodWeeks: 12 }, DEFAULT_SETTINGS, NOW);
    const wip = history.tickets.filter((t) => t.open === 1 && t.startedAt !== undefined).length;
    expect(model.dashboard.wip.wip).toBe(wip);
    expect(model.aging.length).toBe(wip);
    expect(model.cycle.length).toBe(model.dashboard.cycleTime.percentiles?.count ?? 0);
    expect(model.throughputWeeks).toHaveLength(12);
    const group = history.tickets[0].group!;
    const narrowed = buildReport(history, { host: HOST, group, assignee: null, periodWeeks: 4 }, DEFAULT_SETTINGS, NOW);
    expect(narrowed.tickets).toBe(history.tickets.filter((t) => t.group === group).length);
    expect(narrowed.throughputWeeks).toHaveLength(4);
  });

  it('the Markdown summary is fed by the dashboard', () => {
    const d = computeDashboard(history, { now: NOW, host: HOST });
    const input = summaryInputFromDashboard(d, { week: '2026-W48', instance: HOST, generatedAt: NOW });
    expect(input.wip.value).toBe(d.wip.wip);
    expect(input.throughput.value).toBe(d.flow.weekly.at(-1)!.throughput);
    expect(input.capacity.map((c) => c.label)).toContain('Reopen rate');
    const md = weeklySummaryMarkdown(input);
    expect(md).toContain(`# Weekly flow summary — 2026-W48, ${HOST.replace(/\./g, '.')}`);
    expect(md).toContain(`- **WIP:** ${d.wip.wip}`);
  });

  it('capacity weeks come from snapshots as they exist, oldest first', () => {
    const row = (week: string, current: number | null, partial = false, wip?: number): SnapshotRow => ({
      id: `${HOST}|${week}`,
      host: HOST,
      week,
      takenAt: 7,
      data: { partial, wip, capacity: { throughput: { current, previous: null }, errorRate: { current: 0.1 } } },
    });
    const weeks = capacityWeeks([row('2026-W48', 30, true, 12), row('2026-W47', 25, false, 9), { ...row('x', 1), data: null }]);
    expect(weeks).toEqual([
      { week: '2026-W47', host: HOST, takenAt: 7, partial: false, wip: 9, values: { throughput: 25, errorRate: 0.1 } },
      { week: '2026-W48', host: HOST, takenAt: 7, partial: true, wip: 12, values: { throughput: 30, errorRate: 0.1 } },
    ]);
    // Week over week: +5 throughput, +3 WIP; the oldest week has nothing to compare with.
    expect(weekDelta(weeks, 1, (w) => w.values.throughput)).toBe(5);
    expect(weekDelta(weeks, 1, (w) => w.wip)).toBe(3);
    expect(weekDelta(weeks, 0, (w) => w.wip)).toBeNull();
  });
});

describe('report page', () => {
  let db: QueueLensDb;
  let host: HTMLDivElement;
  let root: Root;
  beforeEach(async () => {
    setFormatLocale('en-US');
    db = new QueueLensDb(`report-${Math.random()}`);
    await db.tickets.bulkPut(history.tickets);
    await db.transitions.bulkPut(history.transitions);
    await db.rollups.bulkPut(history.rollups);
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(async () => {
    act(() => root.unmount());
    host.remove();
    await db.delete();
  });
  async function settle(check: () => boolean) {
    const until = Date.now() + 8000;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out: ${host.textContent?.slice(0, 300)}`);
      await act(async () => {
        await new Promise((r) => setTimeout(r, 20));
      });
    }
  }

  it('draws every chart with a title, a summary and a table; filters are labelled; exports have names', async () => {
    const exporter = vi.fn(async () => ['queuelens-acme.zendesk.com-2026-W48-summary.md']);
    act(() => root.render(<Report initialHost={HOST} database={db} loadSettingsFn={async () => DEFAULT_SETTINGS} now={() => NOW} exporter={exporter} />));
    await settle(() => !!host.querySelector('[data-queuelens="report-charts"]'));
    for (const name of ['aging-wip', 'cfd', 'throughput', 'cycle-scatter', 'handoff-matrix']) {
      const fig = host.querySelector(`[data-queuelens="chart-${name}"]`)!;
      expect(fig.querySelector('h2')!.textContent).not.toBe('');
      expect(fig.querySelector('figcaption')!.textContent).not.toBe('');
      expect(fig.querySelector('details table')).not.toBeNull();
    }
    const labels = [...host.querySelectorAll('form label')].map((l) => l.firstChild?.textContent);
    expect(labels).toEqual(['Instance', 'Group', 'Assignee', 'Period']);
    expect(host.querySelector('[data-queuelens="capacity-history"]')!.textContent).toContain('No weekly snapshots yet');
    const buttons = [...host.querySelectorAll('button')].map((b) => b.textContent);
    expect(buttons).toEqual(['Export JSON', 'Export CSV', 'Export Markdown']);
    await act(async () => (host.querySelectorAll('button')[2] as HTMLButtonElement).click());
    expect(exporter).toHaveBeenCalledWith('md', HOST, expect.objectContaining({ dashboard: expect.objectContaining({ now: NOW }) }));
    await settle(() => host.querySelector('[data-queuelens="export-status"]')!.textContent!.startsWith('Saved'));
  });
});
