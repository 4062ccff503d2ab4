import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { QueueLensDb } from '../../../lib/db/database';
import { RETENTION_ALARM, SNAPSHOT_ALARM, startSnapshotAlarm } from '../../../lib/background/snapshot-alarm';
import { ingestBatch } from '../../../lib/ingest/ingest';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import { weekByLabel } from '../../../lib/snapshots/schedule';
import { freshDb } from '../../fixtures/import/history';
import { observation } from '../support/observations';

const RULE = { weekStartDay: 1, timeZone: 'UTC' };
const settings: Settings = { ...DEFAULT_SETTINGS, snapshots: { weekStartDay: 1, timeZone: 'UTC' } };
let db: QueueLensDb;

beforeEach(async () => {
  fakeBrowser.reset();
  db = freshDb();
  await ingestBatch(db, [observation('1', { seenAt: Date.parse('2026-11-02T09:00:00Z'), createdAt: Date.parse('2026-11-01T09:00:00Z') })]);
});
afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

const weeks = async () => (await db.snapshots.where('host').equals('*').toArray()).map((s) => s.week).sort();
const start = (now: () => number) => startSnapshotAlarm({ database: db, alarms: fakeBrowser.alarms, loadSettings: async () => settings, now, log: () => undefined });

describe('weekly snapshot alarm', () => {
  it('on first start takes last week and sets the alarm for the end of this week', async () => {
    const now = Date.parse('2026-11-18T10:00:00Z'); // Wednesday of W47
    await start(() => now).ready;
    expect(await weeks()).toEqual(['2026-W46']);
    expect((await fakeBrowser.alarms.get(SNAPSHOT_ALARM))?.scheduledTime).toBe(weekByLabel('2026-W47', RULE).end);
    expect((await fakeBrowser.alarms.get(RETENTION_ALARM))?.periodInMinutes).toBe(1440);
  });

  it('catches up every week missed while the browser was closed, then takes the next one when the alarm fires', async () => {
    await db.snapshots.put({ id: '*|2026-W44', host: '*', week: '2026-W44', takenAt: 0, data: { schemaVersion: 1 } });
    let now = Date.parse('2026-11-26T10:00:00Z'); // Thursday of W48: W45–W47 were missed
    const alarm = start(() => now);
    await alarm.ready;
    expect(await weeks()).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);
    // Each week snapshots "all" and every instance seen.
    expect(await db.snapshots.get('acme.zendesk.com|2026-W47')).toBeDefined();

    now = weekByLabel('2026-W48', RULE).end + 1000;
    await fakeBrowser.alarms.onAlarm.trigger({ name: SNAPSHOT_ALARM, scheduledTime: now });
    await vi.waitFor(async () => expect(await weeks()).toContain('2026-W48'));
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(SNAPSHOT_ALARM))?.scheduledTime).toBe(weekByLabel('2026-W49', RULE).end));
  });

  it('a run started twice at once takes each week only once', async () => {
    const now = Date.parse('2026-11-18T10:00:00Z');
    const alarm = start(() => now);
    const [a, b] = await Promise.all([alarm.runDue(), alarm.runDue()]);
    await alarm.ready;
    expect(a.length + b.length).toBe(2); // W46 for "*" and for the instance, once
  });

  it('the daily alarm prunes history past the retention', async () => {
    const now = Date.parse('2029-01-01T00:00:00Z');
    const alarm = start(() => now);
    await alarm.ready;
    await db.tickets.update('zendesk:acme.zendesk.com:1', { open: 0 });
    const pruned = await alarm.runRetention();
    expect(pruned.tickets).toBe(1);
    expect(await db.tickets.count()).toBe(0);
  });
});
