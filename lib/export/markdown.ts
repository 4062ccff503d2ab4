/**
 * The one-page weekly summary for the team review, as Markdown. It takes plain figures (the
 * caller feeds it from the metrics engine) so it stays a pure formatter.
 *
 * Every piece of text that came from a page (titles, names, statuses, hosts) goes through
 * `escapeMarkdown`: it can neither format, link, nor inject HTML.
 */

/** A value with last week's value for the trend; null = not enough data. */
export interface Figure {
  value: number | null;
  previous?: number | null;
}

export interface WaitRow {
  kind: 'stage' | 'group' | 'assignee';
  /** Stage / group / person name (page text). */
  name: string;
  wip: number;
  /** Sum of ages of the items waiting there, in days. */
  ageWeightedDays?: number;
  /** WIP ÷ throughput (Little's law); null when nothing was completed. */
  expectedWaitDays: number | null;
  /** WIP change since last week. */
  wipChange?: number;
}

export interface CapacityRow {
  label: string;
  value: number | null;
  previous?: number | null;
  unit: 'count' | 'percent' | 'ratio' | 'days' | 'per-ticket';
  /** Which direction is an improvement, for the trend word. */
  better: 'higher' | 'lower';
}

export interface OldestItem {
  key: string;
  /** The host's ticket id, shown instead of the key when given. */
  id?: string;
  title?: string;
  stage: string;
  status?: string | null;
  assignee?: string | null;
  ageDays: number;
}

export interface WeeklySummaryInput {
  week: string;
  /** Instance label or host, or "All instances". */
  instance: string;
  generatedAt: number;
  wip: Figure;
  arrivals: Figure;
  throughput: Figure;
  /** Arrivals − throughput; derived from the two when absent. */
  netFlow?: Figure;
  /** Reopened ÷ solved, 0–1. */
  reopenRate: Figure;
  topWaits: WaitRow[];
  capacity: CapacityRow[];
  oldestItems: OldestItem[];
  /** Free-text lines (e.g. "Zendesk view layout not recognised on 2 days"). */
  notes?: string[];
}

