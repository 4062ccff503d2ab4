import { useLiveQuery } from 'dexie-react-hooks';
import { InstanceSelect } from '../InstanceSelect';
import { useEffect, useMemo, useState } from 'react';
import { db, type QueueLensDb } from '../../lib/db/database';
import { DASHBOARD_SCOPE_ALL } from '../../lib/model/dashboard-messages';
import { knownHosts } from '../../lib/db/database';
import {
  buildReport,
  capacityHistory,
  filterChoices,
  loadReportHistory,
  PERIODS,
  type CapacityWeek,
  weekDelta,
  type ReportFilters,
  type ReportHistory,
} from '../../lib/queries/report-data';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import { loadSettings } from '../../lib/settings/store';
import { exportAs, type ExportKind } from '../../lib/ui/exports';
import { fmtInt } from '../../lib/ui/format';
import { AgingWipChart, CumulativeFlowChart, CycleTimeScatter, HandoffHeatmap, RunChart } from '../charts/charts';
import { CAPACITY_ROWS } from '../popup/TeamTab';
import './report.css';

const ALL = DASHBOARD_SCOPE_ALL;

export interface ReportProps {
  initialHost?: string;
  /** Injectable for tests. */
  database?: QueueLensDb;
  loadSettingsFn?: () => Promise<Settings>;
  now?: () => number;
  exporter?: typeof exportAs;
}

