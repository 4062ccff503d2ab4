import { afterEach, describe, expect, it } from 'vitest';
import type { QueueLensDb } from '../../../lib/db/database';
import { rollupsFromHistory } from '../../../lib/db/rollups';
import { ingestBatch } from '../../../lib/ingest/ingest';
import { exportDatabase, serializeExport } from '../../../lib/export/json';
import { mergeImport, rebuildCounters } from '../../../lib/import/merge';
import { validateImport } from '../../../lib/import/validate';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import type { TicketState } from '../../../lib/model';
import { DAY, dumpDb, freshDb, observations, populatedDb, T0, type HistoryOptions } from '../../fixtures/import/history';

const opened: QueueLensDb[] = [];
const track = (db: QueueLensDb) => (opened.push(db), db);
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

// Two teammates watch the same queue: Alice tickets 1000–1011, Bob 1006–1017, Bob 3 h after Alice.
const ALICE: HistoryOptions = { firstId: 1000, tickets: 12, offsetMs: 0 };
const BOB: HistoryOptions = { firstId: 1006, tickets: 12, offsetMs: 3 * 3_600_000 };
const OVERLAP = ['1006', '1007', '1008', '1009', '1010', '1011'].map((id) => `zendesk:acme.zendesk.com:${id}`);

async function exportOf(opts: HistoryOptions, exportId: string, now: number): Promise<string> {
  const db = track(await populatedDb(opts));
  return serializeExport(await exportDatabase(db, { settings: DEFAULT_SETTINGS, extensionVersion: '0.1.0', now, exportId }));
}

const counters = (t: TicketState) => ({
  handoffs: t.handoffs,
  reopens: t.reopens,
  assigneeStations: t.assigneeStations,
  groupStations: t.groupStations,
  assigneeHistory: t.assigneeHistory,
  groupHistory: t.groupHistory,
});

