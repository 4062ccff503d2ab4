import { ticketsOfHost, type QueueLensDb, type SnapshotRow } from '../db/database';
import { stripTitles, withoutTitle } from '../privacy/titles';
import { rollupsFromHistory } from '../db/rollups';
import { isHandoff } from '../ingest/handoffs';
import {
  dayOf,
  parseTicketKey,
  stageOf,
  type DailyRollup,
  type Diagnostic,
  type StageOverrides,
  type TicketState,
  type Transition,
} from '../model';
import type { Settings } from '../settings/schema';
import { isValidatedImport, type ValidatedImport } from './validate';

/**
 * Merges validated exports into the database in ONE read-write transaction: either every
 * table reflects the whole import, or (on any error) nothing changed.
 *
 * Rules:
 * - Tickets by key: the state with the newest `lastSeenAt` wins (ties keep what is stored).
 *   When sources disagree on a ticket's history, its counters and owner histories are rebuilt
 *   from the merged transitions so they stay consistent with them; `firstSeenAt` / `startedAt`
 *   take the earliest known value.
 * - Transitions by id. Two observers of the same change record it with different bounds (and so
 *   different ids): an observed transition whose bounds overlap one from another source with
 *   the same field/from/to is the same change — the narrower bounds are kept; an API transition
 *   inside an observed one's bounds replaces it (API history is authoritative, DESIGN.md).
 * - Rollups of every host touched are recomputed with `rollupsFromHistory` from the merged
 *   history. Days before the host's earliest remaining history (already pruned by retention)
 *   have nothing to recompute from: their stored and imported rows are kept (field-wise max,
 *   as two sources count the same events). A field-wise max is NOT used on days with history:
 *   two observers can place one change on different UTC days, and max would count it twice.
 * - Snapshots by id, newest `takenAt` wins; diagnostics by id, newest `at` wins.
 * - Transitions keep their original `source` (`observed`/`api`), so an export → import round
 *   trip is exact; where a record came from is reported as provenance instead.
 * - Settings inside exports are never applied; the newest file's are returned for the UI to offer.
 */

export interface MergeProvenanceInput {
  importedAt: number;
  /** The local privacy setting: when false, imported titles are dropped before writing. */
  storeTitles: boolean;
  /** Stage overrides per host, for deciding reopens when counters are rebuilt. */
  overridesForHost?: (host: string) => StageOverrides;
}

/** What one file contributed; the lead stores these in an `imports` table (see report). */
export interface ImportProvenance {
  file: string;
  exportId: string;
  exportedAt: string;
  extensionVersion: string;
  instances: string[];
  importedAt: number;
  /** Records whose stored version now comes from this file. */
  contributed: { tickets: string[]; transitions: string[]; snapshots: string[]; diagnostics: string[] };
  /** Records of the file that were already known (same id or same change) or lost to a newer one. */
  skipped: { tickets: number; transitions: number; snapshots: number; diagnostics: number };
}

export interface MergeResult {
  tickets: { added: number; updated: number; unchanged: number };
  transitions: { added: number; replaced: number; skipped: number };
  rollups: { written: number; hosts: string[] };
  snapshots: { added: number; updated: number };
  diagnostics: { added: number; updated: number };
  provenance: ImportProvenance[];
  /** Settings of the most recent export in the batch (not applied). */
  settings: Settings;
}

type Source = number; // 0 = the database, i + 1 = file i

interface Held<T> {
  row: T;
  src: Source;
}

