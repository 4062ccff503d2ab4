import Dexie from 'dexie';
import { knownHosts, ticketsOfHost, type QueueLensDb, type SnapshotRow } from '../db/database';
import type { TicketRef } from '../metrics/wip';
import type { Dashboard } from '../metrics/dashboard';
import type { MatrixCell } from '../metrics/handoffs';
import type { Trend } from '../metrics/capacity';
import type { WaitBucket } from '../metrics/bottleneck';
import { ageOf } from '../queries/queue-summary';
import { stageOverridesFor, type Settings } from '../settings/schema';
import type { DailyRollup, Stage, StageOverrides, TicketState, Transition } from '../model';
import { weekDashboard } from './metrics';
import { weekOfDate, type WeekInfo, type WeekRule } from './schedule';

/** `*` = every instance together. */
export const ALL_HOSTS = '*';
export const SNAPSHOT_SCHEMA_VERSION = 1 as const;
/** Open items listed per snapshot, oldest first; the rest is counted, not listed. */
export const SNAPSHOT_MAX_ITEMS = 500;

export interface SnapshotWait {
  name: string | null;
  wip: number;
  ageWeightedWipMs: number;
  throughputPerDay: number;
  /** WIP ÷ throughput (Little's law); null when nothing left the bucket. */
  expectedWaitDays: number | null;
  wipChange: number;
  littlesLawHolds: boolean;
}

export interface SnapshotPerson extends SnapshotWait {
  /** Items done in the week whose current assignee / group this is (the model keeps no actor). */
  doneInWeek: number;
}

/** An open item in a snapshot: the same shape the popup lists (title only with storeTitles). */
export type SnapshotItem = TicketRef;

export interface SnapshotData {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  host: string;
  week: string;
  weekStart: number;
  weekEnd: number;
  /** The instant the figures describe: the week's end, or the moment taken if earlier. */
  asOf: number;
  /** Taken before the week ended ("Take snapshot now"): the weekly alarm still takes the full week. */
  partial: boolean;
  /** Read by weekly.csv. */
  wip: number;
  open: number;
  weekFlow: { arrivals: number; throughput: number; reopens: number; handoffs: number; netFlow: number };
  capacity: Record<'throughput' | 'errorRate' | 'handoffsPerResolved' | 'escalationsPerResolved' | 'cycleTimeP85ToP50' | 'throughputVariation', SnapshotTrend>;
  whereWorkWaits: { system: SnapshotWait; byStage: SnapshotWait[]; byGroup: SnapshotWait[]; byAssignee: SnapshotWait[] };
  sla: { ok: number; atRisk: number; breached: number; fromHost: number } | null;
  handoffs: { handoffs: number; escalations: number; returns: number; pingPongTickets: number; matrix: MatrixCell[] };
  people: SnapshotPerson[];
  groups: SnapshotPerson[];
  cycleTimeP50Ms: number | null;
  cycleTimeP85Ms: number | null;
  openItems: SnapshotItem[];
  openItemsOmitted: number;
}

export interface SnapshotTrend {
  current: number | null;
  previous: number | null;
  improving: boolean | null;
}

export interface TakeOptions {
  host: string;
  week: WeekInfo;
  rule: WeekRule;
  settings: Settings;
  now: number;
}

interface History {
  tickets: TicketState[];
  transitions: Transition[];
  rollups: DailyRollup[];
}

/** One consistent read of a host's history (or every host's for `*`). */
export async function loadHistory(database: QueueLensDb, host: string): Promise<History> {
  return database.transaction('r', [database.tickets, database.transitions, database.rollups], async () => {
    if (host === ALL_HOSTS) {
      return { tickets: await database.tickets.toArray(), transitions: await database.transitions.toArray(), rollups: await database.rollups.toArray() };
    }
    const tickets = await ticketsOfHost(database, host);
    const keys = tickets.map((t) => t.key);
    const transitions = keys.length ? await database.transitions.where('key').anyOf(keys).toArray() : [];
    const rollups = await database.rollups.where('host').equals(host).toArray();
    return { tickets, transitions, rollups };
  });
}

