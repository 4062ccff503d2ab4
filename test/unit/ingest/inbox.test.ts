import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InboxFolder } from '../../../lib/background/inbox-folder';
import { purgeEverything } from '../../../components/options/data-actions';
import { QueueLensDb } from '../../../lib/db/database';
import { ingestBatch } from '../../../lib/ingest/ingest';
import type { Observation } from '../../../lib/model';
import { hours, observation } from '../support/observations';

/**
 * The ingest inbox: a batch is acknowledged once it is one durable inbox row, and folded into
 * history later. What the user must never notice: a difference from writing each batch at once.
 */
const databases: QueueLensDb[] = [];
const fresh = () => {
  const database = new QueueLensDb(`inbox-${Math.random()}`);
  databases.push(database);
  return database;
};
afterAll(() => Promise.all(databases.map((d) => d.delete())));

const T0 = Date.parse('2026-11-24T09:00:00Z');
/** History as the user sees it: every table ingest writes, in a stable order. */
const history = async (database: QueueLensDb) => ({
  tickets: await database.tickets.toArray(),
  transitions: await database.transitions.toArray(),
  rollups: await database.rollups.toArray(),
});

describe('ingest inbox', () => {
  it('acknowledges a batch as one inbox row, previews its effect, and folds it into history after a quiet spell', async () => {
    const database = fresh();
    const inbox = new InboxFolder(database, { quietMs: 30 });
    const first = await inbox.accept([observation('1'), observation('2')]);
    const second = await inbox.accept([observation('1', { seenAt: T0 + hours(1), status: 'pending', assignee: 'Kim Lee' })]);

    expect(await database.inbox.count()).toBe(2);
    expect(await database.tickets.count()).toBe(0);
    expect(first).toMatchObject({ stored: 2, transitions: 0 });
    // The preview builds on the first batch, not yet folded: a status change and a handoff.
    expect(second).toMatchObject({ stored: 1, transitions: 2 });
    expect(second.states[0]).toMatchObject({ status: 'pending', assignee: 'Kim Lee', handoffs: 1 });
    expect(await inbox.statesOf(['zendesk:acme.zendesk.com:1'])).toEqual(second.states);

    await new Promise((r) => setTimeout(r, 200));
    expect(await database.inbox.count()).toBe(0);
    expect(await database.tickets.get('zendesk:acme.zendesk.com:1')).toEqual(second.states[0]);
    expect(await database.transitions.count()).toBe(2);
  });

  it('folds what a stopped worker accepted as soon as a new one starts', async () => {
    const database = fresh();
    const stopped = new InboxFolder(database, { quietMs: 60_000 });
    await stopped.accept([observation('7'), observation('8', { status: 'new' })]);
    expect(await database.tickets.count()).toBe(0);

    const restarted = new InboxFolder(database, { quietMs: 60_000 });
    const answer = await restarted.accept([observation('8', { seenAt: T0 + hours(2), status: 'open' })]);
    // The leftover row was folded before the new batch was previewed: the preview sees ticket 8 as new → open.
    expect(answer.transitions).toBe(1);
    expect(await database.tickets.count()).toBe(2);
  });

  it('a batch accepted twice (the outbox resends when an acknowledgement is lost) writes nothing twice', async () => {
    const database = fresh();
    const inbox = new InboxFolder(database, { quietMs: 60_000 });
    const batch = [observation('5'), observation('5', { seenAt: T0 + hours(1), group: 'Tier 2' })];
    await inbox.accept(batch);
    await inbox.flush();
    const once = await history(database);
    await inbox.accept(batch);
    await inbox.flush();
    expect(await history(database)).toEqual(once);
  });

  it('after a purge elsewhere, answers start from the empty history, not from batches the purge deleted', async () => {
    const database = fresh();
    const inbox = new InboxFolder(database, { quietMs: 60_000 });
    await inbox.accept([observation('3', { assignee: 'Ann Ito' })]);
    await inbox.accept([observation('3', { seenAt: T0 + hours(1), assignee: 'Kim Lee' })]);
    // The options page clears every table (the inbox included) in its own transaction, then tells the background.
    await purgeEverything(database, async (message) => {
      if (message.type === 'history-changed') await inbox.resync();
    });

    const after = await inbox.accept([observation('3', { seenAt: T0 + hours(2), assignee: 'Kim Lee' })]);
    expect(after.states[0]).toMatchObject({ assignee: 'Kim Lee', handoffs: 0 });
    expect(after.transitions).toBe(0);
    await inbox.flush();
    expect(await database.tickets.get('zendesk:acme.zendesk.com:3')).toEqual(after.states[0]);
  });

  it('ends in exactly the history that writing each batch at once gives, as previewed, whatever the batches', async () => {
    const ids = ['1', '2', '3'];
    const statuses = ['new', 'open', 'pending', 'solved'];
    const people = ['Sam Ortiz', 'Kim Lee', null];
    const sighting = fc.record({ id: fc.constantFrom(...ids), hour: fc.integer({ min: 0, max: 30 }), status: fc.constantFrom(...statuses), assignee: fc.constantFrom(...people) });
    const batches = fc.array(fc.array(sighting, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(batches, fc.integer({ min: 1, max: 12 }), async (shape, perFold) => {
        const toObservations = (batch: typeof shape[number]): Observation[] =>
          batch.map((s) => observation(s.id, { seenAt: T0 + hours(s.hour), updatedAt: undefined, status: s.status, assignee: s.assignee }));
        const direct = fresh();
        for (const batch of shape) await ingestBatch(direct, toObservations(batch));
        const viaInbox = fresh();
        const inbox = new InboxFolder(viaInbox, { quietMs: 60_000, observationsPerFold: perFold });
        for (const batch of shape) await inbox.accept(toObservations(batch));
        const previewed = await inbox.statesOf(ids.map((id) => `zendesk:acme.zendesk.com:${id}`));
        await inbox.flush();
        const sortById = <T extends { id: string } | { key: string }>(rows: T[]) => [...rows].sort((a, b) => ('id' in a ? a.id : a.key).localeCompare('id' in b ? b.id : b.key));
        const [a, b] = [await history(direct), await history(viaInbox)];
        expect(sortById(b.transitions)).toEqual(sortById(a.transitions));
        expect(sortById(b.tickets)).toEqual(sortById(a.tickets));
        expect(sortById(b.rollups)).toEqual(sortById(a.rollups));
        // What badges were told before the fold is what the fold wrote.
        expect(sortById(previewed)).toEqual(sortById(b.tickets));
      }),
      { numRuns: 40 },
    );
  });
});
