import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgeStrip, AgingWipChart, CumulativeFlowChart, CycleTimeScatter, HandoffHeatmap, MAX_SCATTER_DOTS, RunChart, Sparkline } from '../../../components/charts/charts';
import { niceMax, scale } from '../../../components/charts/ChartFrame';
import { setFormatLocale } from '../../../lib/ui/format';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const D = 86_400_000;
let host: HTMLDivElement;
let root: Root;
beforeEach(() => {
  setFormatLocale('en-US');
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  setFormatLocale(undefined);
});
const render = (el: React.ReactElement) => act(() => root.render(el));
const P = { count: 10, p50: 2 * D, p70: 3 * D, p85: 5 * D, p95: 8 * D };

/** Every chart: a titled figure, an SVG image named by title + summary, and a data table. */
function expectAccessible(name: string) {
  const fig = host.querySelector(`[data-queuelens="chart-${name}"]`)!;
  expect(fig).not.toBeNull();
  const svg = fig.querySelector('svg[role="img"]')!;
  const ids = svg.getAttribute('aria-labelledby')!.split(' ');
  expect(ids.map((id) => document.getElementById(id)?.textContent?.length ?? 0).every((n) => n > 0)).toBe(true);
  expect(fig.querySelector('details table thead th')).not.toBeNull();
  return fig;
}

describe('charts', () => {
  it('scales and nice bounds', () => {
    expect(scale(0, 10, 0, 100)(5)).toBe(50);
    expect(scale(3, 3, 7, 9)(3)).toBe(7);
    expect([niceMax(0), niceMax(0.7), niceMax(3), niceMax(12), niceMax(51)]).toEqual([1, 1, 5, 20, 100]);
  });

  it('age strip: one dot per age, percentile lines, a summary in words and the percentiles as a table', () => {
    render(<AgeStrip ages={[{ stage: 'active', ageMs: D }, { stage: 'waiting', ageMs: 4 * D }, { stage: 'queued', ageMs: 9 * D }]} percentiles={P} />);
    const fig = expectAccessible('age-strip');
    expect(fig.querySelectorAll('circle')).toHaveLength(3);
    expect(fig.querySelectorAll('svg[role="img"] line.ql-svg-pct')).toHaveLength(4);
    expect(fig.querySelector('figcaption')!.textContent).toBe('10 items in progress. Half are younger than 2 d, 85 % younger than 5 d, 95 % younger than 8 d.');
    expect([...fig.querySelectorAll('tbody tr')].map((r) => r.textContent)).toEqual(['50th2 d', '70th3 d', '85th5 d', '95th8 d']);
  });

  it('sparklines: a line for counts, bars around zero for net flow, numbers in the locale', () => {
    render(
      <>
        <Sparkline name="t" title="Throughput" labels={['a', 'b']} values={[1200, 1300]} summary="s" />
        <Sparkline name="n" title="Net flow" signed labels={['a', 'b', 'c']} values={[3, -2, 0]} summary="s" />
      </>,
    );
    expect(expectAccessible('t').querySelector('polyline')).not.toBeNull();
    expect(host.querySelector('[data-queuelens="chart-t"] tbody')!.textContent).toContain('1,300');
    const net = expectAccessible('n');
    expect(net.querySelectorAll('rect.ql-svg-bar--pos')).toHaveLength(1);
    expect(net.querySelectorAll('rect.ql-svg-bar--neg')).toHaveLength(2);
    expect([...net.querySelectorAll('tbody td')].map((c) => c.textContent)).toEqual(['+3', '-2', '±0']);
  });

  it('aging WIP: columns per stage, counts over the 85th percentile', () => {
    const items = [
      { key: 'a', id: '1', stage: 'active' as const, ageMs: 1 * D },
      { key: 'b', id: '2', stage: 'active' as const, ageMs: 6 * D },
      { key: 'c', id: '3', stage: 'waiting' as const, ageMs: 9 * D },
    ];
    render(<AgingWipChart items={items} percentiles={P} />);
    const fig = expectAccessible('aging-wip');
    expect(fig.querySelectorAll('circle')).toHaveLength(3);
    expect(fig.querySelector('figcaption')!.textContent).toBe('3 items in progress: 0 queued, 2 active, 1 waiting. 2 are older than 85 % of recently finished items took (5 d).');
    const rows = [...fig.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(rows[1]).toEqual(['Active', '2', '1 d', '6 d', '1 (50 %)']);
  });

  it('cumulative flow, run chart, scatter (sampled beyond the cap) and heat map', () => {
    const days = [
      { day: '2026-11-01', queued: 2, active: 1, waiting: 0, done: 0 },
      { day: '2026-11-02', queued: 1, active: 2, waiting: 1, done: 3 },
    ];
    const samples = Array.from({ length: MAX_SCATTER_DOTS * 2 }, (_, k) => ({ key: `k${k}`, doneAt: k * 1000, cycleMs: (k % 10) * D }));
    render(
      <>
        <CumulativeFlowChart days={days} />
        <RunChart name="tp" title="Throughput per week" weeks={[{ label: 'w1', value: 4 }, { label: 'w2', value: 6 }, { label: 'w3', value: 5 }]} />
        <CycleTimeScatter samples={samples} percentiles={P} from={0} to={samples.length * 1000} />
        <HandoffHeatmap cells={[{ from: 'Tier 1', to: 'Billing', count: 5 }, { from: 'Billing', to: 'Tier 1', count: 2 }]} />
      </>,
    );
    expect(expectAccessible('cfd').querySelectorAll('polygon')).toHaveLength(4);
    expect(host.querySelector('[data-queuelens="chart-cfd"] figcaption')!.textContent).toBe('From 2026-11-01 to 2026-11-02: 3 items finished; open work went from 3 to 4.');
    expect(expectAccessible('tp').querySelector('figcaption')!.textContent).toBe('3 weeks; median 5 per week; last week 5, lowest 4, highest 6.');
    const scatter = expectAccessible('cycle-scatter');
    expect(scatter.querySelectorAll('circle')).toHaveLength(MAX_SCATTER_DOTS);
    expect(scatter.querySelector('.ql-chart__note')!.textContent).toContain('every 2th item');
    const heat = expectAccessible('handoff-matrix');
    expect(heat.querySelector('figcaption')!.textContent).toBe('7 group handoffs between 2 groups; the most frequent is Tier 1 → Billing (5).');
    expect([...heat.querySelectorAll('tbody tr')].map((r) => r.textContent)).toEqual(['Billing02', 'Tier 150']);
  });

  it('renders page text as text, never markup', () => {
    render(<HandoffHeatmap cells={[{ from: '<img src=x onerror=alert(1)>', to: 'B', count: 1 }]} />);
    expect(host.querySelector('img')).toBeNull();
    expect(host.textContent).toContain('<img src=x');
  });
});
