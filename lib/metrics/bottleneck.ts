import {
  FIELD_ASSIGNEE,
  FIELD_GROUP,
  FIELD_STATUS,
  NONE,
  STAGES,
  forEachInDays,
  STAGE_DONE,
  stageOfStatusCode,
  type HistoryIndex,
} from './history-index';
import { DAY_MS } from './time';
import type { TicketScope } from './wip';

/**
 * Where work waits (DESIGN.md): per stage, group and assignee — WIP, age-weighted WIP (sum of
 * work-item ages) and expected wait = WIP ÷ throughput (Little's law), ranked, with the change
 * against the same figures one week earlier.
 *
 * Throughput of a bucket = items that LEFT it (moved to another stage / group / assignee, or
 * finished) per day over the lookback (default 28 days). WIP is the current WIP: the expected
 * wait is what an item joining the bucket now would wait at recent throughput.
 *
 * Little's law (avg WIP = throughput × avg time in bucket) only holds for a system that is
 * roughly stable over the lookback. Each bucket is checked, and flagged when:
 * - `wip-unstable`: WIP now differs from WIP at the start of the lookback by more than 20 %;
 * - `arrivals-not-throughput`: items entering and leaving differ by more than 20 %;
 * - `few-exits`: fewer than 5 items left in the lookback (too few to estimate a rate);
 * - `no-throughput`: nothing left the bucket at all (expected wait unbounded).
 *
 * Past membership is reconstructed by walking each ticket's transitions backwards from its
 * current state, only as far as the lookback reaches — a small share of a year of history.
 */
export type WaitDimension = 'stage' | 'group' | 'assignee' | 'system';

export type LittlesLawFlag = 'wip-unstable' | 'arrivals-not-throughput' | 'few-exits' | 'no-throughput';

export interface LittlesLawCheck {
  holds: boolean;
  flags: LittlesLawFlag[];
  /** (WIP now − WIP at lookback start) ÷ the larger of the two. */
  wipChange: number;
  /** (entries − exits) ÷ the larger of the two over the lookback. */
  flowImbalance: number;
}

export interface WaitFigures {
  wip: number;
  ageWeightedWipMs: number;
  throughputPerDay: number;
  /** WIP ÷ throughput, days; undefined when nothing left the bucket. */
  expectedWaitDays: number | undefined;
}

export interface WaitBucket extends WaitFigures {
  dimension: WaitDimension;
  /** Stage, group or assignee name; null = no group / unassigned. */
  name: string | null;
  arrivalsPerDay: number;
  wipAtLookbackStart: number;
  assumptions: LittlesLawCheck;
  /** The same figures one comparison period (a week) earlier. */
  previous: WaitFigures;
  change: { wip: number; ageWeightedWipMs: number; expectedWaitDays: number | undefined };
  /** 1 = where work waits longest. */
  rank: number;
}

export interface WhereWorkWaits {
  lookbackDays: number;
  comparisonDays: number;
  system: WaitBucket;
  byStage: WaitBucket[];
  byGroup: WaitBucket[];
  byAssignee: WaitBucket[];
}

export interface WaitOptions extends TicketScope {
  lookbackDays?: number;
  /** How far back "previous" is (default 7 days: week over week). */
  comparisonDays?: number;
  /** Tolerance of the stability checks (default 0.2). */
  tolerance?: number;
}

const MEASURES = ['wipNow', 'ageNow', 'wipPrevious', 'agePrevious', 'wipLookbackStart', 'exits', 'entries', 'exitsPrevious'] as const;
type Measure = (typeof MEASURES)[number];

