import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueLensDb } from '../../../lib/db/database';
import { csvCell, exportCsvFiles, ITEM_COLUMNS, toCsv, TRANSITION_COLUMNS, WEEKLY_COLUMNS, weeklyFigures } from '../../../lib/export/csv';
import { weekOfDate } from '../../../lib/snapshots/schedule';
import { dumpDb, HOSTILE_TITLES, populatedDb } from '../../fixtures/import/history';
import { parseCsv } from './csv-parse';

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['plain', 'plain'],
    ["'already quoted", "'already quoted"],
    ['1=1', '1=1'],
  ])('%j → %j', (input, out) => expect(csvCell(input)).toBe(out));

  it('writes numbers, flags and blanks plainly; a negative number is neutralised like text', () => {
    expect(csvCell(42)).toBe('42');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(true)).toBe('1');
    expect(csvCell(false)).toBe('0');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(-3)).toBe("'-3");
  });

  it('documents: BOM, CRLF records, header row; rows must match the header', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
    expect(() => toCsv(['a', 'b'], [[1]])).toThrow(/header/);
  });
});

const FORMULA = /^[=+\-@\t\r]/;

describe('CSV export loads as-is into SQLite (sql.js)', () => {
  let SQL: SqlJsStatic;
  let source: QueueLensDb;
  let data: Awaited<ReturnType<typeof dumpDb>>;
  let sqlite: Database;
  const rule = { weekStartDay: 1, timeZone: 'UTC' };
  let files: Record<string, string[][]>;

  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    SQL = await initSqlJs({ locateFile: (f: string) => require.resolve(`sql.js/dist/${f}`) });
    source = await populatedDb({ tickets: 20 });
    data = await dumpDb(source);
    files = Object.fromEntries(exportCsvFiles(data, { storeTitles: true, rule }).map((f) => [f.table, parseCsv(f.text)]));
    sqlite = new SQL.Database();
    const load = (table: string, columns: readonly string[], types: Record<string, string>) => {
      const rows = files[table];
      expect(rows[0]).toEqual([...columns]);
      sqlite.run(`CREATE TABLE ${table} (${columns.map((c) => `"${c}" ${types[c] ?? 'TEXT'}`).join(', ')})`);
      const stmt = sqlite.prepare(`INSERT INTO ${table} VALUES (${columns.map(() => '?').join(', ')})`);
      // Cells go in exactly as read: SQLite's column affinity turns numeric text into numbers.
      for (const row of rows.slice(1)) stmt.run(row);
      stmt.free();
    };
    const int = (...cols: string[]) => Object.fromEntries(cols.map((c) => [c, 'INTEGER']));
    load('items', ITEM_COLUMNS, int('open', 'status_since_exact', 'handoffs', 'assignee_stations', 'group_stations', 'reopens'));
    load('transitions', TRANSITION_COLUMNS, int('automatic'));
    load('weekly', WEEKLY_COLUMNS, int('arrivals', 'throughput', 'reopens', 'handoffs', 'active_days', 'wip'));
  });
  afterAll(async () => {
    sqlite?.close();
    await source?.delete();
  });

  const one = (sql: string) => sqlite.exec(sql)[0].values[0];

  it('items: counts and sums match the source', () => {
    const [n, handoffs, reopens, stations, open] = one(
      'SELECT COUNT(*), SUM(handoffs), SUM(reopens), SUM(assignee_stations), SUM(open) FROM items',
    ) as number[];
    const sum = (f: (t: (typeof data.tickets)[number]) => number) => data.tickets.reduce((a, t) => a + f(t), 0);
    expect(n).toBe(data.tickets.length);
    expect(handoffs).toBe(sum((t) => t.handoffs));
    expect(reopens).toBe(sum((t) => t.reopens));
    expect(stations).toBe(sum((t) => t.assigneeStations));
    expect(open).toBe(sum((t) => t.open));
    expect(one("SELECT typeof(handoffs) FROM items LIMIT 1")).toEqual(['integer']);
  });

  it('transitions: one row per transition, per field', () => {
    expect(one('SELECT COUNT(*) FROM transitions')).toEqual([data.transitions.length]);
    const byField = sqlite.exec('SELECT field, COUNT(*) FROM transitions GROUP BY field ORDER BY field')[0].values;
    const expected = Object.entries(
      data.transitions.reduce<Record<string, number>>((m, t) => ((m[t.field] = (m[t.field] ?? 0) + 1), m), {}),
    ).sort();
    expect(byField).toEqual(expected);
    // Timestamps are ISO text SQLite can compute with.
    const [bad] = one("SELECT COUNT(*) FROM transitions WHERE julianday(at) IS NULL OR julianday(earliest) > julianday(latest)") as number[];
    expect(bad).toBe(0);
  });

  it('weekly: figures add up to the daily rollups and to the snapshot', () => {
    const [arrivals, throughput, reopens, handoffs] = one(
      'SELECT SUM(arrivals), SUM(throughput), SUM(reopens), SUM(handoffs) FROM weekly',
    ) as number[];
    const sum = (k: 'arrivals' | 'throughput' | 'reopens' | 'handoffs') => data.rollups.reduce((a, r) => a + r[k], 0);
    expect([arrivals, throughput, reopens, handoffs]).toEqual([sum('arrivals'), sum('throughput'), sum('reopens'), sum('handoffs')]);
    expect(one("SELECT wip, snapshot_taken_at FROM weekly WHERE week = '2026-W45'")).toEqual([7, '2026-11-09T00:05:00.000Z']);
    // Net flow is computed, not exported (it can be negative).
    const net = sqlite.exec('SELECT week, arrivals - throughput FROM weekly ORDER BY week')[0].values;
    expect(net.length).toBeGreaterThan(0);
  });

  it('hostile titles round-trip: neutralised exactly when they start with a formula character', () => {
    const titles = sqlite.exec('SELECT key, title FROM items ORDER BY key')[0].values as [string, string][];
    for (const [key, title] of titles) {
      const original = data.tickets.find((t) => t.key === key)!.title!;
      expect(title).toBe(FORMULA.test(original) ? `'${original}` : original);
    }
    expect(titles.map(([, t]) => t)).toContain('Comma, "quoted" and\nnewline');
    expect(HOSTILE_TITLES.filter((t) => FORMULA.test(t)).length).toBeGreaterThan(3);
  });

  it('no cell in any file starts with a formula character', () => {
    for (const rows of Object.values(files)) for (const row of rows) for (const cell of row) expect(cell).not.toMatch(FORMULA);
  });

  it('leaves titles out when titles are off', () => {
    const [items] = exportCsvFiles(data, { storeTitles: false, rule });
    const rows = parseCsv(items.text);
    const col = rows[0].indexOf('title');
    expect(rows.slice(1).every((r) => r[col] === '')).toBe(true);
  });
});

