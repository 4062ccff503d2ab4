import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueueLensDb } from '../../../lib/db/database';
import { ingestBatch } from '../../../lib/ingest/ingest';
import type { Observation } from '../../../lib/model';
import { hours, observation } from '../support/observations';

let database: QueueLensDb;
beforeEach(() => {
  database = new QueueLensDb(`ingest-${Math.random()}`);
});
afterEach(async () => {
  await database.delete();
});

const T0 = Date.parse('2026-11-24T09:00:00Z');

describe('ingest', () => {
  it('stores a first sighting as current state without inventing transitions', async () => {
    const result = await ingestBatch(database, [observation('1')]);
    expect(result).toMatchObject({ stored: 1, transitions: 0 });
    const t = await database.tickets.get('zendesk:acme.zendesk.com:1');
    expect(t).toMatchObject({ status: 'open', stage: 'active', open: 1, handoffs: 0, assigneeStations: 1, startedAt: Date.parse('2026-11-20T09:00:00Z') });
    // Status start unknown for a ticket first seen open: a lower bound, flagged as such.
    expect(t!.statusSinceExact).toBe(false);
    const rollup = await database.rollups.get('acme.zendesk.com|2026-11-20');
    expect(rollup?.arrivals).toBe(1);
  });

  it('records a status change as a transition bounded by the two sightings', async () => {
    await ingestBatch(database, [observation('1', { seenAt: T0 })]);
    await ingestBatch(database, [observation('1', { seenAt: T0 + hours(2), status: 'pending' })]);
    const [t] = await database.transitions.toArray();
    expect(t).toMatchObject({ field: 'status', from: 'open', to: 'pending', earliest: T0, latest: T0 + hours(2), at: T0 + hours(2), source: 'observed' });
    const state = await database.tickets.get(t.key);
    expect(state).toMatchObject({ stage: 'waiting', statusSince: T0 + hours(2) });
  });

  it("uses the host's updated time when it falls inside the bounds", async () => {
    await ingestBatch(database, [observation('1', { seenAt: T0 })]);
    await ingestBatch(database, [observation('1', { seenAt: T0 + hours(5), status: 'solved', updatedAt: T0 + hours(1) })]);
    const [t] = await database.transitions.toArray();
    expect(t.at).toBe(T0 + hours(1));
    const state = await database.tickets.get(t.key);
    expect(state).toMatchObject({ open: 0, stage: 'done', doneAt: T0 + hours(1) });
    expect((await database.rollups.get('acme.zendesk.com|2026-11-24'))?.throughput).toBe(1);
  });

  it('counts an assignee change from one person to another as a handoff, a first assignment not', async () => {
    await ingestBatch(database, [observation('1', { seenAt: T0, assignee: null })]);
    await ingestBatch(database, [observation('1', { seenAt: T0 + hours(1), assignee: 'Sam Ortiz' })]);
    await ingestBatch(database, [observation('1', { seenAt: T0 + hours(2), assignee: 'Priya Natarajan' })]);
    const state = await database.tickets.get('zendesk:acme.zendesk.com:1');
    expect(state).toMatchObject({ handoffs: 1, assigneeStations: 2, assigneeHistory: ['Sam Ortiz', 'Priya Natarajan'] });
    expect(await database.transitions.count()).toBe(2);
    expect((await database.rollups.get('acme.zendesk.com|2026-11-24'))?.handoffs).toBe(1);
  });

  it('changes nothing when the same observations are replayed, or seen again from another tab', async () => {
    const batch = [observation('1', { seenAt: T0 }), observation('1', { seenAt: T0 + hours(1), group: 'Tier 2' })];
    await ingestBatch(database, batch);
    const before = { tickets: await database.tickets.toArray(), transitions: await database.transitions.toArray(), rollups: await database.rollups.toArray() };
    const replay = await ingestBatch(database, batch);
    // A second tab saw the same change at the same moment.
    const otherTab = await ingestBatch(database, [observation('1', { seenAt: T0 + hours(1), group: 'Tier 2' })]);
    expect(replay).toMatchObject({ stored: 0, transitions: 0 });
    expect(otherTab).toMatchObject({ stored: 0, transitions: 0 });
    expect(await database.tickets.toArray()).toEqual(before.tickets);
    expect(await database.transitions.toArray()).toEqual(before.transitions);
    expect(await database.rollups.toArray()).toEqual(before.rollups);
  });

  it('folds a batch in time order whatever order it arrives in', async () => {
    await ingestBatch(database, [
      observation('1', { seenAt: T0 + hours(2), status: 'solved' }),
      observation('1', { seenAt: T0, status: 'open' }),
      observation('1', { seenAt: T0 + hours(1), status: 'pending' }),
    ]);
    const transitions = await database.transitions.orderBy('at').toArray();
    expect(transitions.map((t) => `${t.from}->${t.to}`)).toEqual(['open->pending', 'pending->solved']);
  });

  it('counts a reopen when a solved ticket comes back', async () => {
    await ingestBatch(database, [observation('1', { seenAt: T0, status: 'solved' })]);
    await ingestBatch(database, [observation('1', { seenAt: T0 + hours(3), status: 'open' })]);
    const state = await database.tickets.get('zendesk:acme.zendesk.com:1');
    expect(state).toMatchObject({ reopens: 1, open: 1, doneAt: undefined });
    expect((await database.rollups.get('acme.zendesk.com|2026-11-24'))?.reopens).toBe(1);
  });

  it('learns nothing about a field the page did not show', async () => {
    await ingestBatch(database, [observation('1', { seenAt: T0 })]);
    const { priority: _hidden, ...withoutPriority } = observation('1', { seenAt: T0 + hours(1) });
    await ingestBatch(database, [withoutPriority]);
    expect(await database.transitions.count()).toBe(0);
    expect((await database.tickets.get('zendesk:acme.zendesk.com:1'))?.priority).toBe('normal');
  });

  it('finds the stored state of every ticket of a batch, whether its keys are close together, sparse or on several hosts', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => String(100 + i));
    const other = (id: string, o: Partial<Observation> = {}) => observation(id, { key: `zendesk:other.zendesk.com:${id}`, host: 'other.zendesk.com', ...o });
    await ingestBatch(database, [...ids.map((id) => observation(id, { seenAt: T0 })), other('7', { seenAt: T0 })]);
    const changes = async (batch: Observation[]) => {
      const result = await ingestBatch(database, batch);
      expect(result.states.map((s) => s.key)).toEqual(batch.map((o) => o.key));
      return result;
    };
    // Close together: the range holds just the batch's tickets (read whole).
    const pending = { seenAt: T0 + hours(1), status: 'pending' };
    expect(await changes(['100', '101', '102', '103'].map((id) => observation(id, pending)))).toMatchObject({ stored: 4, transitions: 4 });
    // Sparse, two hosts, one never seen: the range holds many other tickets (read key by key).
    const solved = { seenAt: T0 + hours(2), status: 'solved' };
    expect(await changes([observation('129', solved), other('7', solved), observation('100', solved), observation('999', solved)])).toMatchObject({ stored: 4, transitions: 3 });
    const moves = (await database.transitions.toArray()).map((t) => `${t.key.split(':').slice(1).join(':')} ${t.from}->${t.to}`).sort();
    expect(moves).toEqual([
      'acme.zendesk.com:100 open->pending',
      'acme.zendesk.com:100 pending->solved',
      'acme.zendesk.com:101 open->pending',
      'acme.zendesk.com:102 open->pending',
      'acme.zendesk.com:103 open->pending',
      'acme.zendesk.com:129 open->solved',
      'other.zendesk.com:7 open->solved',
    ]);
  });
});
