import { afterEach, describe, expect, it } from 'vitest';
import type { QueueLensDb } from '../../../lib/db/database';
import { ingestBatch } from '../../../lib/ingest/ingest';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import { weekByLabel, type WeekRule } from '../../../lib/snapshots/schedule';
import { lastSnapshotWeek, takeSnapshot, takeWeek, type SnapshotData } from '../../../lib/snapshots/take';
import { freshDb } from '../../fixtures/import/history';
import { observation } from '../support/observations';

const RULE: WeekRule = { weekStartDay: 1, timeZone: 'UTC' };
const W48 = weekByLabel('2026-W48', RULE); // Mon 2026-11-23 – Mon 2026-11-30 (UTC)
const at = (iso: string) => Date.parse(iso);
const opened: QueueLensDb[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

/** Three tickets in W48: #1 solved by Sam, #2 handed from Billing to Tier 2, #3 new and unassigned. */
async function weekOfWork(): Promise<QueueLensDb> {
  const db = freshDb();
  opened.push(db);
  await ingestBatch(db, [
    observation('1', { seenAt: at('2026-11-24T09:00:00Z'), createdAt: at('2026-11-20T09:00:00Z'), assignee: 'Sam', group: 'Billing', title: 'Refund for Acme' }),
    observation('2', { seenAt: at('2026-11-24T09:00:00Z'), createdAt: at('2026-11-21T09:00:00Z'), assignee: 'Ana', group: 'Billing', title: 'Invoice missing' }),
    observation('3', { seenAt: at('2026-11-24T10:00:00Z'), createdAt: at('2026-11-24T09:30:00Z'), status: 'new', assignee: null, group: null, title: 'Login broken' }),
  ]);
  await ingestBatch(db, [
    observation('1', { seenAt: at('2026-11-25T09:00:00Z'), createdAt: at('2026-11-20T09:00:00Z'), status: 'solved', assignee: 'Sam', group: 'Billing', updatedAt: at('2026-11-25T08:00:00Z') }),
    observation('2', { seenAt: at('2026-11-26T09:00:00Z'), createdAt: at('2026-11-21T09:00:00Z'), assignee: 'Bo', group: 'Tier 2', updatedAt: at('2026-11-26T08:00:00Z') }),
  ]);
  return db;
}

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

describe('taking a weekly snapshot', () => {
  it('records the week’s flow, where work waits, handoffs, people and open items by age', async () => {
    const db = await weekOfWork();
    const row = await takeSnapshot(db, { host: 'acme.zendesk.com', week: W48, rule: RULE, settings: settings(), now: at('2026-12-01T08:00:00Z') });
    expect(row.id).toBe('acme.zendesk.com|2026-W48');
    const data = row.data as SnapshotData;
    expect(data).toMatchObject({ schemaVersion: 1, week: '2026-W48', asOf: W48.end, partial: false, wip: 2, open: 2 });
    expect(data.weekFlow).toEqual({ arrivals: 1, throughput: 1, reopens: 0, handoffs: 2, netFlow: 0 });
    expect(data.handoffs.matrix).toEqual([{ from: 'Billing', to: 'Tier 2', count: 1 }]);
    expect(data.people.find((p) => p.name === 'Sam')).toMatchObject({ doneInWeek: 1, wip: 0 });
    expect(data.people.find((p) => p.name === 'Bo')).toMatchObject({ wip: 1 });
    expect(data.groups.find((g) => g.name === 'Tier 2')).toMatchObject({ wip: 1 });
    // Oldest first, ages at the end of the week: #2 created Nov 21 09:00 → 8 d 15 h.
    expect(data.openItems.map((i) => i.id)).toEqual(['2', '3']);
    expect(data.openItems[0]).toMatchObject({ key: 'zendesk:acme.zendesk.com:2', assignee: 'Bo', group: 'Tier 2', title: 'Invoice missing', ageMs: W48.end - at('2026-11-21T09:00:00Z') });
    expect(data.capacity.throughput.current).toBe(1);
    expect(await db.snapshots.get(row.id)).toEqual(row);
  });

  it('leaves titles out when the privacy setting says so', async () => {
    const db = await weekOfWork();
    const row = await takeSnapshot(db, { host: '*', week: W48, rule: RULE, settings: settings({ privacy: { storeTitles: false } }), now: W48.end + 1 });
    const data = row.data as SnapshotData;
    expect(data.openItems).toHaveLength(2);
    expect(JSON.stringify(row)).not.toMatch(/Invoice missing|Login broken|Refund/);
  });

  it('takes every instance and “all”, and a snapshot of a week in progress does not count as taken', async () => {
    const db = await weekOfWork();
    const rows = await takeWeek(db, { week: W48, rule: RULE, settings: settings(), now: at('2026-11-27T12:00:00Z') });
    expect(rows.map((r) => r.id)).toEqual(['*|2026-W48', 'acme.zendesk.com|2026-W48']);
    expect((rows[0].data as SnapshotData).partial).toBe(true);
    expect(await lastSnapshotWeek(db)).toBeUndefined();
    await takeWeek(db, { week: W48, rule: RULE, settings: settings(), now: W48.end + 60_000 });
    expect(await lastSnapshotWeek(db)).toBe('2026-W48');
  });
});
