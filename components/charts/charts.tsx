import type { Percentiles } from '../../lib/metrics/percentiles';
import type { Stage } from '../../lib/model';
import { fmtDays, fmtInt, fmtNumber, fmtSigned } from '../../lib/ui/format';
import { ChartFrame, niceMax, scale, ticks } from './ChartFrame';

const DAY = 86_400_000;
const PCTS = ['p50', 'p70', 'p85', 'p95'] as const;
export const STAGE_LABEL: Record<Stage, string> = { queued: 'Queued', active: 'Active', waiting: 'Waiting', done: 'Done' };

function PercentileLegend() {
  return (
    <ul className="ql-chart__legend" aria-hidden="true">
      {PCTS.map((p) => (
        <li key={p}>
          <svg width="14" height="6" aria-hidden="true">
            <line x1="0" y1="3" x2="14" y2="3" className={`ql-svg-pct ql-svg-pct--${p}`} />
          </svg>{' '}
          {p.slice(1)}th
        </li>
      ))}
    </ul>
  );
}

/** Deterministic jitter in [-1, 1] from an index (no randomness: same data, same picture). */
const jitter = (k: number) => (((k * 2654435761) >>> 0) % 1000) / 500 - 1;

// ─── Popup: WIP age strip ────────────────────────────────────────────────────────────────────

export function AgeStrip(props: { ages: { stage: Stage; ageMs: number }[]; percentiles: Percentiles | undefined; sampled?: boolean; width?: number }) {
  const width = props.width ?? 320;
  const height = 56;
  const pad = { l: 6, r: 6, t: 6, b: 16 };
  const maxAge = Math.max(props.percentiles?.p95 ?? 0, ...props.ages.map((a) => a.ageMs), DAY);
  const maxDays = niceMax(maxAge / DAY);
  const x = scale(0, maxDays, pad.l, width - pad.r);
  const mid = (pad.t + height - pad.b) / 2;
  const p = props.percentiles;
  const summary = p
    ? `${fmtInt(p.count)} items in progress. Half are younger than ${fmtDays(p.p50)}, 85 % younger than ${fmtDays(p.p85)}, 95 % younger than ${fmtDays(p.p95)}.`
    : 'Nothing in progress.';
  return (
    <ChartFrame
      name="age-strip"
      title="Age of work in progress"
      summary={summary}
      width={width}
      height={height}
      legend={<PercentileLegend />}
      table={{
        columns: ['Percentile', 'Age'],
        rows: p ? PCTS.map((k) => [`${k.slice(1)}th`, fmtDays(p[k])]) : [],
        note: props.sampled ? `The dots are an even sample of ${fmtInt(p?.count)} items; the percentiles use all of them.` : undefined,
      }}
    >
      <line className="ql-svg-axis" x1={pad.l} x2={width - pad.r} y1={height - pad.b} y2={height - pad.b} />
      {ticks(maxDays, 4).map((d) => (
        <text key={d} className="ql-svg-text" x={x(d)} y={height - 4} textAnchor="middle">
          {fmtNumber(d, 0)}d
        </text>
      ))}
      {props.ages.map((a, k) => (
        <circle key={k} className={`ql-stage--${a.stage}`} fillOpacity={0.55} cx={x(a.ageMs / DAY)} cy={mid + jitter(k) * 12} r={2.5} />
      ))}
      {p &&
        PCTS.map((k) => (
          <line key={k} className={`ql-svg-pct ql-svg-pct--${k}`} x1={x(p[k] / DAY)} x2={x(p[k] / DAY)} y1={pad.t - 2} y2={height - pad.b} />
        ))}
    </ChartFrame>
  );
}

// ─── Popup: sparklines ───────────────────────────────────────────────────────────────────────

