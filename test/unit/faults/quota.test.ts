import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createMessageHandler } from '../../../lib/background/router';
import { QueueLensDb } from '../../../lib/db/database';
import { isQuotaError, recoverFromQuotaError, storageFullMessage } from '../../../lib/db/retention';
import { ingestBatch } from '../../../lib/ingest/ingest';
import { hours, observation } from '../support/observations';

/**
 * Storage quota: IndexedDB refuses a write mid-batch with QuotaExceededError. The batch must fail
 * as a whole (one transaction: nothing partial), with an error the background recognises, and
 * the recovery must say so in selector health instead of failing silently.
 */
const EXT = 'queuelens-extension-id';
const database = new QueueLensDb(`quota-${Math.random()}`);
afterEach(() => vi.restoreAllMocks());
afterAll(() => database.delete());

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const snapshot = async () => ({
  tickets: await database.tickets.toArray(),
  transitions: await database.transitions.toArray(),
  rollups: await database.rollups.toArray(),
});

describe('storage quota during ingest', () => {
  it('a quota error on the transitions write rolls back the tickets written before it', async () => {
    await ingestBatch(database, [observation('1'), observation('2')]);
    const before = await snapshot();
    // Second sighting changes status and assignee: tickets are written first, then transitions fail.
    vi.spyOn(database.transitions, 'bulkPut').mockRejectedValue(quota());
    const later = hours(1) + Date.parse('2026-11-24T09:00:00Z');
    const error = await ingestBatch(database, [observation('1', { seenAt: later, status: 'pending' }), observation('2', { seenAt: later, assignee: 'Kim Lee' }), observation('3', { seenAt: later })]).catch((e: unknown) => e);
    expect(isQuotaError(error)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('a quota error on the rollups write leaves nothing partial either', async () => {
    const before = await snapshot();
    vi.spyOn(database.rollups, 'bulkPut').mockRejectedValue(quota());
    const error = await ingestBatch(database, [observation('7', { status: 'solved' }), observation('8')]).catch((e: unknown) => e);
    expect(isQuotaError(error)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('the handler surfaces it as a quota error (the background prunes and retries), and recovery says so in health', async () => {
    const handler = createMessageHandler(database, EXT);
    const before = await snapshot();
    vi.spyOn(database.tickets, 'bulkPut').mockRejectedValue(quota());
    const error = await handler.handle({ type: 'observe', batchId: 'q-1', observations: [observation('9')] }, { id: EXT }).catch((e: unknown) => e);
    expect(isQuotaError(error)).toBe(true);
    expect(await snapshot()).toEqual(before);
    vi.restoreAllMocks();

    await recoverFromQuotaError(database, 12, Date.parse('2026-11-24T12:00:00Z'), [{ host: 'acme.zendesk.com', tool: 'zendesk' }]);
    expect(await database.diagnostics.get('acme.zendesk.com|storage')).toMatchObject({ problem: storageFullMessage(12) });
    // After recovery the same batch goes through whole.
    const retried = await handler.handle({ type: 'observe', batchId: 'q-1', observations: [observation('9')] }, { id: EXT });
    expect(retried).toMatchObject({ ok: true, stored: 1 });
  });
});
