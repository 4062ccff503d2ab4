import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueueLensDb } from '../../../lib/db/database';
import { exportDatabase, serializeExport } from '../../../lib/export/json';
import { mergeImport } from '../../../lib/import/merge';
import { validateImport, type ImportFile } from '../../../lib/import/validate';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { dumpDb, freshDb, HOSTILE_TITLES, populatedDb, T0 } from '../../fixtures/import/history';

/** A sound export of a different instance, to tamper with. */
let good = '';
beforeAll(async () => {
  const db = await populatedDb({ host: 'other.zendesk.com', tickets: 4 });
  good = serializeExport(
    await exportDatabase(db, { settings: DEFAULT_SETTINGS, extensionVersion: '0.1.0', now: T0 + 9e8, exportId: 'good-export-1', includeDiagnostics: true }),
  );
  await db.delete();
});

const opened: QueueLensDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const tamper = (edit: (doc: any) => void): string => {
  const doc = JSON.parse(good);
  edit(doc);
  return JSON.stringify(doc);
};

interface Case {
  name: string;
  files: () => ImportFile[];
  limits?: Parameters<typeof validateImport>[1];
  file?: string;
  path: string | RegExp;
  reason: RegExp;
}

const cases: Case[] = [
  { name: 'newer export version', files: () => [{ name: 'x.json', text: tamper((d) => (d.version = 2)) }], path: '$.version', reason: /newer.*update/ },
  { name: 'version as a string', files: () => [{ name: 'x.json', text: tamper((d) => (d.version = '1')) }], path: '$.version', reason: /unsupported/ },
  { name: 'another schema', files: () => [{ name: 'x.json', text: tamper((d) => (d.schema = 'other-tool')) }], path: '$.schema', reason: /not a QueueLens export/ },
  { name: 'truncated text', files: () => [{ name: 'x.json', text: good.slice(0, Math.floor(good.length * 0.6)) }], path: '$', reason: /^truncated/ },
  {
    name: 'rows cut from an array',
    files: () => [{ name: 'x.json', text: tamper((d) => d.transitions.splice(3, 5)) }],
    path: '$.counts.transitions',
    reason: /truncated or edited/,
  },
  { name: 'huge file', files: () => [{ name: 'x.json', text: good }], limits: { maxBytes: 1000 }, path: '$', reason: /too large/ },
  { name: 'huge by declared size', files: () => [{ name: 'x.json', text: '{}', size: 5e9 }], path: '$', reason: /too large/ },
  {
    name: '__proto__ key in a ticket',
    files: () => [{ name: 'x.json', text: good.replace('"status":', '"__proto__":{"polluted":true},"status":') }],
    path: '$.tickets[0].__proto__',
    reason: /forbidden key "__proto__"/,
  },
  {
    name: 'constructor key in snapshot data',
    files: () => [{ name: 'x.json', text: tamper((d) => (d.snapshots[0].data.nested = { constructor: { prototype: { polluted: true } } })) }],
    path: '$.snapshots[0].data.nested.constructor',
    reason: /forbidden key "constructor"/,
  },
  {
    name: 'prototype key in settings',
    files: () => [{ name: 'x.json', text: tamper((d) => (d.settings.thresholds.prototype = 1)) }],
    path: '$.settings.thresholds.prototype',
    reason: /prototype pollution/,
  },
  { name: 'a CSV export', files: () => [{ name: 'x.csv', text: '\uFEFFkey,tool\r\n=1+1,zendesk\r\n' }], file: 'x.csv', path: '$', reason: /only \.json exports/ },
  { name: 'empty file', files: () => [{ name: 'x.json', text: '\uFEFF  \n' }], path: '$', reason: /empty/ },
  { name: 'top-level array', files: () => [{ name: 'x.json', text: '[1,2]' }], path: '$', reason: /only \.json exports|top level/ },
  {
    name: 'a malformed ticket key',
    files: () => [{ name: 'x.json', text: tamper((d) => (d.tickets[2].key = 'zendesk:<script>:1')) }],
    path: '$.tickets[2].key',
    reason: /ticket key/,
  },
  {
    name: 'a key that does not match its ticket',
    files: () => [{ name: 'x.json', text: tamper((d) => (d.tickets[1].key = 'zendesk:evil.zendesk.com:1')) }],
    path: '$.tickets[1].key',
    reason: /does not match/,
  },
  {
    name: 'an impossible date',
    files: () => [{ name: 'x.json', text: tamper((d) => (d.transitions[0].at = -1)) }],
    path: '$.transitions[0].at',
    reason: /./,
  },
  {
    name: 'settings from a future version',
    files: () => [{ name: 'x.json', text: tamper((d) => (d.settings.version = 99)) }],
    path: '$.settings',
    reason: /newer than this QueueLens/,
  },
  {
    name: 'nesting beyond reason',
    files: () => [{ name: 'x.json', text: tamper((d) => (d.snapshots[0].data = JSON.parse('['.repeat(200) + ']'.repeat(200)))) }],
    path: /^\$\.snapshots\[0\]\.data(\[0\])+$/,
    reason: /nested deeper/,
  },
  {
    name: 'a bad file after a good one',
    files: () => [
      { name: 'good.json', text: good },
      { name: 'bad.json', text: tamper((d) => (d.rollups[0].throughput = -4)) },
    ],
    file: 'bad.json',
    path: '$.rollups[0].throughput',
    reason: /./,
  },
  { name: 'no files', files: () => [], file: '', path: '$', reason: /no files/ },
];