export async function mergeImport(database: QueueLensDb, data: ValidatedImport, provenance: MergeProvenanceInput): Promise<MergeResult> {
  if (!isValidatedImport(data)) throw new Error('mergeImport needs the result of validateImport');
  const files = data.files;
  const overrides = provenance.overridesForHost ?? (() => ({}));
  const prov: ImportProvenance[] = files.map((f) => ({
    file: f.name,
    exportId: f.export.exportId,
    exportedAt: f.export.exportedAt,
    extensionVersion: f.export.source.extensionVersion,
    instances: [...f.export.source.instances],
    importedAt: provenance.importedAt,
    contributed: { tickets: [], transitions: [], snapshots: [], diagnostics: [] },
    skipped: { tickets: 0, transitions: 0, snapshots: 0, diagnostics: 0 },
  }));

  const keys = new Set<string>();
  for (const f of files) {
    for (const t of f.export.tickets) keys.add(t.key);
    for (const t of f.export.transitions) keys.add(t.key);
  }
  const keyList = [...keys];

  return database.transaction(
    'rw',
    [database.tickets, database.transitions, database.rollups, database.snapshots, database.diagnostics],
    async () => {
      // ── Read what is stored for everything the import names.
      const storedTickets = await database.tickets.bulkGet(keyList);
      const storedTransitions = keyList.length ? await database.transitions.where('key').anyOf(keyList).toArray() : [];

      // ── Transitions.
      const accepted = new Map<string, Held<Transition>>();
      const byKey = new Map<string, Held<Transition>[]>();
      const add = (h: Held<Transition>) => {
        accepted.set(h.row.id, h);
        const list = byKey.get(h.row.key);
        if (list) list.push(h);
        else byKey.set(h.row.key, [h]);
      };
      const remove = (h: Held<Transition>) => {
        accepted.delete(h.row.id);
        const list = byKey.get(h.row.key)!;
        list.splice(list.indexOf(h), 1);
      };
      for (const t of storedTransitions) add({ row: t, src: 0 });
      const storedIds = new Set(storedTransitions.map((t) => t.id));
      let replaced = 0;
      files.forEach((f, i) => {
        const src = i + 1;
        for (const t of f.export.transitions) {
          if (accepted.has(t.id)) {
            prov[i].skipped.transitions++;
            continue;
          }
          const rival = (byKey.get(t.key) ?? []).find((h) => h.src !== src && sameChange(h.row, t));
          if (!rival) {
            add({ row: t, src });
            continue;
          }
          if (prefer(t, rival.row)) {
            remove(rival);
            add({ row: t, src });
            replaced++;
          } else {
            prov[i].skipped.transitions++;
          }
        }
      });

      // ── Tickets.
      const storedByKey = new Map<string, TicketState>();
      storedTickets.forEach((t) => t && storedByKey.set(t.key, t));
      const candidates = new Map<string, Held<TicketState>[]>();
      for (const t of storedByKey.values()) candidates.set(t.key, [{ row: t, src: 0 }]);
      files.forEach((f, i) => {
        for (const t of f.export.tickets) {
          const row = provenance.storeTitles ? t : withoutTitle(t);
          const list = candidates.get(t.key);
          if (list) list.push({ row, src: i + 1 });
          else candidates.set(t.key, [{ row, src: i + 1 }]);
        }
      });
      const ticketsOut: TicketState[] = [];
      const ticketStats = { added: 0, updated: 0, unchanged: 0 };
      for (const [key, list] of candidates) {
        if (list.length === 1 && list[0].src === 0) continue; // not in the import
        const winner = list.reduce((best, c) => (c.row.lastSeenAt > best.row.lastSeenAt ? c : best));
        const merged = list.length === 1 ? winner.row : mergeTicket(winner, list, byKey.get(key) ?? [], overrides);
        list.forEach((c) => c.src > 0 && c !== winner && prov[c.src - 1].skipped.tickets++);
        const stored = storedByKey.get(key);
        if (stored && sameJson(stored, merged)) {
          ticketStats.unchanged++;
          if (winner.src > 0) prov[winner.src - 1].skipped.tickets++;
          continue;
        }
        if (stored) ticketStats.updated++;
        else ticketStats.added++;
        if (winner.src > 0) prov[winner.src - 1].contributed.tickets.push(key);
        ticketsOut.push(merged);
      }

      // ── Write tickets and transitions.
      const toDelete = [...storedIds].filter((id) => !accepted.has(id));
      const newTransitions = [...accepted.values()].filter((h) => h.src > 0);
      for (const h of newTransitions) prov[h.src - 1].contributed.transitions.push(h.row.id);
      if (toDelete.length) await database.transitions.bulkDelete(toDelete);
      if (newTransitions.length) await database.transitions.bulkPut(newTransitions.map((h) => h.row));
      if (ticketsOut.length) await database.tickets.bulkPut(ticketsOut);

      // ── Snapshots and diagnostics: newest wins.
      const snapshotStats = await mergeById(
        database.snapshots,
        files.map((f) => f.export.snapshots.map((s) => (provenance.storeTitles ? s : { ...s, data: stripTitles(s.data) }))),
        (s: SnapshotRow) => s.takenAt,
        prov,
        'snapshots',
      );
      const diagnosticStats = await mergeById(
        database.diagnostics,
        files.map((f) => (f.export.diagnostics ?? []) as Diagnostic[]),
        (d: Diagnostic) => d.at,
        prov,
        'diagnostics',
      );

      // ── Rollups: recompute every touched host from its merged history.
      const hosts = new Set<string>();
      for (const f of files) {
        for (const t of f.export.tickets) hosts.add(t.host);
        for (const r of f.export.rollups) hosts.add(r.host);
      }
      let written = 0;
      for (const host of hosts) {
        const tickets = await ticketsOfHost(database, host);
        const prefixes = [...new Set(tickets.map((t) => `${t.tool}:${parseTicketKey(t.key).host}:`))];
        const transitions = prefixes.length ? await database.transitions.where('key').startsWithAnyOf(prefixes).toArray() : [];
        const stored = await database.rollups.where('host').equals(host).toArray();
        const imported = files.flatMap((f) => f.export.rollups.filter((r) => r.host === host));
        const rows = [...rollupsFromHistory(tickets, transitions), ...beforeHistory(tickets, transitions, [stored, imported])];
        const storedById = new Map(stored.map((r) => [r.id, r]));
        const keep = new Set(rows.map((r) => r.id));
        const stale = stored.filter((r) => !keep.has(r.id)).map((r) => r.id);
        const changed = rows.filter((r) => !sameJson(storedById.get(r.id), r));
        if (stale.length) await database.rollups.bulkDelete(stale);
        if (changed.length) await database.rollups.bulkPut(changed);
        written += changed.length + stale.length;
        written += changed.length;
      }

      const newest = files.reduce((a, b) => (b.export.exportedAt > a.export.exportedAt ? b : a));
      return {
        tickets: ticketStats,
        transitions: { added: newTransitions.length - replaced, replaced, skipped: prov.reduce((n, p) => n + p.skipped.transitions, 0) },
        rollups: { written, hosts: [...hosts].sort() },
        snapshots: snapshotStats,
        diagnostics: diagnosticStats,
        provenance: prov,
        settings: newest.export.settings,
      };
    },
  );
}

