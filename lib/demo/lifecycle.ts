import { RULES } from './catalog';
import type { Rng } from './rng';
import { DAY, HOUR, MINUTE, addBusinessMinutes } from './time';
import type { FieldChanges, SimPriority, SimTicket, SimVia } from './types';

/** What a ticket will do next, and when. One pending action per live ticket. */
export type ActionKind =
  | 'triage'
  | 'work'
  | 'requester-reply'
  | 'auto-solve'
  | 'unhold'
  | 'reopen'
  | 'auto-close';

export interface Schedule {
  rng: Rng;
  kind: ActionKind | null;
  at: number;
  /** Groups the ticket passed through, newest last (ping-pong goes back to the previous one). */
  groupTrail: number[];
  /** Until then the ticket is never solved nor handed off (the fixed hostile-subject ticket). */
  pinnedUntil?: number;
  /** Triage assigns this agent when set. */
  pinAssignee?: number;
}

/** What lifecycle needs from the helpdesk: recording changes and knowing who works where. */
export interface World {
  record(t: SimTicket, at: number, authorId: number, via: SimVia, changes: FieldChanges, comment?: Comment): void;
  agentsIn(groupId: number | null): number[];
  groupIds(): number[];
}

export interface Comment {
  body: string;
  public: boolean;
  authorId?: number;
}

export const SYSTEM_AUTHOR = -1;

export function webVia(): SimVia {
  return { channel: 'web', source: { from: {}, to: {}, rel: null } };
}

export function emailVia(fromName: string, fromAddress: string, host: string): SimVia {
  return {
    channel: 'email',
    source: { from: { address: fromAddress, name: fromName }, to: { address: `support@${host}`, name: 'Support' }, rel: null },
  };
}

export function ruleVia(rule: { id: number; title: string; rel: string }): SimVia {
  return { channel: 'rule', source: { from: { id: rule.id, title: rule.title }, to: {}, rel: rule.rel } };
}

/** First-reply / next-reply SLA targets (calendar), per priority. */
export function slaTarget(priority: SimPriority | null, metric: 'first_reply_time' | 'next_reply_time'): number | null {
  if (!priority) return null;
  const first = { urgent: 1 * HOUR, high: 4 * HOUR, normal: 8 * HOUR, low: 24 * HOUR }[priority];
  return metric === 'first_reply_time' ? first : first * 2;
}

/** Agent effort before the next touch, in business minutes: urgent work moves faster. */
function workDelay(rng: Rng, priority: SimPriority | null): number {
  const mean = { urgent: 45, high: 150, normal: 300, low: 600 }[priority ?? 'normal'];
  return 5 + rng.exp(mean);
}

const PRIORITY_UP: Record<SimPriority, SimPriority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

/** Plans the next action after a ticket entered its current status (API times have second precision). */
export function planNext(t: SimTicket, s: Schedule, at: number): void {
  planAt(t, s, at);
  if (Number.isFinite(s.at)) s.at = Math.max(Math.ceil(s.at / 1000) * 1000, at);
}

function planAt(t: SimTicket, s: Schedule, at: number): void {
  const rng = s.rng;
  switch (t.status) {
    case 'new':
      // Most tickets are picked up within hours; some wait long in the unassigned queue.
      s.kind = 'triage';
      s.at = addBusinessMinutes(at, rng.chance(0.2) && s.pinAssignee === undefined ? 240 + rng.exp(900) : 3 + rng.exp(60));
      return;
    case 'open':
      s.kind = t.assigneeId === null ? 'triage' : 'work';
      s.at = addBusinessMinutes(at, workDelay(rng, t.priority));
      return;
    case 'pending': {
      const reply = 20 * MINUTE + rng.exp(1.5 * DAY);
      const requesterAnswers = reply < 4 * DAY;
      s.kind = requesterAnswers ? 'requester-reply' : 'auto-solve';
      s.at = at + (requesterAnswers ? reply : 4 * DAY);
      return;
    }
    case 'hold':
      s.kind = 'unhold';
      s.at = addBusinessMinutes(at, 60 + rng.exp(900));
      return;
    case 'solved': {
      const reopens = rng.chance(0.12);
      s.kind = reopens ? 'reopen' : 'auto-close';
      s.at = at + (reopens ? 30 * MINUTE + rng.next() * 3 * DAY : 4 * DAY);
      return;
    }
    default:
      s.kind = null;
      s.at = Number.POSITIVE_INFINITY;
  }
}

