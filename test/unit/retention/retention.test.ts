import { afterEach, describe, expect, it } from 'vitest';
import type { QueueLensDb } from '../../../lib/db/database';
import { isQuotaError, pruneHistory, recoverFromQuotaError, retentionCutoff } from '../../../lib/db/retention';
import { ingestBatch } from '../../../lib/ingest/ingest';
import { adapterProblems } from '../../../lib/queries/queue-summary';
import { freshDb } from '../../fixtures/import/history';
import { observation } from '../support/observations';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-12-15T12:00:00Z');
const opened: QueueLensDb[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

/** #old: solved in 2025 and not seen since. #long: open since 2025, still seen. #new: this month. */
async function history(): Promise<QueueLensDb> {
  const db = freshDb();
  opened.push(db);
  const created = at('2025-01-10T09:00:00Z');
  await ingestBatch(db, [
    observation('old', { seenAt: at('2025-02-01T09:00:00Z'), createdAt: created }),
    observation('long', { seenAt: at('2025-02-01T09:00:00Z'), createdAt: created }),
  ]);
  await ingestBatch(db, [
    observation('old', { seenAt: at('2025-03-01T09:00:00Z'), createdAt: created, status: 'solved' }),
    observation('long', { seenAt: at('2025-03-01T09:00:00Z'), createdAt: created, status: 'pending' }),
  ]);
  await ingestBatch(db, [
    observation('long', { seenAt: at('2026-12-10T09:00:00Z'), createdAt: created, status: 'open' }),
    observation('new', { seenAt: at('2026-12-10T09:00:00Z'), createdAt: at('2026-12-09T09:00:00Z') }),
  ]);
  await ingestBatch(db, [observation('new', { seenAt: at('2026-12-11T09:00:00Z'), createdAt: at('2026-12-09T09:00:00Z'), status: 'pending' })]);
  await db.snapshots.bulkPut([
    { id: '*|2025-W05', host: '*', week: '2025-W05', takenAt: at('2025-02-03T00:05:00Z'), data: {} },
    { id: '*|2026-W49', host: '*', week: '2026-W49', takenAt: at('2026-12-07T00:05:00Z'), data: {} },
  ]);
  return db;
}

describe('retention', () => {
  it('counts whole calendar months back, clamped to short months', () => {
    expect(new Date(retentionCutoff(at('2026-12-15T12:00:00Z'), 12)).toISOString()).toBe('2025-12-15T12:00:00.000Z');
    expect(new Date(retentionCutoff(at('2026-03-31T00:00:00Z'), 1)).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });

  it('drops history older than the setting and keeps everything recent, and open tickets', async () => {
    const db = await history();
    const before = await db.transitions.count();
    const result = await pruneHistory(db, 12, NOW);

    expect(await db.tickets.get('zendesk:acme.zendesk.com:old')).toBeUndefined();
    // An old open ticket stays (with its current state); only its changes before the cutoff go.
    expect(await db.tickets.get('zendesk:acme.zendesk.com:long')).toMatchObject({ status: 'open' });
    const left = await db.transitions.toArray();
    expect(left.every((t) => t.at >= result.cutoff)).toBe(true);
    expect(left.some((t) => t.key.endsWith(':new'))).toBe(true);
    expect(left.some((t) => t.key.endsWith(':long'))).toBe(true);
    expect(result.transitions).toBe(before - left.length);
    expect((await db.rollups.toArray()).every((r) => r.day >= '2025-12-15')).toBe(true);
    expect(await db.rollups.count()).toBeGreaterThan(0);
    expect((await db.snapshots.toArray()).map((s) => s.week)).toEqual(['2026-W49']);
    expect(result).toMatchObject({ tickets: 1, snapshots: 1 });
  });

  it('after a quota error, prunes and tells the popup why history is missing', async () => {
    const db = await history();
    await recoverFromQuotaError(db, 6, NOW, [{ host: 'acme.zendesk.com', tool: 'zendesk' }]);
    expect(await db.tickets.get('zendesk:acme.zendesk.com:old')).toBeUndefined();
    const problems = await adapterProblems(db, 'acme.zendesk.com');
    expect(problems.map((p) => p.problem)).toEqual([expect.stringMatching(/^Storage is full: QueueLens pruned history older than 6 months/)]);
  });

  it('recognises the quota error however Dexie wraps it', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });
});