/** The full-page report: charts over the full history of the chosen scope, and the exports. */
export function Report(props: ReportProps) {
  const database = props.database ?? db();
  const [filters, setFilters] = useState<ReportFilters>({ host: props.initialHost ?? ALL, group: null, assignee: null, periodWeeks: 12 });
  const [loaded, setLoaded] = useState<{ host: string; history: ReportHistory; settings: Settings; now: number; ms: number } | null>(null);
  const [loadError, setLoadError] = useState('');
  const [status, setStatus] = useState('');
  const hosts = useLiveQuery(() => knownHosts(database), [database], []);
  const capacity = useLiveQuery(() => capacityHistory(database, filters.host), [database, filters.host]);

  // The full history is read once per instance choice; the other filters reuse it.
  useEffect(() => {
    let alive = true;
    const started = performance.now();
    setLoadError('');
    Promise.all([loadReportHistory(database, filters.host), (props.loadSettingsFn ?? loadSettings)().catch(() => DEFAULT_SETTINGS)])
      .then(([history, settings]) => {
        if (alive) setLoaded({ host: filters.host, history, settings, now: (props.now ?? Date.now)(), ms: performance.now() - started });
      })
      .catch((e) => alive && setLoadError(`Could not read the history: ${e instanceof Error ? e.message : String(e)}`));
    return () => {
      alive = false;
    };
  }, [database, filters.host]); // eslint-disable-line react-hooks/exhaustive-deps

  const current = loaded && loaded.host === filters.host ? loaded : null;
  const choices = useMemo(() => (current ? filterChoices(current.history) : { groups: [], assignees: [] }), [current]);
  const model = useMemo(() => (current ? buildReport(current.history, filters, current.settings, current.now) : null), [current, filters]);

  const scopeLabel = [
    filters.host === ALL ? 'All instances' : filters.host,
    filters.group ? `group ${filters.group}` : '',
    filters.assignee ? `assignee ${filters.assignee}` : '',
  ]
    .filter(Boolean)
    .join(', ');

  const run = async (kind: ExportKind) => {
    setStatus('Preparing export…');
    try {
      const host = filters.host === ALL ? undefined : filters.host;
      const names = await (props.exporter ?? exportAs)(kind, host, kind === 'md' && model ? { dashboard: model.dashboard, instanceLabel: scopeLabel } : {});
      setStatus(`Saved ${names.join(', ')}`);
    } catch (error) {
      setStatus(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const set = (patch: Partial<ReportFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const hostOptions = [...new Set([...(hosts ?? []), ...(filters.host !== ALL ? [filters.host] : [])])].sort();

  return (
    <main className="ql-report">
      <header className="ql-report__header">
        <h1>QueueLens report</h1>
        <div className="ql-report__exports" role="group" aria-label="Exports">
          <button type="button" onClick={() => run('json')}>
            Export JSON
          </button>
          <button type="button" onClick={() => run('csv')}>
            Export CSV
          </button>
          <button type="button" onClick={() => run('md')}>
            Export Markdown
          </button>
        </div>
      </header>
      <p role="status" data-queuelens="export-status">
        {status}
      </p>
      <form className="ql-report__filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <InstanceSelect
          value={filters.host}
          hosts={hostOptions}
          onChange={(host) => setFilters({ host, group: null, assignee: null, periodWeeks: filters.periodWeeks })}
          hook="filter-host"
          label="Instance"
        />
        <label>
          Group
          <select value={filters.group ?? ''} onChange={(e) => set({ group: e.target.value || null })} data-queuelens="filter-group">
            <option value="">All groups</option>
            {choices.groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label>
          Assignee
          <select value={filters.assignee ?? ''} onChange={(e) => set({ assignee: e.target.value || null })} data-queuelens="filter-assignee">
            <option value="">Everyone</option>
            {choices.assignees.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          Period
          <select value={filters.periodWeeks} onChange={(e) => set({ periodWeeks: Number(e.target.value) })} data-queuelens="filter-period">
            {PERIODS.map((w) => (
              <option key={w} value={w}>
                Last {w} weeks
              </option>
            ))}
          </select>
        </label>
      </form>
      {loadError && <p className="ql-report__error">{loadError}</p>}
      <p className="ql-report__meta" aria-live="polite" data-queuelens="report-meta">
        {!current
          ? 'Loading history…'
          : model
            ? `${scopeLabel}: ${fmtInt(model.tickets)} tickets, ${fmtInt(model.transitions)} changes (read in ${fmtInt(current.ms)} ms).`
            : ''}
      </p>
      {current && model && model.tickets === 0 && (
        <p className="ql-report__empty" data-queuelens="report-empty">
          No tickets match. Open Zendesk views or Jira boards to collect history, or widen the filters.
        </p>
      )}
      {model && model.tickets > 0 && (
        <div className="ql-report__grid" data-queuelens="report-charts">
          <section className="ql-report__panel" data-queuelens="report-wip" data-wip={model.dashboard.wip.wip}>
            <AgingWipChart items={model.aging} percentiles={model.dashboard.cycleTime.percentiles} />
          </section>
          <section className="ql-report__panel">
            <CumulativeFlowChart days={model.cfd} />
          </section>
          <section className="ql-report__panel">
            <RunChart name="throughput" title="Throughput per week" weeks={model.throughputWeeks} />
          </section>
          <section className="ql-report__panel">
            <CycleTimeScatter samples={model.cycle} percentiles={model.dashboard.cycleTime.percentiles} from={model.dashboard.cycleTime.windowStart} to={model.now} />
          </section>
          <section className="ql-report__panel">
            <HandoffHeatmap cells={model.dashboard.handoffs.matrix} />
          </section>
        </div>
      )}
      <CapacityHistory weeks={capacity} />
    </main>
  );
}

function CapacityHistory({ weeks }: { weeks: CapacityWeek[] | undefined }) {
  const delta = (d: number | null, fmt: (v: number | null | undefined) => string) => (d === null || d === 0 ? '' : ` (${d > 0 ? '+' : '−'}${fmt(Math.abs(d))})`);
  return (
    <section className="ql-report__capacity" aria-labelledby="ql-capacity-h" data-queuelens="capacity-history">
      <h2 id="ql-capacity-h">Weekly snapshots: capacity card, week over week</h2>
      {!weeks ? null : weeks.length === 0 ? (
        <p className="ql-report__empty">
          No weekly snapshots yet. QueueLens stores one at the end of every week by itself; "Take snapshot now" in Options stores one for the week so far.
        </p>
      ) : (
        <div className="ql-report__scroll" tabIndex={0} role="region" aria-label="Weekly snapshots">
          <table className="ql-table">
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Instance</th>
                <th scope="col">Taken</th>
                <th scope="col">Kind</th>
                <th scope="col">WIP</th>
                {CAPACITY_ROWS.map((r) => (
                  <th key={r.key} scope="col">
                    {r.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((w, i) => (
                <tr key={`${w.host}|${w.week}`} data-queuelens="snapshot-row" data-host={w.host} data-week={w.week}>
                  <th scope="row">{w.week}</th>
                  <td>{w.host === ALL ? 'All instances' : w.host}</td>
                  <td>{new Date(w.takenAt).toLocaleString()}</td>
                  <td>{w.partial ? 'so far' : 'complete'}</td>
                  <td>{fmtInt(w.wip)}</td>
                  {CAPACITY_ROWS.map((r) => (
                    <td key={r.key}>
                      {r.fmt(w.values[r.key])}
                      {delta(weekDelta(weeks, i, (x) => x.values[r.key]), r.fmt)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