export function Sparkline(props: {
  name: string;
  title: string;
  labels: string[];
  values: number[];
  /** Bars around zero (net flow: up = backlog growing) instead of a line. */
  signed?: boolean;
  summary: string;
  width?: number;
}) {
  const width = props.width ?? 150;
  const height = 40;
  const n = props.values.length;
  const maxAbs = Math.max(1, ...props.values.map(Math.abs));
  const x = scale(0, Math.max(1, n - 1), 4, width - 4);
  const rows = props.labels.map((l, k) => [l, props.signed ? fmtSigned(props.values[k]) : fmtInt(props.values[k])]);
  const table = { columns: ['Week ending', props.title], rows };
  if (props.signed) {
    const y = scale(-maxAbs, maxAbs, height - 2, 2);
    const bw = Math.max(2, (width - 8) / Math.max(1, n) - 3);
    const bx = scale(0, Math.max(1, n), 4, width - 4);
    return (
      <ChartFrame name={props.name} title={props.title} summary={props.summary} width={width} height={height} table={table} headingLevel={4}>
        <line className="ql-svg-axis" x1={0} x2={width} y1={y(0)} y2={y(0)} />
        {props.values.map((v, k) => (
          <rect
            key={k}
            className={v > 0 ? 'ql-svg-bar--pos' : 'ql-svg-bar--neg'}
            x={bx(k) + 1}
            width={bw}
            y={Math.min(y(v), y(0))}
            height={Math.max(1, Math.abs(y(v) - y(0)))}
          />
        ))}
      </ChartFrame>
    );
  }
  const y = scale(0, maxAbs, height - 3, 3);
  const points = props.values.map((v, k) => `${x(k)},${y(v)}`).join(' ');
  return (
    <ChartFrame name={props.name} title={props.title} summary={props.summary} width={width} height={height} table={table} headingLevel={4}>
      <line className="ql-svg-axis" x1={0} x2={width} y1={height - 3} y2={height - 3} />
      <polyline className="ql-svg-line" points={points} />
      {n > 0 && <circle className="ql-svg-dot" cx={x(n - 1)} cy={y(props.values[n - 1])} r={2.5} />}
    </ChartFrame>
  );
}

// ─── Report: aging work in progress ──────────────────────────────────────────────────────────

export interface AgingItem {
  key: string;
  id: string;
  stage: Stage;
  ageMs: number;
}

export function AgingWipChart(props: { items: AgingItem[]; percentiles: Percentiles | undefined; width?: number }) {
  const width = props.width ?? 560;
  const height = 280;
  const pad = { l: 40, r: 56, t: 10, b: 24 };
  const stages: Stage[] = ['queued', 'active', 'waiting'];
  const p = props.percentiles;
  const maxDays = niceMax(Math.max(p?.p95 ?? 0, ...props.items.map((i) => i.ageMs)) / DAY || 1);
  const y = scale(0, maxDays, height - pad.b, pad.t);
  const colW = (width - pad.l - pad.r) / stages.length;
  const byStage = stages.map((s) => props.items.filter((i) => i.stage === s));
  const over85 = p ? props.items.filter((i) => i.ageMs > p.p85).length : 0;
  const summary = props.items.length
    ? `${fmtInt(props.items.length)} items in progress: ${stages.map((s, k) => `${fmtInt(byStage[k].length)} ${STAGE_LABEL[s].toLowerCase()}`).join(', ')}.` +
      (p ? ` ${fmtInt(over85)} are older than 85 % of recently finished items took (${fmtDays(p.p85)}).` : ' No finished items yet to compare with.')
    : 'Nothing in progress.';
  const pct = (x: number) => `${fmtNumber(x * 100, 0)} %`;
  return (
    <ChartFrame
      name="aging-wip"
      title="Aging work in progress"
      summary={summary}
      width={width}
      height={height}
      headingLevel={2}
      legend={<PercentileLegend />}
      table={{
        columns: ['Stage', 'Items', 'Median age', 'Oldest', 'Over cycle-time 85th'],
        rows: stages.map((s, k) => {
          const ages = byStage[k].map((i) => i.ageMs).sort((a, b) => a - b);
          const over = p ? ages.filter((a) => a > p.p85).length : 0;
          return [
            STAGE_LABEL[s],
            fmtInt(ages.length),
            ages.length ? fmtDays(ages[Math.floor((ages.length - 1) / 2)]) : '–',
            ages.length ? fmtDays(ages[ages.length - 1]) : '–',
            ages.length && p ? `${fmtInt(over)} (${pct(over / ages.length)})` : '–',
          ];
        }),
      }}
    >
      {ticks(maxDays, 4).map((d) => (
        <g key={d}>
          <line className="ql-svg-axis" x1={pad.l} x2={width - pad.r} y1={y(d)} y2={y(d)} strokeOpacity={0.5} />
          <text className="ql-svg-text" x={pad.l - 4} y={y(d) + 3} textAnchor="end">
            {fmtNumber(d, 0)}d
          </text>
        </g>
      ))}
      {stages.map((s, k) => (
        <g key={s}>
          <text className="ql-svg-text" x={pad.l + colW * (k + 0.5)} y={height - 8} textAnchor="middle">
            {STAGE_LABEL[s]}
          </text>
          {byStage[k].map((item, j) => (
            <circle
              key={item.key}
              className={`ql-stage--${s}`}
              fillOpacity={0.6}
              cx={pad.l + colW * (k + 0.5) + jitter(j) * colW * 0.35}
              cy={y(item.ageMs / DAY)}
              r={3}
            />
          ))}
        </g>
      ))}
      {p &&
        PCTS.map((k) => (
          <g key={k}>
            <line className={`ql-svg-pct ql-svg-pct--${k}`} x1={pad.l} x2={width - pad.r} y1={y(p[k] / DAY)} y2={y(p[k] / DAY)} />
            <text className="ql-svg-text" x={width - pad.r + 4} y={y(p[k] / DAY) + 3}>
              {k.slice(1)}th {fmtDays(p[k])}
            </text>
          </g>
        ))}
    </ChartFrame>
  );
}

