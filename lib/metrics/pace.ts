import type { Stage } from '../model';
import {
  FIELD_STATUS,
  STAGES,
  STAGE_DONE,
  STAGE_QUEUED,
  ageOriginOf,
  forEachInDays,
  stageOfStatusCode,
  type HistoryIndex,
} from './history-index';
import { percentileRank, sortedValues, standardPercentiles, type Percentiles } from './percentiles';
import { WEEK_MS } from './time';
import { forEachOpenTicket, keyOfTicket, ticketRef, topBy, type TicketRef, type TicketScope } from './wip';

/**
 * Pace (DESIGN.md): an open item's age as a percentile of the ages at which completed items
 * left the same stage. Implementation choices:
 * - "Completed items" = items done now whose done time falls in the trailing window (12 weeks).
 * - Every exit counts: an item that left `active` twice contributes two ages.
 * - Age is work-item age (from the commitment point) except in `queued`, where it runs from
 *   creation: a Jira item waiting in To Do has not started, yet its wait is what pace measures.
 */
export const AGING_ALERT_PERCENTILE = 85;

export interface StageExitAges {
  windowStart: number;
  windowEnd: number;
  /** Ascending exit ages (ms) per stage code (queued, active, waiting; done is never left). */
  byStage: Float64Array[];
}

function paceOrigin(index: HistoryIndex, i: number, stage: number): number {
  return stage === STAGE_QUEUED ? index.originAt[i] : ageOriginOf(index, i);
}

export function stageExitAges(index: HistoryIndex, options: { now: number; windowMs?: number }): StageExitAges {
  const windowEnd = options.now;
  const windowStart = windowEnd - (options.windowMs ?? 12 * WEEK_MS);
  const exits: number[][] = [[], [], []];
  forEachInDays(index.doneByDay, windowStart, windowEnd, (i) => {
    const done = index.doneAt[i];
    if (!(done > windowStart && done <= windowEnd)) return;
    for (let s = index.transitionStart[i]; s < index.transitionStart[i + 1]; s++) {
      if (index.field[s] !== FIELD_STATUS) continue;
      const left = stageOfStatusCode(index, i, index.from[s]);
      if (left === STAGE_DONE || left === stageOfStatusCode(index, i, index.to[s])) continue;
      exits[left].push(Math.max(0, index.at[s] - paceOrigin(index, i, left)));
    }
  });
  return { windowStart, windowEnd, byStage: exits.map((ages) => sortedValues(ages)) };
}

/** Pace of an item of age `ageMs` in `stage`: 0–100, undefined without completed history. */
export function paceOf(distributions: StageExitAges, stage: Stage, ageMs: number): number | undefined {
  const code = STAGES.indexOf(stage);
  if (code < 0 || code === STAGE_DONE) return undefined;
  return percentileRank(distributions.byStage[code], ageMs);
}

/** Exit-age percentiles per stage: the thresholds a badge colours by. */
export function paceThresholds(distributions: StageExitAges): Partial<Record<Stage, Percentiles>> {
  const out: Partial<Record<Stage, Percentiles>> = {};
  for (let code = 0; code < STAGE_DONE; code++) {
    const p = standardPercentiles(distributions.byStage[code]);
    if (p) out[STAGES[code]] = p;
  }
  return out;
}

export interface PacedItem extends TicketRef {
  /** Age used for pace in the current stage, ms. */
  paceAgeMs: number;
  pace: number;
}

export interface PaceSummary {
  thresholds: Partial<Record<Stage, Percentiles>>;
  /** Open items above the 85th percentile of their stage. */
  agingAlerts: number;
  alertsByStage: Record<Stage, number>;
  /** Highest pace first. */
  items: PacedItem[];
}

/** Pace of every open item in scope; aging alert above the 85th percentile. */
export function paceSummary(
  index: HistoryIndex,
  distributions: StageExitAges,
  scope: TicketScope & { listCount?: number },
): PaceSummary {
  const alertsByStage: Record<Stage, number> = { queued: 0, active: 0, waiting: 0, done: 0 };
  const paced: number[] = [];
  const paces = new Float64Array(index.ticketCount);
  forEachOpenTicket(index, scope, (i) => {
    const stage = index.stage[i];
    if (stage === STAGE_DONE) return;
    const sample = distributions.byStage[stage];
    if (sample.length === 0) return;
    const pace = percentileRank(sample, Math.max(0, scope.now - paceOrigin(index, i, stage)))!;
    paces[i] = pace;
    paced.push(i);
    if (pace > AGING_ALERT_PERCENTILE) alertsByStage[STAGES[stage]]++;
  });
  const agingAlerts = alertsByStage.queued + alertsByStage.active + alertsByStage.waiting;
  const items = topBy(paced, (i) => paces[i] * 1e13 + (scope.now - paceOrigin(index, i, index.stage[i])), scope.listCount ?? 10, keyOfTicket(index)).map(
    (i) => ({
      ...ticketRef(index, i, scope.now),
      paceAgeMs: Math.max(0, scope.now - paceOrigin(index, i, index.stage[i])),
      pace: paces[i],
    }),
  );
  return { thresholds: paceThresholds(distributions), agingAlerts, alertsByStage, items };
}