/** Runs the planned action of one ticket at `at` and plans the next. */
export function runAction(world: World, t: SimTicket, s: Schedule, at: number, requesterVia: SimVia): void {
  const pinned = s.pinnedUntil !== undefined && at < s.pinnedUntil;
  switch (s.kind) {
    case 'triage':
      triage(world, t, s, at, pinned);
      break;
    case 'work':
      work(world, t, s, at, pinned);
      break;
    case 'requester-reply':
    case 'reopen': {
      const due = slaTarget(t.priority, 'next_reply_time');
      t.slaDueAt = due === null ? null : at + due;
      t.slaMetric = due === null ? null : 'next_reply_time';
      world.record(t, at, t.requesterId, requesterVia, { status: 'open' }, {
        body: s.kind === 'reopen' ? 'Sorry, this is happening again.' : 'Thanks — here is the information you asked for.',
        public: true,
        authorId: t.requesterId,
      });
      break;
    }
    case 'auto-solve':
      world.record(t, at, SYSTEM_AUTHOR, ruleVia(RULES.solvePending), { status: 'solved' });
      break;
    case 'auto-close':
      world.record(t, at, SYSTEM_AUTHOR, ruleVia(RULES.closeSolved), { status: 'closed' });
      break;
    case 'unhold':
      world.record(t, at, t.assigneeId ?? SYSTEM_AUTHOR, webVia(), { status: 'open' }, {
        body: 'The third party came back; resuming.',
        public: false,
      });
      break;
    default:
      return;
  }
  planNext(t, s, at);
}

function triage(world: World, t: SimTicket, s: Schedule, at: number, pinned: boolean): void {
  const rng = s.rng;
  // A little spam gets deleted straight from the new queue.
  if (t.status === 'new' && !pinned && rng.chance(0.015)) {
    const someone = rng.pick(world.agentsIn(t.groupId));
    world.record(t, at, someone, webVia(), { status: 'deleted' });
    return;
  }
  const candidates = world.agentsIn(t.groupId);
  const agent = s.pinAssignee ?? rng.pick(candidates);
  const status = t.status === 'new' ? 'open' : undefined;
  if (rng.chance(0.25)) {
    world.record(t, at, SYSTEM_AUTHOR, ruleVia(RULES.autoAssign), { assigneeId: agent, ...(status ? { status } : {}) });
  } else {
    world.record(t, at, agent, webVia(), { assigneeId: agent, ...(status ? { status } : {}) });
  }
}

function work(world: World, t: SimTicket, s: Schedule, at: number, pinned: boolean): void {
  const rng = s.rng;
  const me = t.assigneeId!;
  const choice = rng.weighted({ pending: 48, solved: 16, hold: 6, handoff: 12, reassign: 7, note: 8, priority: 3 });
  const effective = pinned && (choice === 'solved' || choice === 'handoff' || choice === 'reassign' || choice === 'hold') ? 'pending' : choice;
  switch (effective) {
    case 'pending':
    case 'solved':
      t.slaDueAt = null;
      t.slaMetric = null;
      world.record(t, at, me, webVia(), { status: effective }, {
        body: effective === 'pending' ? 'Could you send us a screenshot and the time it happened?' : 'This is fixed now — thanks for your patience.',
        public: true,
      });
      return;
    case 'hold':
      t.slaDueAt = null;
      t.slaMetric = null;
      world.record(t, at, me, webVia(), { status: 'hold' }, { body: 'Waiting on the payment provider.', public: false });
      return;
    case 'handoff': {
      const target = handoffTarget(world, t, s);
      if (target === null) break;
      const agents = world.agentsIn(target);
      const assignee = rng.chance(0.5) && agents.length ? rng.pick(agents) : null;
      world.record(t, at, me, webVia(), { groupId: target, assigneeId: assignee }, {
        body: 'Handing this over to the right team.',
        public: false,
      });
      return;
    }
    case 'reassign': {
      const others = world.agentsIn(t.groupId).filter((a) => a !== me);
      if (!others.length) break;
      world.record(t, at, me, webVia(), { assigneeId: rng.pick(others) }, { body: 'Reassigning while I am out.', public: false });
      return;
    }
    case 'priority':
      if (t.priority && t.priority !== 'urgent') {
        world.record(t, at, me, webVia(), { priority: PRIORITY_UP[t.priority] });
        return;
      }
      break;
    default:
      break;
  }
  world.record(t, at, me, webVia(), {}, { body: 'Looked into logs; still investigating.', public: false });
}

/** Another group; 40% of the time back to where it came from (ping-pong). */
function handoffTarget(world: World, t: SimTicket, s: Schedule): number | null {
  const trail = s.groupTrail;
  const previous = trail.length >= 2 ? trail[trail.length - 2] : undefined;
  if (previous !== undefined && previous !== t.groupId && s.rng.chance(0.4)) return previous;
  const others = world.groupIds().filter((g) => g !== t.groupId);
  return others.length ? s.rng.pick(others) : null;
}
