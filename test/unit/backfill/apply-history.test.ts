import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueueLensDb } from '../../../lib/db/database';
import { rollupsFromHistory } from '../../../lib/db/rollups';
import { ingestBatch } from '../../../lib/ingest/ingest';
import { isHandoff } from '../../../lib/ingest/handoffs';
import { applyApiHistory } from '../../../lib/backfill/apply-history';
import type { HistoryFacts } from '../../../lib/backfill/replay';
import { auditsToHistory } from '../../../lib/zendesk/api/audits';
import { NameDirectory } from '../../../lib/zendesk/api/names';
import { AuditsPageSchema, ShowManyResponseSchema, UsersResponseSchema } from '../../../lib/zendesk/api/schemas';
import { ticketKey, type Observation, type Transition } from '../../../lib/model';
import { fixture, HOST } from '../zendesk-api/fake-zendesk';

const KEY = ticketKey('zendesk', HOST, '101');
const OTHER = ticketKey('zendesk', HOST, '500');
const at = (iso: string) => Date.parse(iso);
const FETCHED = at('2026-03-06T12:00:00Z');

function names(): NameDirectory {
  const n = new NameDirectory();
  const shown = ShowManyResponseSchema.parse(fixture('show_many_101_102_103.json'));
  n.addUsers(shown.users);
  n.addGroups(shown.groups);
  n.addUsers(UsersResponseSchema.parse(fixture('users_show_many_1003.json')).users);
  return n;
}

function history(ticket: string, pages: string[]) {
  const audits = pages.flatMap((p) => AuditsPageSchema.parse(fixture(p)).audits);
  return auditsToHistory(HOST, ticket, audits, names());
}

function obs(id: string, seenAt: string, fields: Partial<Observation>): Observation {
  return { key: ticketKey('zendesk', HOST, id), tool: 'zendesk', host: HOST, id, seenAt: at(seenAt), pageKind: 'zendesk-view', viewId: '77', ...fields };
}

/** What the page showed of ticket 101 over a few days (names, coarse times). */
const OBSERVED: Observation[] = [
  obs('101', '2026-03-02T12:00:00Z', { status: 'open', assignee: 'Alice Agent', group: 'Tier 2', priority: 'normal', createdAt: at('2026-03-02T09:00:00Z') }),
  obs('101', '2026-03-03T12:00:00Z', { status: 'open', assignee: 'Bob Agent', group: 'Tier 2', priority: 'high' }),
  obs('101', '2026-03-05T12:00:00Z', { status: 'open', assignee: 'Carol Agent', group: 'Tier 1', priority: 'high' }),
  obs('101', '2026-03-06T10:00:00Z', { status: 'open', assignee: 'Alice Agent', group: 'Tier 1', priority: 'high' }),
  // Another ticket on the same days, untouched by the backfill.
  obs('500', '2026-03-02T12:00:00Z', { status: 'open', assignee: 'Bob Agent', group: 'Tier 1', createdAt: at('2026-03-02T08:00:00Z') }),
  obs('500', '2026-03-04T12:00:00Z', { status: 'open', assignee: 'Alice Agent', group: 'Tier 1' }),
  obs('500', '2026-03-05T12:00:00Z', { status: 'solved', assignee: 'Alice Agent', group: 'Tier 1' }),
];

function facts101(h: ReturnType<typeof history>): HistoryFacts {
  return {
    fetchedAt: FETCHED,
    createdAt: at('2026-03-02T09:00:00Z'),
    updatedAt: at('2026-03-06T09:00:00Z'),
    title: 'Export stuck',
    initial: h.initial,
    current: { status: 'open', assignee: 'Alice Agent', group: 'Tier 1', priority: 'high' },
    reopens: 0,
    assigneeStations: 3,
    groupStations: 2,
    slaDueAt: at('2026-03-06T17:00:00Z'),
  };
}

async function dump(db: QueueLensDb) {
  return {
    tickets: await db.tickets.orderBy('key').toArray(),
    transitions: await db.transitions.orderBy('id').toArray(),
    rollups: await db.rollups.orderBy('id').toArray(),
  };
}

