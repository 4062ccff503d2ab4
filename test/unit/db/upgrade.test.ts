import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { QueueLensDb, ticketsOfHost } from '../../../lib/db/database';
import { pruneHistory } from '../../../lib/db/retention';
import { CURRENT_DB_VERSION, STORES_V1, STORES_V3, STORES_V4, STORES_V5 } from '../../../lib/db/schema';
import { applyObservation } from '../../../lib/ingest/apply';
import { hours, observation } from '../support/observations';

describe('database upgrade', () => {
  it('opens a version-1 database with its data kept and rolls its history up', async () => {
    const name = `upgrade-${Math.random()}`;
    const T0 = Date.parse('2026-11-24T09:00:00Z');
    const first = applyObservation(undefined, observation('9', { seenAt: T0 }))!;
    const second = applyObservation(first.state, observation('9', { seenAt: T0 + hours(1), status: 'solved' }))!;

    // Write with the first released schema, exactly as version 1 did.
    const v1 = new Dexie(name);
    v1.version(1).stores(STORES_V1);
    await v1.table('tickets').put(second.state);
    await v1.table('transitions').bulkPut(second.transitions);
    v1.close();

    const current = new QueueLensDb(name);
    expect(await current.tickets.get(second.state.key)).toEqual(second.state);
    expect(await current.transitions.count()).toBe(1);
    // New in version 2: the [host+open] index and rollups computed from the existing history.
    expect(await current.tickets.where('[host+open]').equals(['acme.zendesk.com', 0]).count()).toBe(1);
    expect(await current.rollups.get('acme.zendesk.com|2026-11-24')).toMatchObject({ throughput: 1 });
    expect(await current.rollups.get('acme.zendesk.com|2026-11-20')).toMatchObject({ arrivals: 1 });
    expect(current.verno).toBe(CURRENT_DB_VERSION);
    await current.delete();
  });

  it('opens a version-3 database with every table kept and adds an empty dashboards table (v4, then v5)', async () => {
    const name = `upgrade-v3-${Math.random()}`;
    const T0 = Date.parse('2026-11-24T09:00:00Z');
    const first = applyObservation(undefined, observation('12', { seenAt: T0 }))!;
    const v3 = new Dexie(name);
    v3.version(3).stores(STORES_V3);
    await v3.table('tickets').put(first.state);
    await v3.table('snapshots').put({ id: '*|2026-W48', host: '*', week: '2026-W48', takenAt: T0, data: { wip: 1 } });
    await v3.table('imports').put({ id: `${T0}|x|0`, importedAt: T0, exportId: 'x' });
    v3.close();

    const current = new QueueLensDb(name);
    expect(current.verno).toBe(CURRENT_DB_VERSION);
    expect(await current.tickets.get(first.state.key)).toEqual(first.state);
    expect(await current.tickets.where('[host+open]').equals(['acme.zendesk.com', 1]).count()).toBe(1);
    expect(await current.snapshots.get('*|2026-W48')).toMatchObject({ data: { wip: 1 } });
    expect(await current.imports.count()).toBe(1);
    expect(await current.dashboards.count()).toBe(0);
    await current.dashboards.put({ id: '*', computedAt: T0, data: { any: 'thing' } });
    expect(await current.dashboards.where('computedAt').above(T0 - 1).primaryKeys()).toEqual(['*']);
    await current.delete();
  });

  it('opens a version-4 database with every row kept, fewer indexes, and the queries the app makes still served (v5, v6)', async () => {
    const name = `upgrade-v4-${Math.random()}`;
    const T0 = Date.parse('2026-11-24T09:00:00Z');
    const first = applyObservation(undefined, observation('21', { seenAt: T0 }))!;
    const moved = applyObservation(first.state, observation('21', { seenAt: T0 + 3_600_000, assignee: 'Priya' }))!;
    const v4 = new Dexie(name);
    v4.version(4).stores(STORES_V4);
    await v4.table('tickets').put(moved.state);
    await v4.table('transitions').bulkPut(moved.transitions);
    v4.close();

    const current = new QueueLensDb(name);
    expect(current.verno).toBe(CURRENT_DB_VERSION);
    expect(current.tickets.schema.indexes.map((i) => i.name).sort()).toEqual(['[host+open]']);
    expect(current.transitions.schema.indexes.map((i) => i.name).sort()).toEqual(['at', 'key']);
    expect(await current.tickets.get(moved.state.key)).toEqual(moved.state);
    expect(await current.tickets.where('[host+open]').equals(['acme.zendesk.com', 1]).count()).toBe(1);
    expect(await current.transitions.where('key').equals(moved.state.key).count()).toBe(1);
    expect(await current.transitions.where('at').below(T0 + 2 * 3_600_000).count()).toBe(1);
    await current.delete();
  });

  it('opens a version-5 database without the host and lastSeenAt ticket indexes, and still serves what read them (v6)', async () => {
    const name = `upgrade-v5-${Math.random()}`;
    const T0 = Date.parse('2024-03-04T09:00:00Z');
    const open = applyObservation(undefined, observation('31', { seenAt: T0 }))!.state;
    const first = applyObservation(undefined, observation('32', { seenAt: T0 }))!;
    const solved = applyObservation(first.state, observation('32', { seenAt: T0 + hours(1), status: 'solved' }))!;
    const elsewhere = applyObservation(undefined, observation('33', { seenAt: T0, key: 'zendesk:other.zendesk.com:33', host: 'other.zendesk.com' }))!.state;
    const v5 = new Dexie(name);
    v5.version(5).stores(STORES_V5);
    await v5.table('tickets').bulkPut([open, solved.state, elsewhere]);
    await v5.table('transitions').bulkPut(solved.transitions);
    v5.close();

    const current = new QueueLensDb(name);
    expect(current.verno).toBe(CURRENT_DB_VERSION);
    expect(current.tickets.schema.indexes.map((i) => i.name)).toEqual(['[host+open]']);
    expect(await current.tickets.get(solved.state.key)).toEqual(solved.state);
    // A host's tickets (snapshots, import) come from its [host+open] range, open and done alike.
    expect((await ticketsOfHost(current, 'acme.zendesk.com')).map((t) => t.key).sort()).toEqual([open.key, solved.state.key]);
    // Retention finds the old done ticket without the lastSeenAt index, and keeps the open one.
    const pruned = await pruneHistory(current, 12, Date.parse('2026-11-24T09:00:00Z'));
    expect(pruned).toMatchObject({ tickets: 1, transitions: 1 });
    expect((await current.tickets.toCollection().primaryKeys()).sort()).toEqual([open.key, elsewhere.key]);
    await current.delete();
  });
});