/** The same real change seen by two sources (see the rules above). */
function sameChange(a: Transition, b: Transition): boolean {
  if (a.field !== b.field || a.to !== b.to) return false;
  if (a.source === 'api' && b.source === 'api') return false; // exact times: distinct ids are distinct changes
  if (a.source === 'api') return b.earliest < a.at && a.at <= b.latest;
  if (b.source === 'api') return a.earliest < b.at && b.at <= a.latest;
  return a.from === b.from && a.earliest < b.latest && b.earliest < a.latest;
}

/** Whether an incoming version of a change beats the held one: API first, then tighter bounds. */
function prefer(incoming: Transition, held: Transition): boolean {
  if ((incoming.source === 'api') !== (held.source === 'api')) return incoming.source === 'api';
  return incoming.latest - incoming.earliest < held.latest - held.earliest;
}

/**
 * The winner's state, with what the other sources know added: earliest sightings, and — when
 * the merged history differs from the winner's own — counters rebuilt from that history.
 */
function mergeTicket(
  winner: Held<TicketState>,
  all: Held<TicketState>[],
  history: Held<Transition>[],
  overrides: (host: string) => StageOverrides,
): TicketState {
  const out: TicketState = { ...winner.row };
  const rows = all.map((c) => c.row);
  out.firstSeenAt = Math.min(...rows.map((r) => r.firstSeenAt));
  const started = rows.map((r) => r.startedAt).filter((v): v is number => v !== undefined);
  if (started.length) out.startedAt = Math.min(...started);
  out.createdAt ??= rows.find((r) => r.createdAt !== undefined)?.createdAt;
  if (out.title === undefined) {
    const title = rows.find((r) => r.title !== undefined)?.title;
    if (title !== undefined) out.title = title;
  }
  const backfilled = rows.map((r) => r.backfilledAt).filter((v): v is number => v !== undefined);
  if (backfilled.length) out.backfilledAt = Math.max(...backfilled);
  if (out.createdAt === undefined) delete out.createdAt;

  // Counters are the winner's own unless the merged history holds changes its source lacked.
  if (history.some((h) => h.src !== winner.src)) rebuildCounters(out, history.map((h) => h.row), overrides(out.host));
  return out;
}

/**
 * Counters from history, matching ingest's fold: the owner held before the first recorded
 * change counts as the first station; every assignment after it is another station.
 */