const INLINE_SPECIALS = /[\\`*_{}[\]()<>|~&!#$]/g;

/** Makes page text inert in Markdown (CommonMark + GFM): one line, every special character escaped. */
export function escapeMarkdown(text: string): string {
  const oneLine = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
  const escaped = oneLine.replace(INLINE_SPECIALS, (c) => `\\${c}`);
  // Block markers only matter at a line start, but escaping them keeps the text context-free.
  return escaped.replace(/^([-+=>])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

const fmtNumber = (n: number, digits = 1) => (Number.isInteger(n) ? String(n) : n.toFixed(digits));

function fmtValue(v: number | null | undefined, unit: CapacityRow['unit'] | 'count'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  switch (unit) {
    case 'percent':
      return `${fmtNumber(Math.round(v * 1000) / 10)} %`;
    case 'ratio':
      return v.toFixed(2);
    case 'days':
      return `${fmtNumber(Math.round(v * 10) / 10)} d`;
    case 'per-ticket':
      return v.toFixed(2);
    default:
      return fmtNumber(v);
  }
}

const signed = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `−${text.replace(/^-/, '')}` : '±0');

function trend(f: Figure, unit: CapacityRow['unit'] | 'count', better?: 'higher' | 'lower'): string {
  if (f.value === null || f.previous === null || f.previous === undefined) return '';
  const delta = f.value - f.previous;
  if (delta === 0) return ' (no change)';
  const arrow = delta > 0 ? '▲' : '▼';
  const amount = unit === 'percent' ? `${fmtNumber(Math.round(Math.abs(delta) * 1000) / 10)} pt` : fmtValue(Math.abs(delta), unit);
  const verdict = better ? ((delta > 0) === (better === 'higher') ? ', better' : ', worse') : '';
  return ` (${arrow} ${signed(delta, amount)}${verdict})`;
}

const cell = (text: string) => escapeMarkdown(text) || ' ';

/** Renders the summary. Deterministic: same input, same text. */
export function weeklySummaryMarkdown(input: WeeklySummaryInput): string {
  const net: Figure = input.netFlow ?? {
    value: input.arrivals.value !== null && input.throughput.value !== null ? input.arrivals.value - input.throughput.value : null,
    previous:
      input.arrivals.previous != null && input.throughput.previous != null ? input.arrivals.previous - input.throughput.previous : null,
  };
  const netText =
    net.value === null ? '—' : `${signed(net.value, fmtNumber(Math.abs(net.value)))} (${net.value > 0 ? 'backlog growing' : net.value < 0 ? 'backlog shrinking' : 'balanced'})`;

  const out: string[] = [];
  out.push(`# Weekly flow summary — ${escapeMarkdown(input.week)}, ${escapeMarkdown(input.instance)}`);
  out.push('');
  out.push(`Generated ${new Date(input.generatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC by QueueLens.`);
  out.push('');
  out.push('## Flow');
  out.push('');
  out.push(`- **WIP:** ${fmtValue(input.wip.value, 'count')}${trend(input.wip, 'count', 'lower')}`);
  out.push(`- **Arrivals:** ${fmtValue(input.arrivals.value, 'count')}${trend(input.arrivals, 'count')}`);
  out.push(`- **Throughput:** ${fmtValue(input.throughput.value, 'count')}${trend(input.throughput, 'count', 'higher')}`);
  out.push(`- **Net flow:** ${netText}`);
  out.push(`- **Reopen rate:** ${fmtValue(input.reopenRate.value, 'percent')}${trend(input.reopenRate, 'percent', 'lower')}`);
  out.push('');

  out.push('## Where work waits');
  out.push('');
  if (input.topWaits.length === 0) {
    out.push('Nothing is waiting.');
  } else {
    out.push('| Where | WIP | Age-weighted (days) | Expected wait | Change in WIP |');
    out.push('| --- | ---: | ---: | ---: | ---: |');
    for (const w of input.topWaits) {
      const change = w.wipChange === undefined ? '—' : signed(w.wipChange, fmtNumber(Math.abs(w.wipChange)));
      out.push(
        `| ${cell(`${w.kind}: ${w.name}`)} | ${w.wip} | ${fmtValue(w.ageWeightedDays, 'count')} | ${fmtValue(w.expectedWaitDays, 'days')} | ${change} |`,
      );
    }
    out.push('');
    out.push("Expected wait = WIP ÷ throughput (Little's law: assumes arrivals and completions stay roughly steady).");
  }
  out.push('');

  out.push('## Capacity card');
  out.push('');
  if (input.capacity.length === 0) {
    out.push('Not enough history yet.');
  } else {
    out.push('| Measure | This week | Last week | Trend |');
    out.push('| --- | ---: | ---: | --- |');
    for (const c of input.capacity) {
      const t = trend(c, c.unit, c.better).replace(/^ \((.*)\)$/, '$1') || '—';
      out.push(`| ${cell(c.label)} | ${fmtValue(c.value, c.unit)} | ${fmtValue(c.previous, c.unit)} | ${t} |`);
    }
  }
  out.push('');

  out.push('## Oldest open items');
  out.push('');
  if (input.oldestItems.length === 0) {
    out.push('No open items.');
  } else {
    out.push('| Item | Title | Stage | Assignee | Age (days) |');
    out.push('| --- | --- | --- | --- | ---: |');
    for (const it of input.oldestItems) {
      const stage = it.status ? `${it.stage} (${it.status})` : it.stage;
      out.push(
        `| ${cell(it.id ?? it.key)} | ${cell(it.title ?? '')} | ${cell(stage)} | ${cell(it.assignee ?? 'unassigned')} | ${fmtNumber(Math.round(it.ageDays * 10) / 10)} |`,
      );
    }
  }
  if (input.notes?.length) {
    out.push('');
    out.push('## Notes');
    out.push('');
    for (const n of input.notes) out.push(`- ${escapeMarkdown(n)}`);
  }
  return `${out.join('\n')}\n`;
}
