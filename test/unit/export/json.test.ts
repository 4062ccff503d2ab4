import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueLensDb } from '../../../lib/db/database';
import { buildExport, exportDatabase, ExportV1Schema, serializeExport, type ExportTables } from '../../../lib/export/json';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../../lib/settings/schema';
import { dumpDb, populatedDb, T0 } from '../../fixtures/import/history';

let db: QueueLensDb;
let tables: ExportTables;
beforeAll(async () => {
  db = await populatedDb({ tickets: 5 });
  const other = await populatedDb({ tickets: 3, host: 'beta.atlassian.net' });
  // One database holding two instances.
  const o = await dumpDb(other);
  await db.tickets.bulkPut(o.tickets);
  await db.transitions.bulkPut(o.transitions);
  await db.rollups.bulkPut(o.rollups);
  await db.snapshots.bulkPut(o.snapshots);
  await db.diagnostics.bulkPut(o.diagnostics);
  await other.delete();
  tables = await dumpDb(db);
});
afterAll(() => db.delete());

const opts = { settings: DEFAULT_SETTINGS, extensionVersion: '1.2.3', now: Date.UTC(2026, 10, 30, 8), exportId: 'fixed-id-0001' };

describe('JSON export', () => {
  it('has the versioned envelope and validates against its own schema', async () => {
    const exp = await exportDatabase(db, opts);
    expect(exp).toMatchObject({
      schema: 'queuelens-export',
      version: 1,
      exportedAt: '2026-11-30T08:00:00.000Z',
      exportId: 'fixed-id-0001',
      source: { app: 'queuelens', extensionVersion: '1.2.3', instances: ['acme.zendesk.com', 'beta.atlassian.net'] },
      counts: { tickets: 8, transitions: tables.transitions.length, rollups: tables.rollups.length, snapshots: 2, diagnostics: 0 },
    });
    expect(exp.diagnostics).toBeUndefined();
    const reparsed = ExportV1Schema.parse(JSON.parse(serializeExport(exp)));
    expect(reparsed.tickets).toEqual(exp.tickets);
    expect(serializeExport(exp).endsWith('}\n')).toBe(true);
  });

  it('includes diagnostics on request', async () => {
    const exp = await exportDatabase(db, { ...opts, includeDiagnostics: true });
    expect(exp.diagnostics).toHaveLength(2);
    expect(exp.counts.diagnostics).toBe(2);
  });

  it('exports one instance', () => {
    const exp = buildExport(tables, { ...opts, hosts: ['beta.atlassian.net'] });
    expect(exp.source.instances).toEqual(['beta.atlassian.net']);
    expect(exp.tickets.every((t) => t.host === 'beta.atlassian.net')).toBe(true);
    expect(exp.transitions.length).toBeGreaterThan(0);
    expect(exp.transitions.every((t) => t.key.includes(':beta.atlassian.net:'))).toBe(true);
    expect(exp.snapshots.map((s) => s.host)).toEqual(['beta.atlassian.net']);
  });

  it('omits titles everywhere when storeTitles is off', () => {
    const settings = SettingsSchema.parse({ privacy: { storeTitles: false } });
    const text = serializeExport(buildExport(tables, { ...opts, settings }));
    expect(text).not.toContain('"title"');
    expect(text).not.toContain('HYPERLINK');
    const exp = buildExport(tables, { ...opts, settings });
    expect(exp.settings.privacy.storeTitles).toBe(false);
    expect(exp.snapshots[0].data).toMatchObject({ wip: 7, oldest: [{ ageDays: 4.5 }] });
  });

  it('generates a fresh export id when none is given', () => {
    const a = buildExport(tables, { ...opts, exportId: undefined });
    const b = buildExport(tables, { ...opts, exportId: undefined });
    expect(a.exportId).not.toBe(b.exportId);
    expect(ExportV1Schema.shape.exportId.safeParse(a.exportId).success).toBe(true);
    expect(T0).toBeLessThan(opts.now);
  });
});