export function rebuildCounters(state: TicketState, transitions: Transition[], overrides: StageOverrides = {}): void {
  const sorted = [...transitions].sort((a, b) => a.at - b.at || a.latest - b.latest || (a.id < b.id ? -1 : 1));
  const owners = (field: 'assignee' | 'group') => {
    const changes = sorted.filter((t) => t.field === field);
    const initial = changes.length ? changes[0].from : state[field];
    let history = initial !== null ? [initial] : [];
    let stations = initial !== null ? 1 : 0;
    for (const t of changes) {
      if (t.to === null) continue;
      stations++;
      history = [...history.filter((h) => h !== t.to), t.to];
    }
    return { stations, history: history.slice(-200) };
  };
  const a = owners('assignee');
  const g = owners('group');
  state.assigneeStations = a.stations;
  state.assigneeHistory = a.history;
  state.groupStations = g.stations;
  state.groupHistory = g.history;
  state.handoffs = sorted.filter(isHandoff).length;
  state.reopens = sorted.filter(
    (t) =>
      t.field === 'status' &&
      t.from !== null &&
      stageOf(state.tool, t.from, overrides) === 'done' &&
      stageOf(state.tool, t.to, overrides) !== 'done',
  ).length;
}

/** Rows for days before any remaining history of the host: nothing to recompute them from. */
function beforeHistory(tickets: TicketState[], transitions: Transition[], sources: DailyRollup[][]): DailyRollup[] {
  let start: string | undefined;
  const consider = (ms: number | undefined) => {
    if (ms === undefined) return;
    const d = dayOf(ms);
    if (start === undefined || d < start) start = d;
  };
  for (const t of tickets) consider(t.createdAt ?? t.firstSeenAt);
  for (const t of transitions) consider(t.at);
  return maxRollups(sources.map((rows) => rows.filter((r) => start === undefined || r.day < start)));
}

/** Field-wise max of rollup rows with the same id across sets. */
function maxRollups(sets: DailyRollup[][]): DailyRollup[] {
  const out = new Map<string, DailyRollup>();
  for (const set of sets) {
    for (const r of set) {
      const cur = out.get(r.id);
      out.set(
        r.id,
        cur
          ? {
              ...cur,
              arrivals: Math.max(cur.arrivals, r.arrivals),
              throughput: Math.max(cur.throughput, r.throughput),
              reopens: Math.max(cur.reopens, r.reopens),
              handoffs: Math.max(cur.handoffs, r.handoffs),
            }
          : { id: r.id, host: r.host, day: r.day, arrivals: r.arrivals, throughput: r.throughput, reopens: r.reopens, handoffs: r.handoffs },
      );
    }
  }
  return [...out.values()];
}

interface IdTable<T extends { id: string }> {
  bulkGet(keys: string[]): Promise<(T | undefined)[]>;
  bulkPut(items: readonly T[]): Promise<unknown>;
}

async function mergeById<T extends { id: string }>(
  table: IdTable<T>,
  perFile: T[][],
  time: (row: T) => number,
  prov: ImportProvenance[],
  kind: 'snapshots' | 'diagnostics',
): Promise<{ added: number; updated: number }> {
  const ids = [...new Set(perFile.flat().map((r) => r.id))];
  if (!ids.length) return { added: 0, updated: 0 };
  const stored = await table.bulkGet(ids);
  const best = new Map<string, Held<T>>();
  stored.forEach((r) => r && best.set(r.id, { row: r, src: 0 }));
  const storedIds = new Set(best.keys());
  perFile.forEach((rows, i) => {
    for (const row of rows) {
      const cur = best.get(row.id);
      if (!cur || time(row) > time(cur.row)) {
        if (cur && cur.src > 0) prov[cur.src - 1].skipped[kind]++;
        best.set(row.id, { row, src: i + 1 });
      } else {
        prov[i].skipped[kind]++;
      }
    }
  });
  const out = [...best.values()].filter((h) => h.src > 0);
  for (const h of out) prov[h.src - 1].contributed[kind].push(h.row.id);
  if (out.length) await table.bulkPut(out.map((h) => h.row));
  const added = out.filter((h) => !storedIds.has(h.row.id)).length;
  return { added, updated: out.length - added };
}

/** Structural equality of plain JSON-like records, ignoring key order and undefined fields. */
function sameJson(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([x], [y]) => (x < y ? -1 : 1)))
      : val,
  );
}
