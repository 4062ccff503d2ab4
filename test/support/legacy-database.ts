import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { weekRuleOf } from '../../lib/background/snapshot-alarm';
import type { DashboardRow, ImportRow, SnapshotRow } from '../../lib/db/database';
import { rollupsFromHistory } from '../../lib/db/rollups';
import { STORES_BY_VERSION } from '../../lib/db/schema';
import { buildHistoryIndex } from '../../lib/metrics/history-index';
import { dayOf, diagnosticId, rollupId, type DailyRollup, type Diagnostic, type Observation, type TicketState, type Transition } from '../../lib/model';
import { buildDashboardData } from '../../lib/queries/dashboard-data';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { previousWeek, weekOf } from '../../lib/snapshots/schedule';
import { buildSnapshot } from '../../lib/snapshots/take';
import { storedRowsOf } from '../bench/ingest';
import { hours, observation } from '../unit/support/observations';

/**
 * Databases as an earlier release left them, for upgrade tests: the IndexedDB layout Dexie
 * creates for a schema version, raw IndexedDB helpers that write and read such a database
 * (self-contained, so they also run inside a browser page through page.evaluate), and rows a
 * user of that version would have stored.
 */

export interface IdbIndexLayout {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}
export interface IdbStoreLayout {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: IdbIndexLayout[];
}
/** What IndexedDB itself records of a database: native version, stores and their indexes. */
export interface IdbLayout {
  version: number;
  stores: IdbStoreLayout[];
}
/** Rows per store. */
export type Rows = Record<string, unknown[]>;

/**
 * The layout Dexie gives a database declared with `stores` at `version`, read back from one
 * Dexie itself created (fake-indexeddb): native version `version * 10`, compound indexes named
 * `[a+b]` with an array key path, and whatever else Dexie decides, without restating its rules.
 */
export async function dexieLayout(version: number, stores: Record<string, string | null>): Promise<IdbLayout> {
  const factory = new IDBFactory();
  const dexie = new Dexie('layout', { indexedDB: factory, IDBKeyRange });
  dexie.version(version).stores(stores);
  await dexie.open();
  dexie.close();
  const { layout } = await readDatabase('layout', factory);
  return layout;
}

/**
 * Deletes `name` and creates it with raw IndexedDB at `layout` (stores and indexes exactly as
 * given), then writes `rows` in one transaction. Self-contained: pass it to page.evaluate.
 * Rejects rather than waits when another connection keeps the database from being deleted.
 */
export async function createDatabase(input: { name: string; layout: IdbLayout; rows: Rows }, factory: IDBFactory = indexedDB): Promise<void> {
  const { name, layout, rows } = input;
  await new Promise<void>((resolve, reject) => {
    const del = factory.deleteDatabase(name);
    del.onsuccess = () => resolve();
    del.onerror = () => reject(del.error);
    del.onblocked = () => reject(new Error(`deleting ${name} is blocked by an open connection`));
  });
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = factory.open(name, layout.version);
    open.onupgradeneeded = () => {
      for (const s of layout.stores) {
        const store = open.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
        for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
      }
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
    open.onblocked = () => reject(new Error(`creating ${name} is blocked by an open connection`));
  });
  try {
    const names = Object.keys(rows).filter((n) => rows[n].length > 0);
    if (names.length === 0) return;
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(names, 'readwrite');
      for (const n of names) for (const row of rows[n]) tx.objectStore(n).put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/**
 * The layout and every row of an existing database, with raw IndexedDB (opening it without a
 * version never upgrades it). Stores, indexes and rows come in IndexedDB's own order (by name,
 * by primary key). Self-contained: pass it to page.evaluate.
 */
export async function readDatabase(name: string, factory: IDBFactory = indexedDB): Promise<{ layout: IdbLayout; rows: Rows }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = factory.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const names = Array.from(db.objectStoreNames);
    const stores: IdbStoreLayout[] = [];
    const rows: Rows = {};
    if (names.length) {
      const tx = db.transaction(names, 'readonly');
      await Promise.all(
        names.map(async (n) => {
          const store = tx.objectStore(n);
          const indexes = Array.from(store.indexNames).map((i) => {
            const index = store.index(i);
            return { name: i, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
          });
          stores.push({ name: n, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes });
          rows[n] = await new Promise<unknown[]>((resolve, reject) => {
            const all = store.getAll();
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
          });
        }),
      );
    }
    stores.sort((a, b) => (a.name < b.name ? -1 : 1));
    return { layout: { version: db.version, stores }, rows };
  } finally {
    db.close();
  }
}