// ─── Report: cumulative flow ─────────────────────────────────────────────────────────────────

export interface CfdDay {
  day: string;
  queued: number;
  active: number;
  waiting: number;
  done: number;
}

export function CumulativeFlowChart(props: { days: CfdDay[]; width?: number }) {
  const width = props.width ?? 560;
  const height = 260;
  const pad = { l: 44, r: 10, t: 10, b: 24 };
  const order: Stage[] = ['done', 'waiting', 'active', 'queued'];
  const n = props.days.length;
  const total = (d: CfdDay) => d.queued + d.active + d.waiting + d.done;
  const maxY = niceMax(Math.max(1, ...props.days.map(total)));
  const x = scale(0, Math.max(1, n - 1), pad.l, width - pad.r);
  const y = scale(0, maxY, height - pad.b, pad.t);
  const bands = order.map((stage, k) => {
    const below = (d: CfdDay) => order.slice(0, k).reduce((s, st) => s + d[st], 0);
    const top = props.days.map((d, i) => `${x(i)},${y(below(d) + d[stage])}`);
    const bottom = props.days.map((d, i) => `${x(i)},${y(below(d))}`).reverse();
    return { stage, points: [...top, ...bottom].join(' ') };
  });
  const first = props.days[0];
  const last = props.days[n - 1];
  const summary =
    n > 1
      ? `From ${first.day} to ${last.day}: ${fmtInt(last.done)} items finished; open work went from ${fmtInt(total(first) - first.done)} to ${fmtInt(total(last) - last.done)}.`
      : 'Not enough history for a cumulative flow diagram yet.';
  const step = Math.max(1, Math.ceil(n / 60));
  return (
    <ChartFrame
      name="cfd"
      title="Cumulative flow"
      summary={summary}
      width={width}
      height={height}
      headingLevel={2}
      legend={
        <ul className="ql-chart__legend" aria-hidden="true">
          {order.map((s) => (
            <li key={s}>
              <span className={`ql-chart__swatch ql-stage--${s}`} />
              {STAGE_LABEL[s]}
            </li>
          ))}
        </ul>
      }
      table={{
        columns: ['Day', 'Queued', 'Active', 'Waiting', 'Done (since start)'],
        rows: props.days.filter((_, i) => i % step === 0 || i === n - 1).map((d) => [d.day, fmtInt(d.queued), fmtInt(d.active), fmtInt(d.waiting), fmtInt(d.done)]),
        note: step > 1 ? `Every ${step}th day shown.` : undefined,
      }}
    >
      {ticks(maxY, 4).map((v) => (
        <g key={v}>
          <line className="ql-svg-axis" x1={pad.l} x2={width - pad.r} y1={y(v)} y2={y(v)} strokeOpacity={0.5} />
          <text className="ql-svg-text" x={pad.l - 4} y={y(v) + 3} textAnchor="end">
            {fmtInt(v)}
          </text>
        </g>
      ))}
      {n > 1 && bands.map((b) => <polygon key={b.stage} className={`ql-stage--${b.stage}`} fillOpacity={0.75} points={b.points} />)}
      {n > 1 && (
        <>
          <text className="ql-svg-text" x={pad.l} y={height - 6}>
            {first.day}
          </text>
          <text className="ql-svg-text" x={width - pad.r} y={height - 6} textAnchor="end">
            {last.day}
          </text>
        </>
      )}
    </ChartFrame>
  );
}

// ─── Report: throughput run chart ────────────────────────────────────────────────────────────

