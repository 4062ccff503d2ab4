import { useId, type ReactNode } from 'react';
import './charts.css';

export interface DataTable {
  columns: string[];
  rows: (string | number)[][];
  /** Said under the table when rows were left out (e.g. "first 200 of 4,120 rows"). */
  note?: string;
}

/**
 * Every chart: a title, a one-sentence text summary (also the SVG's accessible description) and
 * the same data as a table for screen readers and keyboard users (a <details> any user can open).
 */
export function ChartFrame(props: {
  title: string;
  summary: string;
  table: DataTable;
  width: number;
  height: number;
  children: ReactNode;
  /** Heading level inside the page (report h2 sections use 3, popup cards 3). */
  headingLevel?: 2 | 3 | 4;
  className?: string;
  name?: string;
  legend?: ReactNode;
}) {
  const id = useId();
  const Heading = `h${props.headingLevel ?? 3}` as 'h3';
  return (
    <figure className={`ql-chart ${props.className ?? ''}`} aria-labelledby={`${id}-t`} data-queuelens={props.name ? `chart-${props.name}` : undefined}>
      <Heading id={`${id}-t`} className="ql-chart__title">
        {props.title}
      </Heading>
      <svg
        className="ql-chart__svg"
        viewBox={`0 0 ${props.width} ${props.height}`}
        width={props.width}
        height={props.height}
        role="img"
        aria-labelledby={`${id}-t ${id}-s`}
      >
        {props.children}
      </svg>
      {props.legend}
      <figcaption id={`${id}-s`} className="ql-chart__summary" data-queuelens="chart-summary">
        {props.summary}
      </figcaption>
      <details className="ql-chart__data">
        <summary>Data table</summary>
        <table>
          <caption className="ql-visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              {props.table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) =>
                  c === 0 ? (
                    <th key={c} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={c}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {props.table.note && <p className="ql-chart__note">{props.table.note}</p>}
      </details>
    </figure>
  );
}

/** Linear scale: domain → range. A zero-width domain maps to the range's start. */
export function scale(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  const span = d1 - d0;
  return (x) => (span === 0 ? r0 : r0 + ((x - d0) / span) * (r1 - r0));
}

/** A "nice" upper bound for an axis (1, 2, 5 × 10ⁿ). */
export function niceMax(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/** Axis ticks 0..max in `count` steps. */
export function ticks(max: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, k) => (max * k) / count);
}
