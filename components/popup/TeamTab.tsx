import type { DashboardData } from '../../lib/queries/stored-dashboard';
import type { Trend } from '../../lib/metrics/capacity';
import type { WaitBucket } from '../../lib/metrics/bottleneck';
import { fmtDayCount, fmtInt, fmtNumber, fmtPercent, fmtSigned } from '../../lib/ui/format';
import { AgeStrip, Sparkline } from '../charts/charts';
import { Card, Stat, TicketList } from './parts';

const WEEKS = 8;

/** "Team": queue health now, trends, where work waits, handoff hotspots and the capacity card. */
export function TeamTab({ data }: { data: DashboardData }) {
  const d = data.dashboard;
  const weeks = d.flow.weekly.slice(-WEEKS);
  const labels = weeks.map((w) => w.lastDay);
  const throughput = weeks.map((w) => w.throughput);
  const net = weeks.map((w) => w.netFlow);
  const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  return (
    <div className="ql-stack" data-queuelens="team">
      <div className="ql-stats">
        <Stat name="wip" label="In progress" value={fmtInt(d.wip.wip)} />
        <Stat name="at-risk" label="SLA at risk" value={d.sla ? fmtInt(d.sla.atRisk) : '–'} tone={d.sla?.atRisk ? 'warn' : undefined} />
        <Stat name="breached" label="SLA breached" value={d.sla ? fmtInt(d.sla.breached) : '–'} tone={d.sla?.breached ? 'alert' : undefined} />
        <Stat name="stalled" label={`Stalled`} value={fmtInt(d.stalled.stalled)} tone={d.stalled.stalled ? 'warn' : undefined} />
      </div>
      <AgeStrip ages={data.wipAges} percentiles={d.wip.ages} sampled={data.wipAgesSampled} />
      <div className="ql-sparks">
        <Sparkline
          name="throughput"
          title="Throughput"
          labels={labels}
          values={throughput}
          summary={weeks.length ? `${fmtInt(total(throughput))} finished in ${weeks.length} weeks; last week ${fmtInt(throughput.at(-1))}.` : 'No weeks yet.'}
        />
        <Sparkline
          name="net-flow"
          title="Net flow"
          signed
          labels={labels}
          values={net}
          summary={
            weeks.length
              ? `Arrivals minus finished: ${fmtSigned(net.at(-1))} last week${d.flow.netFlow.backlogGrowing ? `; backlog growing ${fmtInt(d.flow.netFlow.growingWeeks)} weeks running` : ''}.`
              : 'No weeks yet.'
          }
        />
      </div>
      <Card title="Where work waits" name="waits">
        <WaitTable title="Stage" buckets={d.whereWorkWaits.byStage} />
        <WaitTable title="Group" buckets={d.whereWorkWaits.byGroup} />
        <WaitTable title="Person" buckets={d.whereWorkWaits.byAssignee} />
        <p className="ql-fineprint">Expected wait = WIP ÷ recent exits per day (Little's law; assumes steady flow).</p>
      </Card>
      <Card title="Handoff hotspots" name="hotspots">
        <TicketList
          name="hotspots"
          label="Tickets passed around most"
          items={d.handoffs.hotspots.slice(0, 5)}
          empty="No ticket changed hands recently."
          figure={(h) => `${fmtInt(h.handoffs)} handoffs${h.pingPong ? ' · ping-pong' : ''}`}
        />
        <p className="ql-fineprint">
          {fmtInt(d.handoffs.handoffs)} handoffs, {fmtInt(d.handoffs.escalations)} escalations in the last {fmtInt(Math.round((d.handoffs.windowEnd - d.handoffs.windowStart) / 86_400_000))}{' '}
          days.
        </p>
      </Card>
      <CapacityCard capacity={d.capacity} />
    </div>
  );
}

function WaitTable({ title, buckets }: { title: string; buckets: WaitBucket[] }) {
  const top = buckets.filter((b) => b.wip > 0).slice(0, 3);
  if (!top.length) return null;
  return (
    <table className="ql-table" data-queuelens={`waits-${title.toLowerCase()}`}>
      <thead>
        <tr>
          <th scope="col">{title}</th>
          <th scope="col">WIP</th>
          <th scope="col">Expected wait</th>
          <th scope="col">vs last week</th>
        </tr>
      </thead>
      <tbody>
        {top.map((b) => (
          <tr key={b.name ?? '∅'}>
            <th scope="row">{b.name ?? (title === 'Person' ? 'Unassigned' : 'None')}</th>
            <td>{fmtInt(b.wip)}</td>
            <td>{b.expectedWaitDays === undefined ? '∞' : fmtDayCount(b.expectedWaitDays)}</td>
            <td>{b.change.expectedWaitDays === undefined ? `${fmtSigned(b.change.wip)} WIP` : `${fmtSigned(b.change.expectedWaitDays, 1)} d`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type CapacityKey = 'throughput' | 'errorRate' | 'handoffsPerResolved' | 'escalationsPerResolved' | 'cycleTimeP85ToP50' | 'throughputVariation';
export const CAPACITY_ROWS: { key: CapacityKey; label: string; fmt: (v: number | null | undefined) => string }[] = [
  { key: 'throughput', label: 'Throughput', fmt: (v) => fmtInt(v) },
  { key: 'errorRate', label: 'Reopen rate', fmt: (v) => fmtPercent(v, 1) },
  { key: 'handoffsPerResolved', label: 'Handoffs per resolved', fmt: (v) => fmtNumber(v, 2) },
  { key: 'escalationsPerResolved', label: 'Escalations per resolved', fmt: (v) => fmtNumber(v, 2) },
  { key: 'cycleTimeP85ToP50', label: 'Cycle time P85 ÷ P50', fmt: (v) => fmtNumber(v, 2) },
  { key: 'throughputVariation', label: 'Throughput variation (CV)', fmt: (v) => fmtNumber(v, 2) },
];

export function trendWord(t: { improving?: boolean | null; direction?: Trend['direction'] }): string {
  if (t.direction === 'flat') return 'steady';
  if (t.improving === true) return 'better';
  if (t.improving === false) return 'worse';
  return '';
}

function CapacityCard({ capacity }: { capacity: DashboardData['dashboard']['capacity'] }) {
  return (
    <Card title={`Capacity card (last ${capacity.periodDays} days vs the ${capacity.periodDays} before)`} name="capacity">
      <table className="ql-table">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Now</th>
            <th scope="col">Before</th>
            <th scope="col">Trend</th>
          </tr>
        </thead>
        <tbody>
          {CAPACITY_ROWS.map((r) => {
            const t = capacity[r.key];
            return (
              <tr key={r.key} data-queuelens={`capacity-${r.key}`}>
                <th scope="row">{r.label}</th>
                <td data-queuelens="value">{r.fmt(t.current)}</td>
                <td>{r.fmt(t.previous)}</td>
                <td className={t.improving === false ? 'ql-worse' : t.improving ? 'ql-better' : undefined}>{trendWord(t)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}