describe('weeklyFigures', () => {
  it('groups UTC rollup days into the configured weeks', () => {
    const rollups = [
      { id: 'h|2026-12-27', host: 'h', day: '2026-12-27', arrivals: 1, throughput: 0, reopens: 0, handoffs: 0 }, // Sunday
      { id: 'h|2026-12-28', host: 'h', day: '2026-12-28', arrivals: 2, throughput: 1, reopens: 0, handoffs: 0 }, // Monday
      { id: 'h|2027-01-03', host: 'h', day: '2027-01-03', arrivals: 4, throughput: 5, reopens: 1, handoffs: 2 }, // Sunday
    ];
    const iso = weeklyFigures(rollups, [], { weekStartDay: 1, timeZone: 'UTC' });
    expect(iso.map((f) => [f.week, f.weekStart, f.arrivals, f.activeDays])).toEqual([
      ['2026-W52', '2026-12-21', 1, 1],
      ['2026-W53', '2026-12-28', 6, 2],
    ]);
    const sunday = weeklyFigures(rollups, [], { weekStartDay: 0, timeZone: 'UTC' });
    // Sunday weeks of 2026: week 1 starts Sun Jan 4 (its Wednesday is the first in January), so 52 weeks.
    expect(sunday.map((f) => [f.week, f.weekStart, f.arrivals])).toEqual([
      ['2026-W52', '2026-12-27', 3],
      ['2027-W01', '2027-01-03', 4],
    ]);
    expect(weekOfDate('2027-01-03', { weekStartDay: 0, timeZone: 'UTC' }).label).toBe('2027-W01');
  });
});