describe('merging two overlapping exports', () => {
  it('deduplicates tickets and changes, keeps counters consistent and reports provenance', async () => {
    const alice = await exportOf(ALICE, 'alice-export-1', T0 + 20 * DAY);
    const bob = await exportOf(BOB, 'bob-export-1', T0 + 21 * DAY);
    const db = track(freshDb());
    const v = validateImport([
      { name: 'alice.json', text: alice },
      { name: 'bob.json', text: bob },
    ]);
    if (!v.ok) throw new Error(JSON.stringify(v.problem));
    const result = await mergeImport(db, v.data, { importedAt: T0 + 22 * DAY, storeTitles: true });
    const merged = await dumpDb(db);

    // 1000–1017: 18 distinct tickets, each once.
    expect(merged.tickets.map((t) => t.id)).toEqual(Array.from({ length: 18 }, (_, i) => String(1000 + i)));
    expect(result.tickets.added).toBe(18);

    // One observer who saw every sighting of both is the ground truth for the shared tickets.
    const truth = track(freshDb());
    await ingestBatch(truth, [...observations(ALICE), ...observations(BOB)]);
    for (const key of OVERLAP) {
      const m = merged.tickets.find((t) => t.key === key)!;
      const t = (await truth.tickets.get(key))!;
      expect(counters(m), key).toEqual(counters(t));
      expect(m.firstSeenAt).toBe(t.firstSeenAt); // Alice saw it first…
      expect(m.lastSeenAt).toBe(t.lastSeenAt); // …Bob last, and his state wins.
      expect(m.status).toBe(t.status);
      const changes = (ts: { key: string; field: string; from: string | null; to: string | null }[]) =>
        ts.filter((x) => x.key === key).map((x) => `${x.field}:${x.from}>${x.to}`).sort();
      expect(changes(merged.transitions)).toEqual(changes(await truth.transitions.toArray()));
    }

    // The shared tickets really exercise the rules: handoffs, reopens and duplicate sightings.
    const shared = merged.tickets.filter((t) => OVERLAP.includes(t.key));
    expect(shared.reduce((n, t) => n + t.handoffs, 0)).toBeGreaterThan(0);
    expect(shared.reduce((n, t) => n + t.reopens, 0)).toBeGreaterThan(0);

    // Counters agree with the stored history for every ticket.
    for (const t of merged.tickets) {
      const copy = { ...t };
      rebuildCounters(copy, merged.transitions.filter((x) => x.key === t.key));
      expect(counters(copy), t.key).toEqual(counters(t));
    }

    // Rollups are exactly the recomputation of the merged history: no change counted twice.
    const recomputed = rollupsFromHistory(merged.tickets, merged.transitions).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(merged.rollups).toEqual(recomputed);
    const sum = (k: 'throughput' | 'reopens' | 'handoffs') => merged.rollups.reduce((n, r) => n + r[k], 0);
    const truthRollups = await truth.rollups.toArray();
    expect(sum('throughput')).toBe(truthRollups.reduce((n, r) => n + r.throughput, 0));
    expect(sum('handoffs')).toBe(truthRollups.reduce((n, r) => n + r.handoffs, 0));

    // Provenance: who contributed what.
    const [pa, pb] = result.provenance;
    expect(pa).toMatchObject({ file: 'alice.json', exportId: 'alice-export-1', importedAt: T0 + 22 * DAY });
    expect(pb).toMatchObject({ file: 'bob.json', exportId: 'bob-export-1' });
    expect(pa.contributed.tickets.sort()).toEqual(['1000', '1001', '1002', '1003', '1004', '1005'].map((id) => `zendesk:acme.zendesk.com:${id}`));
    expect(pb.contributed.tickets).toHaveLength(12); // Bob's sightings are newer for all of his
    expect(pa.skipped.tickets + pb.skipped.tickets).toBe(OVERLAP.length);
    expect(pb.skipped.transitions).toBeGreaterThan(0); // the same changes, already known from Alice
    const contributed = new Set([...pa.contributed.transitions, ...pb.contributed.transitions]);
    expect(contributed).toEqual(new Set(merged.transitions.map((t) => t.id)));
    // The snapshot both took of the same week: the later one wins (same takenAt → first kept).
    expect(merged.snapshots).toHaveLength(1);
    expect(result.settings.version).toBe(2);
  });

  it('merging into an existing database equals merging both files into an empty one', async () => {
    const bob = await exportOf(BOB, 'bob-export-2', T0 + 21 * DAY);
    const aliceDb = track(await populatedDb(ALICE));
    const v = validateImport([{ name: 'bob.json', text: bob }]);
    if (!v.ok) throw new Error(JSON.stringify(v.problem));
    const result = await mergeImport(aliceDb, v.data, { importedAt: T0 + 22 * DAY, storeTitles: true });
    expect(result.tickets).toEqual({ added: 6, updated: 6, unchanged: 0 });

    const alice = await exportOf(ALICE, 'alice-export-2', T0 + 20 * DAY);
    const both = track(freshDb());
    const v2 = validateImport([
      { name: 'alice.json', text: alice },
      { name: 'bob.json', text: bob },
    ]);
    if (!v2.ok) throw new Error(JSON.stringify(v2.problem));
    await mergeImport(both, v2.data, { importedAt: T0 + 22 * DAY, storeTitles: true });
    const a = await dumpDb(aliceDb);
    const b = await dumpDb(both);
    expect(a.tickets).toEqual(b.tickets);
    expect(a.transitions).toEqual(b.transitions);
    expect(a.rollups).toEqual(b.rollups);
  });

  it('drops imported titles when titles are off locally', async () => {
    const bob = await exportOf(BOB, 'bob-export-3', T0 + 21 * DAY);
    const db = track(freshDb());
    const v = validateImport([{ name: 'bob.json', text: bob }]);
    if (!v.ok) throw new Error(JSON.stringify(v.problem));
    await mergeImport(db, v.data, { importedAt: T0, storeTitles: false });
    const tickets = await db.tickets.toArray();
    expect(tickets.length).toBe(12);
    expect(tickets.every((t) => !('title' in t))).toBe(true);
    const snap = await db.snapshots.toArray();
    expect(JSON.stringify(snap)).not.toContain('title');
  });

  it('an API transition replaces the observed one it pins down', async () => {
    const db = track(await populatedDb({ tickets: 1 }));
    const observed = (await db.transitions.filter((t) => t.field === 'status').first())!;
    const exact = observed.earliest + 1000;
    const text = serializeExport(
      await exportDatabase(db, { settings: DEFAULT_SETTINGS, extensionVersion: '0.1.0', now: T0 + 20 * DAY, exportId: 'api-export-1' }),
    );
    const parsed = JSON.parse(text);
    parsed.transitions = parsed.transitions.map((t: typeof observed) =>
      t.id === observed.id ? { ...t, id: `${t.id}|api`, source: 'api', at: exact, earliest: exact, latest: exact } : t,
    );
    const v = validateImport([{ name: 'api.json', text: JSON.stringify(parsed) }]);
    if (!v.ok) throw new Error(JSON.stringify(v.problem));
    const result = await mergeImport(db, v.data, { importedAt: T0, storeTitles: true });
    expect(result.transitions).toMatchObject({ added: 0, replaced: 1 });
    expect(await db.transitions.get(observed.id)).toBeUndefined();
    expect((await db.transitions.get(`${observed.id}|api`))?.at).toBe(exact);
  });
});