export function whereWorkWaits(index: HistoryIndex, options: WaitOptions): WhereWorkWaits {
  const now = options.now;
  const lookbackDays = options.lookbackDays ?? 28;
  const comparisonDays = options.comparisonDays ?? 7;
  const lookbackMs = lookbackDays * DAY_MS;
  const previousAt = now - comparisonDays * DAY_MS;
  const lookbackStart = now - lookbackMs;
  const previousLookbackStart = previousAt - lookbackMs;
  const cutoff = Math.min(lookbackStart, previousLookbackStart);

  // Bucket layout: system (1) | stages (4) | groups (1 + G) | assignees (1 + P); slot 0 of the
  // group and assignee ranges is "none".
  const groupBase = 5;
  const assigneeBase = groupBase + 1 + index.groups.size;
  const bucketCount = assigneeBase + 1 + index.people.size;
  const m = {} as Record<Measure, Float64Array>;
  for (const name of MEASURES) m[name] = new Float64Array(bucketCount);

  // Scratch: bucket of each dimension for a state, or -1 when not WIP.
  const before = new Int32Array(4);
  const after = new Int32Array(4);
  const bucketsOf = (out: Int32Array, i: number, status: number, group: number, assignee: number, started: boolean) => {
    const stage = stageOfStatusCode(index, i, status);
    if (!started || stage === STAGE_DONE) {
      out[0] = out[1] = out[2] = out[3] = -1;
      return;
    }
    out[0] = 0;
    out[1] = 1 + stage;
    out[2] = groupBase + 1 + group; // NONE (-1) lands on the "none" slot
    out[3] = assigneeBase + 1 + assignee;
  };
  const count = (at: number, from: Int32Array, to: Int32Array) => {
    const inCurrent = at > lookbackStart && at <= now;
    const inPrevious = at > previousLookbackStart && at <= previousAt;
    for (let d = 0; d < 4; d++) {
      if (from[d] === to[d]) continue;
      if (from[d] >= 0) {
        if (inCurrent) m.exits[from[d]]++;
        if (inPrevious) m.exitsPrevious[from[d]]++;
      }
      if (to[d] >= 0 && inCurrent) m.entries[to[d]]++;
    }
  };
  const snapshot = (into: Measure, ages: Measure | undefined, buckets: Int32Array, age: number) => {
    for (let d = 0; d < 4; d++) {
      if (buckets[d] < 0) continue;
      m[into][buckets[d]]++;
      if (ages) m[ages][buckets[d]] += age;
    }
  };
  const none = new Int32Array([-1, -1, -1, -1]);

  // Walk state, shared across tickets (no per-ticket allocation).
  let status = NONE;
  let group = NONE;
  let assignee = NONE;
  let startedAt = NaN;
  let previousTaken = false;
  let lookbackStartTaken = false;
  const takeSnapshots = (i: number, upTo: number) => {
    // The walk state equals the state at every instant in [upTo, last undone change).
    if (!previousTaken && upTo <= previousAt) {
      previousTaken = true;
      bucketsOf(before, i, status, group, assignee, startedAt <= previousAt);
      snapshot('wipPrevious', 'agePrevious', before, previousAt - startedAt);
    }
    if (!lookbackStartTaken && upTo <= lookbackStart) {
      lookbackStartTaken = true;
      bucketsOf(before, i, status, group, assignee, startedAt <= lookbackStart);
      snapshot('wipLookbackStart', undefined, before, 0);
    }
  };
  const walk = (i: number) => {
    startedAt = index.startedAt[i];
    if (Number.isNaN(startedAt)) return; // never started: never WIP
    const begin = index.transitionStart[i];
    const end = index.transitionStart[i + 1];
    status = index.status[i];
    group = index.group[i];
    assignee = index.assignee[i];
    bucketsOf(after, i, status, group, assignee, true);
    snapshot('wipNow', 'ageNow', after, Math.max(0, now - startedAt)); // host clock ahead of ours: 0
    previousTaken = false;
    lookbackStartTaken = false;
    let cursor = Infinity;
    for (let s = end - 1; s >= begin; s--) {
      const at = index.at[s];
      if (at <= cutoff) break;
      takeSnapshots(i, at);
      if (startedAt > at && startedAt < cursor) {
        bucketsOf(after, i, status, group, assignee, true);
        count(startedAt, none, after);
      }
      cursor = at;
      const field = index.field[s];
      if (field !== FIELD_STATUS && field !== FIELD_GROUP && field !== FIELD_ASSIGNEE) continue;
      bucketsOf(after, i, status, group, assignee, startedAt <= at);
      if (field === FIELD_STATUS) status = index.from[s];
      else if (field === FIELD_GROUP) group = index.from[s];
      else assignee = index.from[s];
      bucketsOf(before, i, status, group, assignee, startedAt < at);
      count(at, before, after);
    }
    takeSnapshots(i, -Infinity);
    if (startedAt > cutoff && startedAt < cursor) {
      bucketsOf(after, i, status, group, assignee, true);
      count(startedAt, none, after);
    }
  };
  if (options.tickets) {
    for (const i of options.tickets) walk(i);
  } else {
    // Only tickets open now or changed since the cutoff can be WIP or move inside the lookback.
    for (const i of index.openTickets) walk(i);
    forEachInDays(index.lastChangeByDay, cutoff, Infinity, (i) => {
      if (index.open[i] === 0 && index.at[index.transitionStart[i + 1] - 1] > cutoff) walk(i);
    });
  }

  const tolerance = options.tolerance ?? 0.2;
  const figures = (wip: number, ageSum: number, exits: number): WaitFigures => {
    const throughputPerDay = exits / lookbackDays;
    return { wip, ageWeightedWipMs: ageSum, throughputPerDay, expectedWaitDays: exits > 0 ? wip / throughputPerDay : undefined };
  };
  const bucket = (slot: number, dimension: WaitDimension, name: string | null): WaitBucket => {
    const current = figures(m.wipNow[slot], m.ageNow[slot], m.exits[slot]);
    const previous = figures(m.wipPrevious[slot], m.agePrevious[slot], m.exitsPrevious[slot]);
    const wipLookbackStart = m.wipLookbackStart[slot];
    const entries = m.entries[slot];
    const exits = m.exits[slot];
    const wipChange = relativeChange(current.wip, wipLookbackStart);
    const flowImbalance = relativeChange(entries, exits);
    const flags: LittlesLawFlag[] = [];
    if (Math.abs(wipChange) > tolerance) flags.push('wip-unstable');
    if (Math.abs(flowImbalance) > tolerance) flags.push('arrivals-not-throughput');
    if (exits === 0) flags.push('no-throughput');
    else if (exits < 5) flags.push('few-exits');
    return {
      dimension,
      name,
      ...current,
      arrivalsPerDay: entries / lookbackDays,
      wipAtLookbackStart: wipLookbackStart,
      assumptions: { holds: flags.length === 0, flags, wipChange, flowImbalance },
      previous,
      change: {
        wip: current.wip - previous.wip,
        ageWeightedWipMs: current.ageWeightedWipMs - previous.ageWeightedWipMs,
        expectedWaitDays:
          current.expectedWaitDays !== undefined && previous.expectedWaitDays !== undefined
            ? current.expectedWaitDays - previous.expectedWaitDays
            : undefined,
      },
      rank: 0,
    };
  };
  const ranked = (buckets: WaitBucket[]) => {
    const kept = buckets.filter((b) => b.wip > 0 || b.throughputPerDay > 0 || b.previous.wip > 0);
    kept.sort(
      (a, b) =>
        (b.expectedWaitDays ?? (b.wip > 0 ? Infinity : -1)) - (a.expectedWaitDays ?? (a.wip > 0 ? Infinity : -1)) ||
        b.ageWeightedWipMs - a.ageWeightedWipMs ||
        String(a.name).localeCompare(String(b.name)),
    );
    kept.forEach((b, k) => (b.rank = k + 1));
    return kept;
  };
  const byStage = ranked([0, 1, 2].map((stage) => bucket(1 + stage, 'stage', STAGES[stage])));
  const byGroup = ranked(
    Array.from({ length: index.groups.size + 1 }, (_, k) => bucket(groupBase + k, 'group', index.groups.valueOf(k - 1))),
  );
  const byAssignee = ranked(
    Array.from({ length: index.people.size + 1 }, (_, k) => bucket(assigneeBase + k, 'assignee', index.people.valueOf(k - 1))),
  );
  const system = bucket(0, 'system', null);
  system.rank = 1;
  return { lookbackDays, comparisonDays, system, byStage, byGroup, byAssignee };
}

/** (a − b) ÷ max(|a|, |b|); 0 when both are 0. */
function relativeChange(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : (a - b) / scale;
}