let db: QueueLensDb;
let n = 0;
beforeEach(async () => {
  db = new QueueLensDb(`apply-history-${++n}-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('applyApiHistory', () => {
  it('replaces observed transitions with the API history and rebuilds the counters from it', async () => {
    await ingestBatch(db, OBSERVED);
    expect((await db.transitions.where('key').equals(KEY).toArray()).every((t) => t.source === 'observed')).toBe(true);
    const observedHandoffs = (await db.tickets.get(KEY))!.handoffs;

    const h = history('101', ['audits_101_page1.json', 'audits_101_page2.json']);
    const result = await applyApiHistory(db, KEY, h.transitions, facts101(h));

    const stored = await db.transitions.where('key').equals(KEY).toArray();
    expect(stored.filter((t) => t.source === 'observed')).toEqual([]);
    expect(stored.map((t) => t.id).sort()).toEqual(h.transitions.map((t) => t.id).sort());
    expect(result.written).toBe(10);

    const state = (await db.tickets.get(KEY))!;
    // Handoffs match the audits: 4 human moves; the trigger's group move is not one.
    expect(h.transitions.filter(isHandoff)).toHaveLength(4);
    expect(state.handoffs).toBe(4);
    expect(observedHandoffs).toBe(4); // the page saw Tier 2→Tier 1 and three owner changes too
    expect(state).toMatchObject({
      status: 'open',
      stage: 'active',
      open: 1,
      assignee: 'Alice Agent',
      group: 'Tier 1',
      priority: 'high',
      createdAt: at('2026-03-02T09:00:00Z'),
      startedAt: at('2026-03-02T09:00:00Z'),
      statusSince: at('2026-03-06T09:00:00Z'),
      statusSinceExact: true,
      reopens: 0,
      assigneeStations: 3,
      groupStations: 2,
      slaDueAt: at('2026-03-06T17:00:00Z'),
      backfilledAt: FETCHED,
      title: 'Export stuck',
      // Page bookkeeping survives.
      firstSeenAt: at('2026-03-02T12:00:00Z'),
      lastSeenAt: at('2026-03-06T10:00:00Z'),
      viewId: '77',
    });
    expect(state.assigneeHistory).toEqual(['Bob Agent', 'Carol Agent', 'Alice Agent']);
    expect(state.groupHistory).toEqual(['Tier 2', 'Tier 1']);
  });

  it('keeps rollups equal to a full recompute, and leaves other tickets alone', async () => {
    await ingestBatch(db, OBSERVED);
    const otherBefore = await db.transitions.where('key').equals(OTHER).toArray();
    const h = history('101', ['audits_101_page1.json', 'audits_101_page2.json']);
    await applyApiHistory(db, KEY, h.transitions, facts101(h));

    const all = await dump(db);
    expect(all.rollups).toEqual(rollupsFromHistory(all.tickets, all.transitions).sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.transitions.where('key').equals(OTHER).toArray()).toEqual(otherBefore);
    // Ticket 101's handoffs are now on their exact days (3 Mar: Alice→Bob; 4 Mar: two; 6 Mar: one).
    const day = async (d: string) => (await db.rollups.get(`${HOST}|${d}`))?.handoffs ?? 0;
    expect(await day('2026-03-03')).toBe(1);
    expect(await day('2026-03-04')).toBe(2 + 1); // + ticket 500's Bob→Alice seen on 4 Mar
    expect(await day('2026-03-06')).toBe(1);
  });

  it('is idempotent: applying the same history twice leaves the same database', async () => {
    await ingestBatch(db, OBSERVED);
    const h = history('101', ['audits_101_page1.json', 'audits_101_page2.json']);
    await applyApiHistory(db, KEY, h.transitions, facts101(h));
    const once = await dump(db);
    const again = await applyApiHistory(db, KEY, h.transitions, facts101(h));
    expect(await dump(db)).toEqual(once);
    expect(again.removed).toBe(0);
  });

  it('drops an observed change that may predate the read: the next sighting re-detects it', async () => {
    await ingestBatch(db, OBSERVED);
    // Between the sightings at 10:00 and 14:00 — before or after the 12:00 read, unknown.
    await ingestBatch(db, [obs('101', '2026-03-06T14:00:00Z', { status: 'open', assignee: 'Bob Agent', group: 'Tier 1', priority: 'high' })]);
    const h = history('101', ['audits_101_page1.json', 'audits_101_page2.json']);
    await applyApiHistory(db, KEY, h.transitions, facts101(h));
    expect((await db.transitions.where('key').equals(KEY).toArray()).some((t) => t.source === 'observed')).toBe(false);
    expect((await db.tickets.get(KEY))!.assignee).toBe('Alice Agent');
    await ingestBatch(db, [obs('101', '2026-03-06T15:00:00Z', { status: 'open', assignee: 'Bob Agent', group: 'Tier 1', priority: 'high' })]);
    expect((await db.tickets.get(KEY))!).toMatchObject({ assignee: 'Bob Agent', handoffs: 5 });
  });

  it('keeps observed changes that began after the API was read, and replays them last', async () => {
    await ingestBatch(db, OBSERVED);
    // Seen unchanged after the backfill's read (12:00), then Alice → Bob: certainly news to the API.
    await ingestBatch(db, [
      obs('101', '2026-03-06T12:30:00Z', { status: 'open', assignee: 'Alice Agent', group: 'Tier 1', priority: 'high' }),
      obs('101', '2026-03-06T14:00:00Z', { status: 'open', assignee: 'Bob Agent', group: 'Tier 1', priority: 'high' }),
    ]);
    const h = history('101', ['audits_101_page1.json', 'audits_101_page2.json']);
    await applyApiHistory(db, KEY, h.transitions, facts101(h));
    const observed = (await db.transitions.where('key').equals(KEY).toArray()).filter((t) => t.source === 'observed');
    expect(observed.map((t) => [t.field, t.from, t.to])).toEqual([['assignee', 'Alice Agent', 'Bob Agent']]);
    const state = (await db.tickets.get(KEY))!;
    expect(state.assignee).toBe('Bob Agent');
    expect(state.handoffs).toBe(5);
  });

  it('replaces stale API transitions when a re-backfill resolves names', async () => {
    const unresolved = auditsToHistory(HOST, '101', ['audits_101_page1.json', 'audits_101_page2.json'].flatMap((p) => AuditsPageSchema.parse(fixture(p)).audits));
    await applyApiHistory(db, KEY, unresolved.transitions, { ...facts101(unresolved), current: undefined });
    expect((await db.tickets.get(KEY))!.assignee).toBe('id:1001');
    const h = history('101', ['audits_101_page1.json', 'audits_101_page2.json']);
    await applyApiHistory(db, KEY, h.transitions, facts101(h));
    const stored = await db.transitions.where('key').equals(KEY).toArray();
    expect(stored.some((t) => t.to?.startsWith('id:'))).toBe(false);
    expect(stored).toHaveLength(10);
  });

  it('creates a ticket never observed, and counts reopens, throughput and deletion', async () => {
    const key103 = ticketKey('zendesk', HOST, '103');
    const h = history('103', ['audits_103.json']);
    const facts: HistoryFacts = { fetchedAt: FETCHED, createdAt: at('2026-02-20T10:00:00Z'), initial: h.initial, reopens: 1, solvedAt: at('2026-02-23T10:00:00Z') };
    await applyApiHistory(db, key103, h.transitions, facts);
    const state = (await db.tickets.get(key103))!;
    // doneAt: entry into the final done stretch (solved again on 23 Feb; closing stays done).
    expect(state).toMatchObject({ status: 'closed', stage: 'done', open: 0, reopens: 1, doneAt: at('2026-02-23T10:00:00Z'), handoffs: 0, lastPageKind: 'unknown' });
    const rollups = await db.rollups.toArray();
    const sum = (k: 'arrivals' | 'throughput' | 'reopens') => rollups.reduce((s, r) => s + r[k], 0);
    expect([sum('arrivals'), sum('throughput'), sum('reopens')]).toEqual([1, 2, 1]);

    const key102 = ticketKey('zendesk', HOST, '102');
    const h2 = history('102', ['audits_102_page1_offset.json', 'audits_102_page2_offset.json']);
    await applyApiHistory(db, key102, h2.transitions, { fetchedAt: FETCHED, createdAt: at('2026-03-01T08:00:00Z'), initial: h2.initial, slaDueAt: null });
    expect(await db.tickets.get(key102)).toMatchObject({ status: 'deleted', stage: 'done', open: 0, assignee: null, handoffs: 0 });
  });

  it('refuses transitions that are not API transitions of this ticket, writing nothing', async () => {
    const h = history('101', ['audits_101_page1.json']);
    const wrong: Transition[] = [{ ...h.transitions[0], source: 'observed' }];
    await expect(applyApiHistory(db, KEY, wrong, facts101(h))).rejects.toThrow(/not an API transition/);
    expect(await db.tickets.count()).toBe(0);
  });
});
