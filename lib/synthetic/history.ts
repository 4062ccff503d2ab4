import { foldTransition } from '../ingest/apply';
import { createdTicketState } from '../ingest/ticket-state';
import { rollupsFromHistory } from '../db/rollups';
import {
  ticketKey,
  transitionId,
  type DailyRollup,
  type TicketState,
  type Tool,
  type TrackedField,
  type Transition,
} from '../model';
import { mulberry32, randomIndex, randomLogNormal, type Random } from '../metrics/random';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../metrics/time';

/**
 * Seeded synthetic ticket history for tests, the demo and the benchmark. Same options, same
 * history, on every machine.
 *
 * Realism kept on purpose: arrivals with weekday seasonality and office-hours peaks; Zendesk
 * statuses new → open → pending / hold → solved → closed (Jira: to do → in progress → waiting
 * for customer / blocked → done); routing by triggers (automatic group changes); assignee and
 * group handoffs with ping-pong (returns to an earlier owner); reopens before closing; priority
 * changes; Zendesk's automation closing solved tickets after four days. History is exact
 * (`source: 'api'`), and ticket states are folded from it with ingest's own `foldTransition`,
 * so states, transitions and rollups agree with the model by construction.
 */
export interface HistoryOptions {
  seed: number;
  tickets: number;
  /** Days of history ending at `now`. */
  days: number;
  agents: number;
  groups: number;
  host: string;
  now: number;
  /** Default: jira when the host is on atlassian.net, else zendesk. */
  tool?: Tool;
  /** Weekday arrival weights, Sunday first (default: busy Monday, quiet weekend). */
  weekdayWeights?: readonly number[];
}

export interface SyntheticHistory {
  tickets: TicketState[];
  transitions: Transition[];
  rollups: DailyRollup[];
}

const DEFAULT_WEEKDAY_WEIGHTS = [0.3, 1.35, 1.2, 1.1, 1.0, 0.9, 0.35];
const GROUP_NAMES = ['Tier 1', 'Tier 2', 'Billing', 'Technical', 'Escalations', 'Onboarding', 'Accounts', 'Hardware'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const PRIORITY_WEIGHTS = [0.2, 0.55, 0.18, 0.07];
/** Host SLA targets per priority, for the share of tickets whose SLA cell the host shows. */
const HOST_SLA_MS: Record<(typeof PRIORITIES)[number], number> = {
  low: 72 * HOUR_MS,
  normal: 24 * HOUR_MS,
  high: 8 * HOUR_MS,
  urgent: 4 * HOUR_MS,
};

interface Vocabulary {
  initial: string;
  working: string;
  waiting: string;
  blocked: string;
  solved: string;
  closed: string | undefined;
}
const ZENDESK: Vocabulary = { initial: 'new', working: 'open', waiting: 'pending', blocked: 'hold', solved: 'solved', closed: 'closed' };
const JIRA: Vocabulary = {
  initial: 'to do',
  working: 'in progress',
  waiting: 'waiting for customer',
  blocked: 'blocked',
  solved: 'done',
  closed: undefined,
};

export function groupName(k: number): string {
  return k < GROUP_NAMES.length ? GROUP_NAMES[k] : `Group ${k + 1}`;
}

export function agentName(k: number): string {
  return `agent-${String(k + 1).padStart(3, '0')}`;
}

function pickWeighted(random: Random, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = random() * total;
  for (let k = 0; k < weights.length; k++) {
    r -= weights[k];
    if (r < 0) return k;
  }
  return weights.length - 1;
}

/** Creation times: a day by weekday weight, then an office-hours-shaped hour. Ascending. */
function arrivalTimes(random: Random, options: HistoryOptions): Float64Array {
  const weights = options.weekdayWeights ?? DEFAULT_WEEKDAY_WEIGHTS;
  const firstDay = Math.floor(options.now / DAY_MS) - options.days + 1;
  const cumulative = new Float64Array(options.days);
  let total = 0;
  for (let d = 0; d < options.days; d++) {
    total += weights[new Date((firstDay + d) * DAY_MS).getUTCDay()];
    cumulative[d] = total;
  }
  const times = new Float64Array(options.tickets);
  for (let k = 0; k < options.tickets; k++) {
    const r = random() * total;
    let low = 0;
    let high = options.days - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cumulative[mid] > r) high = mid;
      else low = mid + 1;
    }
    // 85 % between 07:00 and 19:00 UTC, the rest any time.
    const hour = random() < 0.85 ? 7 + 12 * random() : 24 * random();
    const at = (firstDay + low) * DAY_MS + Math.floor(hour * HOUR_MS);
    times[k] = Math.min(at, options.now - MINUTE_MS);
  }
  times.sort();
  return times;
}