export function RunChart(props: { weeks: { label: string; value: number }[]; title: string; name: string; width?: number }) {
  const width = props.width ?? 560;
  const height = 200;
  const pad = { l: 40, r: 56, t: 10, b: 24 };
  const n = props.weeks.length;
  const values = props.weeks.map((w) => w.value);
  const sorted = [...values].sort((a, b) => a - b);
  const median = n ? (n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2) : 0;
  const maxY = niceMax(Math.max(1, ...values));
  const x = scale(0, Math.max(1, n - 1), pad.l, width - pad.r);
  const y = scale(0, maxY, height - pad.b, pad.t);
  const summary = n
    ? `${fmtInt(n)} weeks; median ${fmtNumber(median)} per week; last week ${fmtInt(values[n - 1])}, lowest ${fmtInt(sorted[0])}, highest ${fmtInt(sorted[n - 1])}.`
    : 'No finished items in this period.';
  return (
    <ChartFrame
      name={props.name}
      title={props.title}
      summary={summary}
      width={width}
      height={height}
      headingLevel={2}
      table={{ columns: ['Week ending', 'Finished'], rows: props.weeks.map((w) => [w.label, fmtInt(w.value)]) }}
    >
      {ticks(maxY, 4).map((v) => (
        <g key={v}>
          <line className="ql-svg-axis" x1={pad.l} x2={width - pad.r} y1={y(v)} y2={y(v)} strokeOpacity={0.5} />
          <text className="ql-svg-text" x={pad.l - 4} y={y(v) + 3} textAnchor="end">
            {fmtInt(v)}
          </text>
        </g>
      ))}
      {n > 0 && (
        <>
          <line className="ql-svg-pct ql-svg-pct--p50" x1={pad.l} x2={width - pad.r} y1={y(median)} y2={y(median)} />
          <text className="ql-svg-text" x={width - pad.r + 4} y={y(median) + 3}>
            median {fmtNumber(median)}
          </text>
          <polyline className="ql-svg-line" points={values.map((v, k) => `${x(k)},${y(v)}`).join(' ')} />
          {values.map((v, k) => (
            <circle key={k} className="ql-svg-dot" cx={x(k)} cy={y(v)} r={3} />
          ))}
          <text className="ql-svg-text" x={pad.l} y={height - 6}>
            {props.weeks[0].label}
          </text>
          <text className="ql-svg-text" x={width - pad.r} y={height - 6} textAnchor="end">
            {props.weeks[n - 1].label}
          </text>
        </>
      )}
    </ChartFrame>
  );
}

// ─── Report: cycle-time scatter ──────────────────────────────────────────────────────────────

export interface CycleSample {
  key: string;
  doneAt: number;
  cycleMs: number;
}

/** At most this many dots are drawn; the rest are summarised (the percentiles use every sample). */
export const MAX_SCATTER_DOTS = 2500;

export function CycleTimeScatter(props: { samples: CycleSample[]; percentiles: Percentiles | undefined; from: number; to: number; width?: number }) {
  const width = props.width ?? 560;
  const height = 260;
  const pad = { l: 40, r: 64, t: 10, b: 24 };
  const p = props.percentiles;
  const maxDays = niceMax(Math.max(p?.p95 ?? 0, ...props.samples.map((s) => s.cycleMs)) / DAY || 1);
  const x = scale(props.from, props.to, pad.l, width - pad.r);
  const y = scale(0, maxDays, height - pad.b, pad.t);
  const stride = Math.max(1, Math.ceil(props.samples.length / MAX_SCATTER_DOTS));
  const drawn = stride === 1 ? props.samples : props.samples.filter((_, k) => k % stride === 0);
  const summary = p
    ? `${fmtInt(props.samples.length)} items finished. 50 % took up to ${fmtDays(p.p50)}, 85 % up to ${fmtDays(p.p85)}, 95 % up to ${fmtDays(p.p95)}.`
    : 'No finished items in this period.';
  // Table: per week, count and median, so the table stays short whatever the volume.
  const weeks = new Map<string, number[]>();
  for (const s of props.samples) {
    const wk = new Date(props.from + Math.floor((s.doneAt - props.from) / (7 * DAY)) * 7 * DAY).toISOString().slice(0, 10);
    const list = weeks.get(wk) ?? [];
    list.push(s.cycleMs);
    weeks.set(wk, list);
  }
  const rows = [...weeks.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([wk, list]) => {
      list.sort((a, b) => a - b);
      return [wk, fmtInt(list.length), fmtDays(list[Math.floor((list.length - 1) / 2)]), fmtDays(list[list.length - 1])];
    });
  return (
    <ChartFrame
      name="cycle-scatter"
      title="Cycle time of finished items"
      summary={summary}
      width={width}
      height={height}
      headingLevel={2}
      legend={<PercentileLegend />}
      table={{
        columns: ['Week starting', 'Finished', 'Median cycle time', 'Longest'],
        rows,
        note: stride > 1 ? `The chart draws every ${stride}th item (${fmtInt(drawn.length)} dots); the figures use all ${fmtInt(props.samples.length)}.` : undefined,
      }}
    >
      {ticks(maxDays, 4).map((d) => (
        <g key={d}>
          <line className="ql-svg-axis" x1={pad.l} x2={width - pad.r} y1={y(d)} y2={y(d)} strokeOpacity={0.5} />
          <text className="ql-svg-text" x={pad.l - 4} y={y(d) + 3} textAnchor="end">
            {fmtNumber(d, 0)}d
          </text>
        </g>
      ))}
      {drawn.map((s) => (
        <circle key={s.key} className="ql-svg-dot" cx={x(s.doneAt)} cy={y(s.cycleMs / DAY)} r={2} />
      ))}
      {p &&
        PCTS.map((k) => (
          <g key={k}>
            <line className={`ql-svg-pct ql-svg-pct--${k}`} x1={pad.l} x2={width - pad.r} y1={y(p[k] / DAY)} y2={y(p[k] / DAY)} />
            <text className="ql-svg-text" x={width - pad.r + 4} y={y(p[k] / DAY) + 3}>
              {k.slice(1)}th {fmtDays(p[k])}
            </text>
          </g>
        ))}
      <text className="ql-svg-text" x={pad.l} y={height - 6}>
        {new Date(props.from).toISOString().slice(0, 10)}
      </text>
      <text className="ql-svg-text" x={width - pad.r} y={height - 6} textAnchor="end">
        {new Date(props.to).toISOString().slice(0, 10)}
      </text>
    </ChartFrame>
  );
}