describe('hostile and malformed imports', () => {
  it.each(cases)('$name: refused with its first problem, and the database is untouched', async (c) => {
    const db = await populatedDb();
    opened.push(db);
    const before = await dumpDb(db);
    const result = validateImport(c.files(), c.limits);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.file).toBe(c.file ?? 'x.json');
    if (typeof c.path === 'string') expect(result.problem.path).toBe(c.path);
    else expect(result.problem.path).toMatch(c.path);
    expect(result.problem.reason).toMatch(c.reason);
    expect(await dumpDb(db)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('formula-looking text is just data: accepted and stored verbatim', async () => {
    const text = tamper((d) => {
      d.tickets[0].title = '=cmd|" /C calc"!A0';
      d.tickets[0].assignee = '@admin';
      d.tickets[0].group = '+Tier 1';
    });
    const v = validateImport([{ name: 'formula.json', text }]);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const db = freshDb();
    opened.push(db);
    await mergeImport(db, v.data, { importedAt: T0, storeTitles: true });
    const t = (await db.tickets.toArray()).find((x) => x.title === '=cmd|" /C calc"!A0');
    expect(t).toMatchObject({ assignee: '@admin', group: '+Tier 1' });
    const titles = (await db.tickets.toArray()).map((x) => x.title);
    expect(titles.some((x) => HOSTILE_TITLES.includes(x!))).toBe(true);
  });

  it('mergeImport refuses data that did not come from validateImport', async () => {
    const db = await populatedDb();
    opened.push(db);
    const before = await dumpDb(db);
    const forged = { files: [{ name: 'forged.json', bytes: 2, export: JSON.parse(good) }] };
    await expect(mergeImport(db, forged, { importedAt: T0, storeTitles: true })).rejects.toThrow(/validateImport/);
    expect(await dumpDb(db)).toEqual(before);
  });

  it('a failure during the write rolls everything back', async () => {
    const db = await populatedDb();
    opened.push(db);
    const before = await dumpDb(db);
    const v = validateImport([{ name: 'good.json', text: good }]);
    if (!v.ok) throw new Error(JSON.stringify(v.problem));
    // Fail after tickets and transitions have been written inside the transaction.
    db.snapshots.bulkPut = (() => Promise.reject(new Error('disk full'))) as unknown as typeof db.snapshots.bulkPut;
    await expect(mergeImport(db, v.data, { importedAt: T0, storeTitles: true })).rejects.toThrow(/disk full/);
    expect(await dumpDb(db)).toEqual(before);
  });
});
