import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueLensDb } from '../../../lib/db/database';
import { exportDatabase, serializeExport } from '../../../lib/export/json';
import { IMPORT_LIMITS } from '../../../lib/import/validate';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { importExports, readImportFiles, type FileLike } from '../../../components/options/import-files';
import { DAY, dumpDb, freshDb, populatedDb, T0 } from '../../fixtures/import/history';

const opened: QueueLensDb[] = [];
const track = (db: QueueLensDb) => (opened.push(db), db);
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});
const file = (name: string, text: string, size = text.length): FileLike => ({ name, size, text: vi.fn(async () => text) });

async function teammateExport(): Promise<string> {
  const source = track(await populatedDb({ firstId: 2000, tickets: 5 }));
  return serializeExport(await exportDatabase(source, { settings: DEFAULT_SETTINGS, extensionVersion: '0.1.0', now: T0 + 20 * DAY, exportId: 'teammate-export-1' }));
}

describe('importing exports from the options page', () => {
  it('merges a valid export, reports counts and keeps provenance', async () => {
    const db = track(freshDb());
    const outcome = await importExports(db, [file('ana.json', await teammateExport())], { settings: DEFAULT_SETTINGS, now: T0 + 21 * DAY });
    expect(outcome.ok).toBe(true);
    expect(outcome.message).toMatch(/^Imported 1 file: 5 tickets added, 0 updated, 0 unchanged; \d+ changes added/);
    expect(await db.tickets.count()).toBe(5);
    const [prov] = await db.imports.toArray();
    expect(prov).toMatchObject({ file: 'ana.json', exportId: 'teammate-export-1', importedAt: T0 + 21 * DAY });
    expect(prov.contributed.tickets).toHaveLength(5);
  });

  it('refuses the whole batch when one file is hostile and changes nothing', async () => {
    const db = track(await populatedDb({ firstId: 1000, tickets: 3 }));
    const before = await dumpDb(db);
    const good = await teammateExport();
    const polluted = good.replace('"tickets":[{', '"tickets":[{"__proto__":{"polluted":true},');
    const outcome = await importExports(db, [file('ana.json', good), file('evil.json', polluted)], { settings: DEFAULT_SETTINGS, now: T0 });
    expect(outcome).toMatchObject({ ok: false, message: 'Nothing was imported: evil.json — $.tickets[0].__proto__ — forbidden key "__proto__" (prototype pollution)' });
    expect(await dumpDb(db)).toEqual(before);
    expect(await db.imports.count()).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names a wrong version', async () => {
    const db = track(freshDb());
    const future = (await teammateExport()).replace('"version":1', '"version":99');
    const outcome = await importExports(db, [file('new.json', future)], { settings: DEFAULT_SETTINGS, now: T0 });
    expect(outcome.message).toMatch(/^Nothing was imported: new\.json — \$\.version — export version 99 is newer/);
  });

  it('refuses a huge file by its size without reading it', async () => {
    const huge = file('huge.json', '{}', IMPORT_LIMITS.maxBytes + 1);
    const [read] = await readImportFiles([huge]);
    expect(huge.text).not.toHaveBeenCalled();
    expect(read).toEqual({ name: 'huge.json', size: IMPORT_LIMITS.maxBytes + 1, text: '' });
    const outcome = await importExports(track(freshDb()), [huge], { settings: DEFAULT_SETTINGS, now: T0 });
    expect(outcome.message).toMatch(/huge\.json — \$ — file too large/);
  });
});
