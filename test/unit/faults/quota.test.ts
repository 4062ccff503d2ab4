import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { InboxFolder } from '../../../lib/background/inbox-folder';
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
    vi.spyOn(database.inbox, 'add').mockRejectedValue(quota());
    const error = await handler.handle({ type: 'observe', batchId: 'q-1', observations: [observation('9')] }, { id: EXT }).catch((e: unknown) => e);
    expect(isQuotaError(error)).toBe(true);
    expect(await snapshot()).toEqual(before);
    vi.restoreAllMocks();

    await recoverFromQuotaError(database, 12, Date.parse('2026-11-24T12:00:00Z'), [{ host: 'acme.zendesk.com', tool: 'zendesk' }]);
    expect(await database.diagnostics.get('acme.zendesk.com|storage')).toMatchObject({ problem: storageFullMessage(12) });
    // After recovery the same batch goes through whole.
    const retried = await handler.handle({ type: 'observe', batchId: 'q-1', observations: [observation('9')] }, { id: EXT });
    expect(retried).toMatchObject({ ok: true, stored: 1 });
    await handler.inbox.flush();
    expect(await database.tickets.get('zendesk:acme.zendesk.com:9')).toBeDefined();
  });

  it('storage full while folding accepted batches: history is pruned, the fold retried, and no accepted batch is lost', async () => {
    const recovered: string[][] = [];
    const inbox = new InboxFolder(database, {
      quietMs: 60_000,
      recoverFromQuota: async (observations) => void recovered.push(observations.map((o) => o.id)),
    });
    const handler = createMessageHandler(database, EXT, { inbox });
    await handler.handle({ type: 'observe', batchId: 'f-1', observations: [observation('21'), observation('22')] }, { id: EXT });
    await handler.handle({ type: 'observe', batchId: 'f-2', observations: [observation('23')] }, { id: EXT });
    // The first fold attempt hits a full disk; the retry after recovery succeeds.
    const put = vi.spyOn(database.tickets, 'bulkPut').mockRejectedValueOnce(quota());
    await inbox.flush();
    expect(recovered).toEqual([['21', '22', '23']]);
    expect(put).toHaveBeenCalledTimes(2);
    expect(await database.tickets.bulkGet(['21', '22', '23'].map((id) => `zendesk:acme.zendesk.com:${id}`))).not.toContain(undefined);
    expect(await database.inbox.count()).toBe(0);
  });

  it('a fold that fails for good keeps the accepted batches in the inbox for the next try', async () => {
    const errors: unknown[] = [];
    const inbox = new InboxFolder(database, { quietMs: 60_000, onError: (e) => errors.push(e) });
    const handler = createMessageHandler(database, EXT, { inbox });
    await handler.handle({ type: 'observe', batchId: 'g-1', observations: [observation('31')] }, { id: EXT });
    vi.spyOn(database.tickets, 'bulkPut').mockRejectedValue(quota());
    await inbox.flush();
    expect(errors).toHaveLength(1);
    expect(await database.inbox.count()).toBe(1);
    vi.restoreAllMocks();
    await inbox.flush();
    expect(await database.inbox.count()).toBe(0);
    expect(await database.tickets.get('zendesk:acme.zendesk.com:31')).toBeDefined();
  });
});
