import Dexie, { type Table } from 'dexie';
import type { DailyRollup, Diagnostic, Observation, TicketState, Transition } from '../model';
import type { ImportProvenance } from '../import/merge';
import { DB_NAME, STORES_V1, STORES_V2, STORES_V3, STORES_V4, STORES_V5, STORES_V6, STORES_V7 } from './schema';
import { rollupsFromHistory } from './rollups';

/** A weekly snapshot; its contents are defined by the snapshot module (schema-versioned JSON). */
export interface SnapshotRow {
  /** `${host}|${week}` — one per instance and ISO week; `host` is `*` for all instances. */
  id: string;
  host: string;
  /** ISO week, e.g. 2026-W48 */
  week: string;
  takenAt: number;
  data: unknown;
}

/** One imported file: the provenance `mergeImport` reported, kept so records can be traced back. */
export interface ImportRow extends ImportProvenance {
  /** `${importedAt}|${exportId}|${index in its batch}`: the same export imported twice keeps both. */
  id: string;
}

/**
 * A dashboard the background computed for one scope (lib/background/dashboard-refresher.ts).
 * `data` is `DashboardData` (lib/queries/dashboard-data.ts): plain, structured-cloneable values.
 */
export interface DashboardRow {
  /** The scope: a host, or `*` for every instance together. */
  id: string;
  computedAt: number;
  data: unknown;
}

/** One accepted observe batch, waiting to be folded into tickets, transitions and rollups. */
export interface InboxRow {
  /** Arrival order (auto-increment): a tab's replayed batch is a new row, and folding it again changes nothing. */
  seq?: number;
  receivedAt: number;
  observations: Observation[];
}

export class QueueLensDb extends Dexie {
  tickets!: Table<TicketState, string>;
  transitions!: Table<Transition, string>;
  diagnostics!: Table<Diagnostic, string>;
  rollups!: Table<DailyRollup, string>;
  snapshots!: Table<SnapshotRow, string>;
  imports!: Table<ImportRow, string>;
  dashboards!: Table<DashboardRow, string>;
  inbox!: Table<InboxRow, number>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores(STORES_V1);
    this.version(2)
      .stores(STORES_V2)
      .upgrade(async (tx) => {
        const tickets = await tx.table<TicketState, string>('tickets').toArray();
        const transitions = await tx.table<Transition, string>('transitions').toArray();
        await tx.table<DailyRollup, string>('rollups').bulkPut(rollupsFromHistory(tickets, transitions));
      });
    // v3 only adds the `imports` table: no rows to reshape.
    this.version(3).stores(STORES_V3);
    // v4 only adds the `dashboards` table (a cache the background fills): no rows to reshape.
    this.version(4).stores(STORES_V4);
    this.version(5).stores(STORES_V5);
    // v6 only drops ticket indexes: no rows to reshape.
    this.version(6).stores(STORES_V6);
    // v7 only adds the `inbox` table: no rows to reshape.
    this.version(7).stores(STORES_V7);
  }
}

/** Every ticket of one host, open and done: that host's whole range of `[host+open]` (v6 has no `host` index). */
export function ticketsOfHost(database: QueueLensDb, host: string): Promise<TicketState[]> {
  return database.tickets.where('[host+open]').between([host, Dexie.minKey], [host, Dexie.maxKey]).toArray();
}

let shared: QueueLensDb | undefined;
/** The one database instance of this extension context. */
export function db(): QueueLensDb {
  shared ??= new QueueLensDb();
  return shared;
}

/**
 * Every host with tickets, one index seek per host. (`uniqueKeys()` walks every index entry in
 * Chromium: ~0.5 s over a year of history, and it held the popup's other reads up behind it.)
 */
export async function knownHosts(database: QueueLensDb): Promise<string[]> {
  const hosts: string[] = [];
  for (;;) {
    const next = hosts.length ? database.tickets.where('[host+open]').above([hosts.at(-1), Dexie.maxKey]) : database.tickets.orderBy('[host+open]');
    const [key] = (await next.limit(1).keys()) as unknown as [string, number][];
    if (!key) return hosts;
    hosts.push(key[0]);
  }
}

