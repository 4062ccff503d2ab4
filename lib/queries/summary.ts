import type { Dashboard } from '../metrics/dashboard';
import type { WaitBucket } from '../metrics/bottleneck';
import type { CapacityRow, WaitRow, WeeklySummaryInput } from '../export/markdown';

const num = (v: number | undefined | null) => (v === undefined || v === null || !Number.isFinite(v) ? null : v);
const DAY_MS = 86_400_000;

function waitRow(kind: WaitRow['kind'], b: WaitBucket): WaitRow {
  return {
    kind,
    name: b.name ?? (kind === 'assignee' ? 'unassigned' : 'none'),
    wip: b.wip,
    ageWeightedDays: Math.round((b.ageWeightedWipMs / DAY_MS) * 10) / 10,
    expectedWaitDays: num(b.expectedWaitDays),
    wipChange: b.change.wip,
  };
}

/**
 * The weekly Markdown summary's figures from a dashboard (the popup's stored one or the
 * report's): last 7-day block vs the one before, the top places work waits, the capacity card and
 * the oldest items.
 */
export function summaryInputFromDashboard(d: Dashboard, meta: { week: string; instance: string; generatedAt: number; notes?: string[] }): WeeklySummaryInput {
  const weeks = d.flow.weekly;
  const last = weeks.at(-1);
  const before = weeks.at(-2);
  const c = d.capacity;
  const capacity: CapacityRow[] = [
    { label: 'Throughput', value: num(c.throughput.current), previous: num(c.throughput.previous), unit: 'count', better: 'higher' },
    { label: 'Reopen rate', value: num(c.errorRate.current), previous: num(c.errorRate.previous), unit: 'percent', better: 'lower' },
    { label: 'Handoffs per resolved', value: num(c.handoffsPerResolved.current), previous: num(c.handoffsPerResolved.previous), unit: 'per-ticket', better: 'lower' },
    { label: 'Escalations per resolved', value: num(c.escalationsPerResolved.current), previous: num(c.escalationsPerResolved.previous), unit: 'per-ticket', better: 'lower' },
    { label: 'Cycle time P85 ÷ P50', value: num(c.cycleTimeP85ToP50.current), previous: num(c.cycleTimeP85ToP50.previous), unit: 'ratio', better: 'lower' },
    { label: 'Throughput variation (CV)', value: num(c.throughputVariation.current), previous: num(c.throughputVariation.previous), unit: 'ratio', better: 'lower' },
  ];
  const w = d.whereWorkWaits;
  const topWaits = [
    ...w.byStage.filter((b) => b.wip > 0).slice(0, 2).map((b) => waitRow('stage', b)),
    ...w.byGroup.filter((b) => b.wip > 0).slice(0, 3).map((b) => waitRow('group', b)),
    ...w.byAssignee.filter((b) => b.wip > 0).slice(0, 3).map((b) => waitRow('assignee', b)),
  ];
  return {
    week: meta.week,
    instance: meta.instance,
    generatedAt: meta.generatedAt,
    wip: { value: d.wip.wip, previous: w.system.previous.wip },
    arrivals: { value: last?.arrivals ?? null, previous: before?.arrivals ?? null },
    throughput: { value: last?.throughput ?? null, previous: before?.throughput ?? null },
    reopenRate: { value: num(c.errorRate.current), previous: num(c.errorRate.previous) },
    topWaits,
    capacity,
    oldestItems: d.wip.oldest.map((t) => ({
      key: t.key,
      id: t.id,
      title: t.title,
      stage: t.stage,
      status: t.status,
      assignee: t.assignee,
      ageDays: t.ageMs / DAY_MS,
    })),
    notes: meta.notes,
  };
}