// ─── Report: handoff matrix ──────────────────────────────────────────────────────────────────

export function HandoffHeatmap(props: { cells: { from: string; to: string; count: number }[]; width?: number }) {
  const groups = [...new Set(props.cells.flatMap((c) => [c.from, c.to]))].sort();
  const n = groups.length;
  const label = 96;
  const cell = Math.max(18, Math.min(40, Math.floor(((props.width ?? 560) - label - 10) / Math.max(1, n))));
  const width = label + cell * n + 10;
  const height = label + cell * n + 10;
  const max = Math.max(1, ...props.cells.map((c) => c.count));
  const count = new Map(props.cells.map((c) => [`${c.from}\u0000${c.to}`, c.count]));
  const total = props.cells.reduce((s, c) => s + c.count, 0);
  const top = [...props.cells].sort((a, b) => b.count - a.count)[0];
  const summary = total
    ? `${fmtInt(total)} group handoffs between ${fmtInt(n)} groups; the most frequent is ${top.from} → ${top.to} (${fmtInt(top.count)}).`
    : 'No handoffs between groups in this period.';
  const short = (s: string) => (s.length > 14 ? `${s.slice(0, 13)}…` : s);
  return (
    <ChartFrame
      name="handoff-matrix"
      title="Handoffs between groups (from row to column)"
      summary={summary}
      width={width}
      height={height}
      headingLevel={2}
      table={{ columns: ['From \\ to', ...groups], rows: groups.map((f) => [f, ...groups.map((t) => fmtInt(count.get(`${f}\u0000${t}`) ?? 0))]) }}
    >
      {groups.map((g, k) => (
        <g key={g}>
          <text className="ql-svg-text" x={label - 4} y={label + cell * k + cell / 2 + 3} textAnchor="end">
            {short(g)}
          </text>
          <text
            className="ql-svg-text"
            transform={`translate(${label + cell * k + cell / 2 + 3}, ${label - 4}) rotate(-60)`}
            textAnchor="start"
          >
            {short(g)}
          </text>
        </g>
      ))}
      {groups.map((f, r) =>
        groups.map((t, c) => {
          const v = count.get(`${f}\u0000${t}`) ?? 0;
          const strong = v / max > 0.5;
          return (
            <g key={`${r}-${c}`}>
              <rect
                x={label + cell * c}
                y={label + cell * r}
                width={cell - 1}
                height={cell - 1}
                className={v ? 'ql-heat-cell' : 'ql-svg-axis'}
                fillOpacity={v ? 0.12 + 0.88 * (v / max) : 0}
              />
              {v > 0 && (
                <text
                  className="ql-heat-text"
                  x={label + cell * c + cell / 2}
                  y={label + cell * r + cell / 2 + 3}
                  textAnchor="middle"
                  fill={strong ? 'var(--ql-bg)' : 'var(--ql-fg)'}
                >
                  {fmtInt(v)}
                </text>
              )}
            </g>
          );
        }),
      )}
    </ChartFrame>
  );
}