export const LEGACY_HOST = observation('0').host;
const day = hours(24);
const STATUSES = ['new', 'open', 'open', 'pending', 'open', 'hold'];

/**
 * What a Zendesk view showed a user over two days: six tickets first seen three days ago, then
 * one solved, one handed to another agent, one moved to pending and one to another group.
 */
export function legacyObservations(now: number): Observation[] {
  const base = (n: number) => ({ seenAt: now - 3 * day, createdAt: now - (5 + n) * day, status: STATUSES[n], title: `Printer on floor ${n} jams` });
  const id = (n: number) => String(101 + n);
  const later = (n: number, change: Partial<Observation>) => observation(id(n), { ...base(n), seenAt: now - day, ...change });
  return [
    ...STATUSES.map((_, n) => observation(id(n), base(n))),
    later(0, { status: 'solved' }),
    later(1, { assignee: 'Priya Nair' }),
    later(2, { status: 'pending' }),
    later(3, { group: 'Tier 2' }),
  ];
}

export interface LegacySeed {
  /** The history as a user of that version would have stored it. */
  tickets: TicketState[];
  transitions: Transition[];
  /** Rows per store, only of stores the version has. */
  rows: Rows;
  /** The ISO week of the stored weekly snapshot, when the version has snapshots. */
  snapshotWeek?: string;
}

/**
 * Rows a user of schema `version` would have stored for `legacyObservations(now)`: tickets,
 * transitions and a selector-health report (v1), the daily rollups ingest maintained, plus one
 * older day whose transitions retention has already removed, and a weekly snapshot (v2+), an
 * import's provenance (v3+) and a precomputed dashboard (v4+). Only stores of that version.
 */
export function legacySeed(version: number, now: number): LegacySeed {
  const stores = STORES_BY_VERSION[version - 1];
  if (!stores) throw new Error(`no schema version ${version}`);
  const host = LEGACY_HOST;
  const { tickets, transitions } = storedRowsOf(legacyObservations(now));
  const olderDay = dayOf(now - 60 * day);
  const rollups: DailyRollup[] = [
    ...rollupsFromHistory(tickets, transitions),
    { id: rollupId(host, olderDay), host, day: olderDay, arrivals: 3, throughput: 2, reopens: 0, handoffs: 1 },
  ];
  const diagnostic: Diagnostic = {
    id: diagnosticId({ host, pageKind: 'zendesk-view' }),
    tool: 'zendesk',
    host,
    pageKind: 'zendesk-view',
    url: `https://${host}/agent/filters/360001`,
    at: now - day,
    rows: tickets.length,
    fieldCounts: { id: tickets.length, status: tickets.length, assignee: tickets.length },
    errors: 0,
  };
  const rule = weekRuleOf(DEFAULT_SETTINGS);
  const week = previousWeek(previousWeek(weekOf(now, rule), rule), rule);
  const snapshot: SnapshotRow = buildSnapshot({ tickets, transitions, rollups }, { host, week, rule, settings: DEFAULT_SETTINGS, now });
  const importedAt = now - 2 * day;
  const imported: ImportRow = {
    id: `${importedAt}|teammate-export-1|0`,
    file: 'queuelens-teammate.json',
    exportId: 'teammate-export-1',
    exportedAt: new Date(importedAt - hours(2)).toISOString(),
    extensionVersion: '0.1.0',
    instances: [host],
    importedAt,
    contributed: { tickets: [tickets[5].key], transitions: [], snapshots: [], diagnostics: [] },
    skipped: { tickets: 5, transitions: 0, snapshots: 0, diagnostics: 0 },
  };
  const computedAt = now - hours(1);
  const dashboard: DashboardRow = { id: host, computedAt, data: buildDashboardData(buildHistoryIndex(tickets, transitions), rollups, DEFAULT_SETTINGS, host, computedAt) };

  const all: Rows = { tickets, transitions, diagnostics: [diagnostic], rollups, snapshots: [snapshot], imports: [imported], dashboards: [dashboard] };
  const rows: Rows = Object.fromEntries(Object.keys(stores).map((store) => [store, all[store] ?? []]));
  return { tickets, transitions, rows, snapshotWeek: 'snapshots' in stores ? week.label : undefined };
}