interface Staff {
  groups: string[];
  agents: string[];
  /** Agent indices per group. */
  members: number[][];
}

function staffOf(options: HistoryOptions): Staff {
  const groups = Array.from({ length: Math.max(1, options.groups) }, (_, k) => groupName(k));
  const agents = Array.from({ length: Math.max(1, options.agents) }, (_, k) => agentName(k));
  const members: number[][] = groups.map(() => []);
  agents.forEach((_, k) => members[k % groups.length].push(k));
  // A group without members borrows agent 0, so every group can be worked.
  for (const list of members) if (list.length === 0) list.push(0);
  return { groups, agents, members };
}

/** One ticket's life as a list of transitions up to `now`. */
class TicketLife {
  readonly transitions: Transition[] = [];
  clock: number;
  status: string;
  assignee: string | null = null;
  group: string | null = null;
  private readonly seenAssignees: string[] = [];
  private readonly seenGroups: string[] = [];
  ended = false;

  constructor(
    readonly key: string,
    createdAt: number,
    initialStatus: string,
    readonly priority: string,
    private readonly now: number,
  ) {
    this.clock = createdAt;
    this.status = initialStatus;
  }

  /** Advances the clock; false (and the life ends) once it passes `now`. */
  wait(ms: number): boolean {
    this.clock += Math.max(MINUTE_MS, Math.round(ms));
    if (this.clock > this.now) this.ended = true;
    return !this.ended;
  }

  change(field: TrackedField, to: string | null, automatic = false): void {
    if (this.ended) return;
    const from = field === 'status' ? this.status : field === 'assignee' ? this.assignee : field === 'group' ? this.group : null;
    if (from === to) return;
    const at = this.clock;
    const t: Transition = { id: '', key: this.key, field, from, to, at, earliest: at, latest: at, source: 'api' };
    if (automatic) t.automatic = true;
    t.id = transitionId(t);
    this.transitions.push(t);
    if (field === 'status') this.status = to!;
    else if (field === 'assignee') {
      this.assignee = to;
      if (to !== null && !this.seenAssignees.includes(to)) this.seenAssignees.push(to);
    } else if (field === 'group') {
      this.group = to;
      if (to !== null && !this.seenGroups.includes(to)) this.seenGroups.push(to);
    }
  }

  /** An earlier assignee / group other than the current one, if any. */
  earlier(field: 'assignee' | 'group', random: Random): string | undefined {
    const seen = (field === 'assignee' ? this.seenAssignees : this.seenGroups).filter((v) => v !== this[field]);
    return seen.length > 0 ? seen[randomIndex(random, seen.length)] : undefined;
  }
}

function otherMember(random: Random, staff: Staff, group: number, current: string | null): string {
  const members = staff.members[group];
  for (let attempt = 0; attempt < 4; attempt++) {
    const name = staff.agents[members[randomIndex(random, members.length)]];
    if (name !== current) return name;
  }
  return staff.agents[members[0]];
}

