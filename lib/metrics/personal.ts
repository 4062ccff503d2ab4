import type { HistoryIndex } from './history-index';
import { ageOriginOf } from './history-index';
import { localDayStart, wallTimeOf, zonedTimeToEpoch } from './business-hours';
import { cycleTimes } from './flow';
import { paceOf, paceSummary, type PaceSummary, type StageExitAges } from './pace';
import type { Percentiles } from './percentiles';
import { evaluateSla, slaFactsOf, slaSummary, type SlaOptions, type SlaStatus, type SlaSummary } from './sla';
import { DAY_MS } from './time';
import { stalledSummary, ticketRef, wipSummary, type StalledSummary, type TicketRef, type WipSummary } from './wip';

/**
 * "Mine": the same measures over the user's own tickets (current assignee === me), plus goals.
 * Goals count items the user brought to done since local midnight (daily) and since local
 * Monday midnight (weekly) in the user's time zone. A ticket counts as closed by me when it is
 * done now, assigned to me, and its done time is in the period (the model keeps no history of
 * who pressed "solve"; the current assignee is the best evidence).
 */
export interface PersonalGoals {
  /** Items to close per day. */
  daily: number;
  /** Items to close per week. */
  weekly: number;
}

export interface GoalProgress {
  target: number;
  done: number;
  remaining: number;
  /** done ÷ target, capped at 1; 1 for a zero target. */
  progress: number;
  /** Start of the goal's period (local midnight). */
  since: number;
}

export interface FocusItem extends TicketRef {
  pace: number | undefined;
  sla: SlaStatus | undefined;
}

export interface PersonalView {
  me: string;
  tickets: number;
  wip: WipSummary;
  stalled: StalledSummary;
  pace: PaceSummary;
  sla: SlaSummary | undefined;
  cycleTime: Percentiles | undefined;
  goals: { daily: GoalProgress; weekly: GoalProgress };
  /** Own open items, oldest first: what to work on next. */
  focus: FocusItem[];
}

export interface PersonalOptions {
  now: number;
  me: string;
  goals?: PersonalGoals;
  /** IANA zone the user's days start in (default UTC). */
  timeZone?: string;
  sla?: Omit<SlaOptions, 'now'>;
  focusCount?: number;
  stalledDays?: number;
  deadDays?: number;
  cycleTimeWindowMs?: number;
}

function progressOf(target: number, done: number, since: number): GoalProgress {
  return { target, done, remaining: Math.max(0, target - done), progress: target > 0 ? Math.min(1, done / target) : 1, since };
}

/** Local midnight of today and of this week's Monday in `timeZone`. */
export function goalPeriodStarts(now: number, timeZone: string): { dayStart: number; weekStart: number } {
  const dayStart = localDayStart(timeZone, now);
  const wall = wallTimeOf(now, timeZone);
  const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay(); // 0 = Sunday
  const back = (weekday + 6) % 7; // days since Monday
  const monday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day) - back * DAY_MS);
  const weekStart = zonedTimeToEpoch(timeZone, monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate());
  return { dayStart, weekStart };
}

export function personalView(index: HistoryIndex, distributions: StageExitAges, options: PersonalOptions): PersonalView {
  const { now, me } = options;
  const mine: number[] = [];
  const meCode = index.people.find(me);
  if (meCode >= 0) for (let i = 0; i < index.ticketCount; i++) if (index.assignee[i] === meCode) mine.push(i);
  const tickets = Int32Array.from(mine);
  const scope = { now, tickets };

  const { dayStart, weekStart } = goalPeriodStarts(now, options.timeZone ?? 'UTC');
  let doneToday = 0;
  let doneThisWeek = 0;
  const open: number[] = [];
  for (const i of tickets) {
    const done = index.doneAt[i];
    if (index.open[i] === 1) open.push(i);
    else if (done <= now) {
      if (done >= dayStart) doneToday++;
      if (done >= weekStart) doneThisWeek++;
    }
  }
  const goals = options.goals ?? { daily: 0, weekly: 0 };
  const slaOptions = options.sla ? { ...options.sla, now } : undefined;
  open.sort((a, b) => ageOriginOf(index, a) - ageOriginOf(index, b) || (index.tickets[a].key < index.tickets[b].key ? -1 : 1));
  const focus = open.slice(0, options.focusCount ?? 10).map((i) => {
    const ref = ticketRef(index, i, now);
    const stagePaceAge = ref.stage === 'queued' ? now - index.originAt[i] : ref.ageMs;
    return {
      ...ref,
      pace: paceOf(distributions, ref.stage, stagePaceAge),
      sla: slaOptions ? evaluateSla(slaFactsOf(index, i), slaOptions) : undefined,
    };
  });

  return {
    me,
    tickets: tickets.length,
    wip: wipSummary(index, scope),
    stalled: stalledSummary(index, { ...scope, stalledDays: options.stalledDays, deadDays: options.deadDays }),
    pace: paceSummary(index, distributions, scope),
    sla: slaOptions ? slaSummary(index, { ...slaOptions, tickets }) : undefined,
    cycleTime: cycleTimes(index, { now, tickets, windowMs: options.cycleTimeWindowMs }).percentiles,
    goals: { daily: progressOf(goals.daily, doneToday, dayStart), weekly: progressOf(goals.weekly, doneThisWeek, weekStart) },
    focus,
  };
}
