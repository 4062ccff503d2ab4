import { afterEach, describe, expect, it } from 'vitest';
import type { QueueLensDb } from '../../../lib/db/database';
import { rollupsFromHistory } from '../../../lib/db/rollups';
import { exportDatabase, serializeExport } from '../../../lib/export/json';
import { mergeImport } from '../../../lib/import/merge';
import { validateImport } from '../../../lib/import/validate';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { dumpDb, freshDb, populatedDb, T0 } from '../../fixtures/import/history';

const opened: QueueLensDb[] = [];
const track = (db: QueueLensDb) => (opened.push(db), db);
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const exportOpts = { settings: DEFAULT_SETTINGS, extensionVersion: '0.1.0', now: T0 + 30 * 86_400_000, includeDiagnostics: true };

describe('export → wipe → import', () => {
  it('rebuilds an identical database', async () => {
    const source = track(await populatedDb());
    const before = await dumpDb(source);
    expect(before.tickets.length).toBe(12);
    expect(before.transitions.length).toBeGreaterThan(40);
    expect(before.rollups.length).toBeGreaterThan(2);

    const text = serializeExport(await exportDatabase(source, { ...exportOpts, exportId: 'export-0001' }));
    await source.delete();
    const target = track(freshDb());
    const v = validateImport([{ name: 'queuelens-acme.zendesk.com-2026-W48.json', text }]);
    if (!v.ok) throw new Error(JSON.stringify(v.problem));
    const result = await mergeImport(target, v.data, { importedAt: T0 + 31 * 86_400_000, storeTitles: true });

    expect(await dumpDb(target)).toEqual(before);
    expect(result.tickets).toEqual({ added: 12, updated: 0, unchanged: 0 });
    expect(result.provenance[0].contributed.tickets).toHaveLength(12);
    expect(result.provenance[0].exportId).toBe('export-0001');
  });

  it('ingest-maintained rollups equal rollups recomputed from history', async () => {
    const db = track(await populatedDb());
    const d = await dumpDb(db);
    const recomputed = rollupsFromHistory(d.tickets, d.transitions).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(recomputed).toEqual(d.rollups);
  });

  it('importing the same export again changes nothing', async () => {
    const db = track(await populatedDb());
    const text = serializeExport(await exportDatabase(db, exportOpts));
    const before = await dumpDb(db);
    const v = validateImport([{ name: 'a.json', text }, { name: 'a-copy.json', text }]);
    if (!v.ok) throw new Error(JSON.stringify(v.problem));
    const result = await mergeImport(db, v.data, { importedAt: T0, storeTitles: true });
    expect(await dumpDb(db)).toEqual(before);
    expect(result.tickets).toEqual({ added: 0, updated: 0, unchanged: 12 });
    expect(result.transitions.added).toBe(0);
    expect(result.rollups.written).toBe(0);
    expect(result.provenance.every((p) => p.contributed.tickets.length === 0)).toBe(true);
  });
});
