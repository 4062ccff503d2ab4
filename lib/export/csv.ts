import type { SnapshotRow } from '../db/database';
import type { DailyRollup, TicketState, Transition } from '../model';
import { weekByLabel, weekOfDate, type WeekRule } from '../snapshots/schedule';

/**
 * CSV exports, one file per table: UTF-8 with a BOM (so spreadsheets detect the encoding),
 * CRLF line ends and RFC 4180 quoting.
 *
 * Formula safety (DESIGN.md, never broken): a cell whose text starts with `=`, `+`, `-`, `@`,
 * tab or carriage return gets a leading `'`, so no spreadsheet evaluates page text.
 * The rule is applied to every cell, numbers included. To keep numeric columns numeric, the
 * exports only emit quantities that cannot be negative: counts, 0/1 flags and UTC timestamps
 * (ISO 8601, years ≥ 2000). Net flow, which can be negative, is left out of weekly.csv:
 * compute it as `arrivals - throughput`. A negative number passed in anyway is neutralised
 * like any other cell (`'-3`): safe first, numeric second.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
export const BOM = '\uFEFF';

/** One cell: neutralised, then quoted when RFC 4180 requires it. */
export function csvCell(value: CsvValue): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'boolean') text = value ? '1' : '0';
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, header, rows, CRLF after every record. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`CSV row has ${row.length} cells, header has ${header.length}`);
    lines.push(row.map(csvCell).join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

export const ITEM_COLUMNS = [
  'key', 'tool', 'host', 'id', 'title', 'status', 'stage', 'open', 'assignee', 'group', 'priority',
  'created_at', 'updated_at', 'sla_due_at', 'first_seen_at', 'last_seen_at', 'status_since', 'status_since_exact',
  'started_at', 'done_at', 'handoffs', 'assignee_stations', 'group_stations', 'reopens', 'backfilled_at', 'view_id',
] as const;

/** items.csv: one row per ticket, current state and counters. `title` is empty when titles are off. */
export function itemsCsv(tickets: readonly TicketState[], opts: { storeTitles: boolean }): string {
  return toCsv(
    ITEM_COLUMNS,
    tickets.map((t) => [
      t.key, t.tool, t.host, t.id, opts.storeTitles ? t.title : '', t.status, t.stage, t.open, t.assignee, t.group, t.priority,
      iso(t.createdAt), iso(t.updatedAt), iso(t.slaDueAt), iso(t.firstSeenAt), iso(t.lastSeenAt), iso(t.statusSince),
      t.statusSinceExact, iso(t.startedAt), iso(t.doneAt), t.handoffs, t.assigneeStations, t.groupStations, t.reopens,
      iso(t.backfilledAt), t.viewId,
    ]),
  );
}

export const TRANSITION_COLUMNS = ['id', 'key', 'field', 'from', 'to', 'at', 'earliest', 'latest', 'source', 'automatic'] as const;

/** transitions.csv: one row per change of a tracked field. */
export function transitionsCsv(transitions: readonly Transition[]): string {
  return toCsv(
    TRANSITION_COLUMNS,
    transitions.map((t) => [t.id, t.key, t.field, t.from, t.to, iso(t.at), iso(t.earliest), iso(t.latest), t.source, t.automatic ?? false]),
  );
}

export const WEEKLY_COLUMNS = [
  'host', 'week', 'week_start', 'arrivals', 'throughput', 'reopens', 'handoffs', 'active_days', 'snapshot_taken_at', 'wip',
] as const;

export interface WeeklyFigure {
  host: string;
  week: string;
  weekStart: string;
  arrivals: number;
  throughput: number;
  reopens: number;
  handoffs: number;
  /** Days of the week with any rollup row. */
  activeDays: number;
  snapshotTakenAt?: number;
  /** From the snapshot, when it records a WIP count. */
  wip?: number;
}

/**
 * Weekly figures per host: daily rollups summed into weeks (rollup days are UTC dates and are
 * placed in the week holding that date), joined with the week's snapshot when there is one.
 */
export function weeklyFigures(rollups: readonly DailyRollup[], snapshots: readonly SnapshotRow[], rule: WeekRule): WeeklyFigure[] {
  const byId = new Map<string, WeeklyFigure>();
  const row = (host: string, week: string, weekStart: string) => {
    const id = `${host}|${week}`;
    let f = byId.get(id);
    if (!f) {
      f = { host, week, weekStart, arrivals: 0, throughput: 0, reopens: 0, handoffs: 0, activeDays: 0 };
      byId.set(id, f);
    }
    return f;
  };
  for (const r of rollups) {
    const w = weekOfDate(r.day, rule);
    const f = row(r.host, w.label, w.startDate);
    f.arrivals += r.arrivals;
    f.throughput += r.throughput;
    f.reopens += r.reopens;
    f.handoffs += r.handoffs;
    f.activeDays += 1;
  }
  for (const s of snapshots) {
    let start = '';
    try {
      start = weekByLabel(s.week, rule).startDate;
    } catch {
      continue; // a label this rule cannot place: not a figure we can put in a week row
    }
    const f = row(s.host, s.week, start);
    f.snapshotTakenAt = s.takenAt;
    const wip = (s.data as { wip?: unknown } | null)?.wip;
    if (typeof wip === 'number' && Number.isInteger(wip) && wip >= 0) f.wip = wip;
  }
  return [...byId.values()].sort((a, b) => (a.host === b.host ? (a.week < b.week ? -1 : 1) : a.host < b.host ? -1 : 1));
}

/** weekly.csv: see `weeklyFigures`. Net flow = arrivals − throughput (left out: it can be negative). */
export function weeklyCsv(rollups: readonly DailyRollup[], snapshots: readonly SnapshotRow[], rule: WeekRule): string {
  return toCsv(
    WEEKLY_COLUMNS,
    weeklyFigures(rollups, snapshots, rule).map((f) => [
      f.host, f.week, f.weekStart, f.arrivals, f.throughput, f.reopens, f.handoffs, f.activeDays, iso(f.snapshotTakenAt), f.wip,
    ]),
  );
}

export type CsvTable = 'items' | 'transitions' | 'weekly';

/** All three CSV files of an export. */
export function exportCsvFiles(
  data: { tickets: readonly TicketState[]; transitions: readonly Transition[]; rollups: readonly DailyRollup[]; snapshots: readonly SnapshotRow[] },
  opts: { storeTitles: boolean; rule: WeekRule },
): { table: CsvTable; text: string }[] {
  return [
    { table: 'items', text: itemsCsv(data.tickets, opts) },
    { table: 'transitions', text: transitionsCsv(data.transitions) },
    { table: 'weekly', text: weeklyCsv(data.rollups, data.snapshots, opts.rule) },
  ];
}
