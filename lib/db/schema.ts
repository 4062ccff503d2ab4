/**
 * Dexie store definitions, one entry per schema version. Never edit a released version:
 * add a new one, with an upgrade function when existing rows need reshaping.
 *
 * v1 (first release): tickets, transitions, diagnostics.
 * v2: daily rollups and weekly snapshots; tickets gain the [host+open] index the popup reads,
 *     and existing history is rolled up by the upgrade.
 * v3: import provenance (`imports`): which export file contributed which records, and when.
 * v4: precomputed dashboards (`dashboards`), one row per scope (a host or `*`), written by the
 *     background so the popup never loads transitions.
 * v5: drops indexes nothing reads (tickets.open, tickets.assignee, transitions.[key+at],
 *     transitions.field): every index is written on every ingest, and ingest rate is a budget.
 * v6: drops tickets.host ([host+open] serves a host's tickets as the range [host, any]) and
 *     tickets.lastSeenAt (its value changes on every sighting, so every ingest rewrote its entry;
 *     only the daily retention read it, which now reads each host's done tickets instead).
 * v7: adds the ingest inbox (`inbox`): each accepted observe batch is one row, written durably
 *     before the acknowledgement and folded into tickets, transitions and rollups soon after
 *     (lib/background/inbox-folder.ts), so a batch costs one put however many rows it names.
 */
export const STORES_V1 = {
  tickets: 'key, host, open',
  transitions: 'id, key, at',
  diagnostics: 'id, host',
};

export const STORES_V2 = {
  tickets: 'key, host, open, [host+open], assignee, lastSeenAt',
  transitions: 'id, key, at, [key+at], field',
  diagnostics: 'id, host',
  rollups: 'id, host, day, [host+day]',
  snapshots: 'id, host, week, [host+week]',
};

/** Only adds a table; every v2 store is repeated unchanged. */
export const STORES_V3 = {
  ...STORES_V2,
  imports: 'id, importedAt, exportId',
};

/** Only adds a table; every v3 store is repeated unchanged. */
export const STORES_V4 = {
  ...STORES_V3,
  dashboards: 'id, computedAt',
};

/** Same tables as v4, fewer indexes (IndexedDB drops the removed ones; rows are untouched). */
export const STORES_V5 = {
  ...STORES_V4,
  tickets: 'key, host, [host+open], lastSeenAt',
  transitions: 'id, key, at',
};

/** Same tables as v5, fewer ticket indexes (rows are untouched). */
export const STORES_V6 = {
  ...STORES_V5,
  tickets: 'key, [host+open]',
};

/** Only adds a table; every v6 store is repeated unchanged. */
export const STORES_V7 = {
  ...STORES_V6,
  inbox: '++seq',
};

/** Every version's stores, oldest first: index `v - 1` holds version `v`. Append each new version. */
export const STORES_BY_VERSION = [STORES_V1, STORES_V2, STORES_V3, STORES_V4, STORES_V5, STORES_V6, STORES_V7] as const;

export const DB_NAME = 'queuelens';
export const CURRENT_DB_VERSION = 7;