/** Pure: the snapshot of one week from loaded history. */
export function buildSnapshot(history: History, opts: TakeOptions): SnapshotRow {
  const { host, week, settings, rule } = opts;
  const asOf = Math.min(opts.now, week.end);
  const scoped = host === ALL_HOSTS ? undefined : host;
  const overrides: StageOverrides =
    scoped === undefined ? Object.assign({}, ...settings.instances.map((i) => i.stageMap)) : stageOverridesFor(settings, scoped);
  const dash = weekDashboard(history, { asOf, host: scoped, settings, stageOverrides: overrides });

  const flow = { arrivals: 0, throughput: 0, reopens: 0, handoffs: 0, netFlow: 0 };
  for (const r of history.rollups) {
    if ((scoped !== undefined && r.host !== scoped) || weekOfDate(r.day, rule).label !== week.label) continue;
    flow.arrivals += r.arrivals;
    flow.throughput += r.throughput;
    flow.reopens += r.reopens;
    flow.handoffs += r.handoffs;
  }
  flow.netFlow = flow.arrivals - flow.throughput;

  const inScope = history.tickets.filter((t) => scoped === undefined || t.host === scoped);
  const doneInWeek = inScope.filter((t) => t.doneAt !== undefined && t.doneAt >= week.start && t.doneAt < week.end);
  const countBy = (field: 'assignee' | 'group') => {
    const m = new Map<string | null, number>();
    for (const t of doneInWeek) m.set(t[field], (m.get(t[field]) ?? 0) + 1);
    return m;
  };
  const doneByAssignee = countBy('assignee');
  const doneByGroup = countBy('group');
  const people = mergePeople(dash.whereWorkWaits.byAssignee, doneByAssignee);
  const groups = mergePeople(dash.whereWorkWaits.byGroup, doneByGroup);

  // Ticket rows hold current state: for a week in the past, "open" means open now and seen by its end.
  const open = inScope
    .filter((t) => t.open === 1 && t.firstSeenAt <= asOf)
    .map((t): SnapshotItem => {
      const item: SnapshotItem = {
        key: t.key,
        id: t.id,
        status: t.status,
        stage: t.stage,
        assignee: t.assignee,
        group: t.group,
        priority: t.priority,
        ageMs: Math.max(0, ageOf(t, asOf)),
      };
      if (settings.privacy.storeTitles && t.title !== undefined) item.title = t.title;
      return item;
    })
    .sort((a, b) => b.ageMs - a.ageMs || (a.key < b.key ? -1 : 1));

  const data: SnapshotData = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    host,
    week: week.label,
    weekStart: week.start,
    weekEnd: week.end,
    asOf,
    partial: asOf < week.end,
    wip: dash.wip.wip,
    open: dash.wip.open,
    weekFlow: flow,
    capacity: {
      throughput: trend(dash.capacity.throughput),
      errorRate: trend(dash.capacity.errorRate),
      handoffsPerResolved: trend(dash.capacity.handoffsPerResolved),
      escalationsPerResolved: trend(dash.capacity.escalationsPerResolved),
      cycleTimeP85ToP50: trend(dash.capacity.cycleTimeP85ToP50),
      throughputVariation: trend(dash.capacity.throughputVariation),
    },
    whereWorkWaits: {
      system: wait(dash.whereWorkWaits.system),
      byStage: dash.whereWorkWaits.byStage.map(wait),
      byGroup: dash.whereWorkWaits.byGroup.map(wait),
      byAssignee: dash.whereWorkWaits.byAssignee.map(wait),
    },
    sla: dash.sla ? { ok: dash.sla.ok, atRisk: dash.sla.atRisk, breached: dash.sla.breached, fromHost: dash.sla.fromHost } : null,
    handoffs: handoffsOf(dash),
    people,
    groups,
    cycleTimeP50Ms: dash.cycleTime.percentiles?.p50 ?? null,
    cycleTimeP85Ms: dash.cycleTime.percentiles?.p85 ?? null,
    openItems: open.slice(0, SNAPSHOT_MAX_ITEMS),
    openItemsOmitted: Math.max(0, open.length - SNAPSHOT_MAX_ITEMS),
  };
  return { id: `${host}|${week.label}`, host, week: week.label, takenAt: opts.now, data };
}

/** Reads, computes and writes one snapshot; returns the stored row. */
export async function takeSnapshot(database: QueueLensDb, opts: TakeOptions): Promise<SnapshotRow> {
  const row = buildSnapshot(await loadHistory(database, opts.host), opts);
  await database.snapshots.put(row);
  return row;
}

/** Every instance seen, plus `*`: what one weekly run snapshots. */
export async function snapshotHosts(database: QueueLensDb): Promise<string[]> {
  const hosts = await knownHosts(database);
  return [ALL_HOSTS, ...hosts];
}

/** Snapshots of one week for `*` and every instance. */
export async function takeWeek(database: QueueLensDb, opts: Omit<TakeOptions, 'host'>): Promise<SnapshotRow[]> {
  const rows: SnapshotRow[] = [];
  for (const host of await snapshotHosts(database)) rows.push(await takeSnapshot(database, { ...opts, host }));
  return rows;
}

/** The latest week with a complete (not partial) all-instances snapshot: where catch-up resumes. */
export async function lastSnapshotWeek(database: QueueLensDb): Promise<string | undefined> {
  const rows = await database.snapshots.where('[host+week]').between([ALL_HOSTS, Dexie.minKey], [ALL_HOSTS, Dexie.maxKey]).reverse().toArray();
  return rows.find((r) => !(r.data as Partial<SnapshotData> | null)?.partial)?.week;
}

const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : v);
const trend = (t: Trend): SnapshotTrend => ({ current: num(t.current), previous: num(t.previous), improving: t.improving ?? null });

function wait(b: WaitBucket): SnapshotWait {
  return {
    name: b.name,
    wip: b.wip,
    ageWeightedWipMs: b.ageWeightedWipMs,
    throughputPerDay: b.throughputPerDay,
    expectedWaitDays: num(b.expectedWaitDays),
    wipChange: b.change.wip,
    littlesLawHolds: b.assumptions.holds,
  };
}

function mergePeople(buckets: WaitBucket[], done: Map<string | null, number>): SnapshotPerson[] {
  const out = buckets.map((b) => ({ ...wait(b), doneInWeek: done.get(b.name) ?? 0 }));
  const named = new Set(buckets.map((b) => b.name));
  for (const [name, n] of done) {
    if (!named.has(name)) out.push({ name, wip: 0, ageWeightedWipMs: 0, throughputPerDay: 0, expectedWaitDays: null, wipChange: 0, littlesLawHolds: false, doneInWeek: n });
  }
  return out;
}

function handoffsOf(dash: Dashboard): SnapshotData['handoffs'] {
  const h = dash.handoffs;
  return { handoffs: h.handoffs, escalations: h.escalations, returns: h.returns, pingPongTickets: h.pingPongTickets, matrix: h.matrix };
}