function live(life: TicketLife, random: Random, staff: Staff, words: Vocabulary, urgency: number): void {
  const groupIndex = () => staff.groups.indexOf(life.group!);
  // Routing trigger: a group within minutes.
  if (!life.wait(randomLogNormal(random, 3 * MINUTE_MS, 0.5))) return;
  life.change('group', staff.groups[random() < 0.5 ? 0 : randomIndex(random, staff.groups.length)], true);
  // Queue wait, then an agent of the group takes it.
  if (!life.wait(randomLogNormal(random, 3 * HOUR_MS * urgency, 1.1))) return;
  life.change('assignee', otherMember(random, staff, groupIndex(), null));
  life.change('status', words.working);

  for (let step = 0; step < 40 && !life.ended; step++) {
    if (!life.wait(randomLogNormal(random, 2.5 * HOUR_MS * urgency, 1.0))) return;
    const r = random();
    if (r < 0.43) {
      // Waiting for the customer; they answer, or an automation solves it after 4 days.
      life.change('status', words.waiting);
      const silence = randomLogNormal(random, 18 * HOUR_MS, 1.1);
      if (silence > 4 * DAY_MS) {
        if (!life.wait(4 * DAY_MS)) return;
        life.change('status', words.solved, true);
      } else {
        if (!life.wait(silence)) return;
        life.change('status', words.working);
        continue;
      }
    } else if (r < 0.51) {
      life.change('status', words.blocked);
      if (!life.wait(randomLogNormal(random, 30 * HOUR_MS, 0.9))) return;
      life.change('status', words.working);
      continue;
    } else if (r < 0.62) {
      // Assignee handoff within the group; sometimes back to an earlier owner (ping-pong).
      const back = random() < 0.3 ? life.earlier('assignee', random) : undefined;
      life.change('assignee', back ?? otherMember(random, staff, groupIndex(), life.assignee));
      continue;
    } else if (r < 0.7 && staff.groups.length > 1) {
      // Escalation to another group (or back to an earlier one), with a new assignee there.
      const automatic = random() < 0.15; // a routing rule, not a person
      let target = random() < 0.35 ? life.earlier('group', random) : undefined;
      if (target === undefined) {
        const k = randomIndex(random, staff.groups.length - 1);
        target = staff.groups[k >= groupIndex() ? k + 1 : k];
      }
      life.change('group', target, automatic);
      life.change('assignee', otherMember(random, staff, groupIndex(), life.assignee), automatic);
      continue;
    } else if (r < 0.72) {
      life.change('priority', PRIORITIES[randomIndex(random, PRIORITIES.length)]);
      continue;
    } else {
      life.change('status', words.solved);
    }
    // Solved: a reopen within the closing delay, or closed by the automation.
    if (random() < 0.08) {
      if (!life.wait(randomLogNormal(random, 20 * HOUR_MS, 0.8))) return;
      life.change('status', words.working);
      continue;
    }
    if (words.closed === undefined) return;
    if (!life.wait(4 * DAY_MS)) return;
    life.change('status', words.closed, true);
    return;
  }
}

export function generateHistory(options: HistoryOptions): SyntheticHistory {
  const random = mulberry32(options.seed);
  const tool: Tool = options.tool ?? (options.host.includes('atlassian') ? 'jira' : 'zendesk');
  const words = tool === 'jira' ? JIRA : ZENDESK;
  const staff = staffOf(options);
  const created = arrivalTimes(random, options);
  const tickets: TicketState[] = [];
  const transitions: Transition[] = [];

  for (let k = 0; k < options.tickets; k++) {
    const createdAt = created[k];
    const id = tool === 'jira' ? `OPS-${k + 1}` : String(k + 1);
    const key = ticketKey(tool, options.host, id);
    const priorityIndex = pickWeighted(random, PRIORITY_WEIGHTS);
    const priority = PRIORITIES[priorityIndex];
    const urgency = [1.3, 1, 0.6, 0.35][priorityIndex];
    const life = new TicketLife(key, createdAt, words.initial, priority, options.now);
    live(life, random, staff, words, urgency);

    const state = initialState(tool, options.host, id, key, createdAt, words.initial, priority);
    for (const t of life.transitions) {
      (state as Record<TrackedField, string | null>)[t.field] = t.to;
      state.updatedAt = t.at;
      foldTransition(state, t);
      transitions.push(t);
    }
    state.lastSeenAt = state.open === 1 ? options.now : (state.updatedAt ?? createdAt);
    state.backfilledAt = state.lastSeenAt;
    if (state.open === 1 && random() < 0.3) state.slaDueAt = createdAt + HOST_SLA_MS[priority];
    tickets.push(state);
  }
  return { tickets, transitions, rollups: rollupsFromHistory(tickets, transitions) };
}

function initialState(
  tool: Tool,
  host: string,
  id: string,
  key: string,
  createdAt: number,
  status: string,
  priority: string,
): TicketState {
  return { ...createdTicketState({ tool, host, id, createdAt, status, priority }), key, title: `Synthetic ticket ${id}` };
}
