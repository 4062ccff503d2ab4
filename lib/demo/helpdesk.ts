import { handleApi, type ApiResponse } from './api';
import {
  DEFAULT_AGENTS,
  DEFAULT_GROUPS,
  HOSTILE_SUBJECT,
  PRODUCT_AREAS,
  REQUESTER_NAMES,
  RULES,
  SUBJECTS,
} from './catalog';
import {
  SYSTEM_AUTHOR,
  emailVia,
  planNext,
  ruleVia,
  runAction,
  slaTarget,
  webVia,
  type Comment,
  type Schedule,
  type World,
} from './lifecycle';
import { Rng } from './rng';
import { DAY, HOUR, PEAK_HOURS_PER_WEEK, addBusinessMinutes, arrivalShape } from './time';
import type {
  FieldChanges,
  SimAudit,
  SimChannel,
  SimEvent,
  SimGroup,
  SimPriority,
  SimStatus,
  SimTicket,
  SimUser,
  SimVia,
} from './types';
import { UNSOLVED } from './types';
import { VIEWS, findView, sortTickets, type ColumnId, type SimView } from './views';

export interface HelpdeskOptions {
  seed: number;
  /** Zendesk host the pages and API pretend to be (default acme.zendesk.com). */
  host?: string;
  /** The simulation's "now" in epoch ms (default: the real clock — pass one for determinism). */
  now?: number;
  /** Agent names, or names with their group names (default: 8 agents). */
  agents?: (string | { name: string; groups?: string[] })[];
  /** Group names (default: Support, Billing, Technical, Escalations). */
  groups?: string[];
  /** About how many tickets arrive over the generated history (default 240). */
  initialTickets?: number;
  /** Days of generated history before `now` (default 28; 14–42 is realistic). */
  historyDays?: number;
  /** The signed-in agent ("Your unsolved tickets"; default: the first agent). */
  me?: string;
}

export interface ViewSummary {
  id: number;
  title: string;
  count: number;
}

export interface FailureSpec {
  status: number;
  retryAfterSeconds?: number;
  /** How many requests fail (default 1). */
  times?: number;
}

const AGENT_ID_BASE = 10_000_000_000;
const REQUESTER_ID_BASE = 20_000_000_000;
const GROUP_ID_BASE = 30_000_000_000;
const FIRST_TICKET_ID = 4001;

/**
 * A deterministic, moving Zendesk: tickets arrive with business-hours seasonality, age, change
 * status, pass between agents and groups (some ping-pong), reopen, and are touched by rules.
 * Every change is an audit, so pages and API answers come from the same history.
 */
export class SimulatedHelpdesk {
  readonly seed: number;
  readonly host: string;
  readonly meId: number;
  private clock: number;
  private readonly users = new Map<number, SimUser>();
  private readonly groupList: SimGroup[] = [];
  private readonly agentIds: number[] = [];
  private readonly requesterIds: number[] = [];
  private readonly byId = new Map<number, SimTicket>();
  private readonly schedules = new Map<number, Schedule>();
  private readonly arrivalRng: Rng;
  private readonly backlogRng: Rng;
  private readonly peakRatePerMs: number;
  private nextArrivalAt: number;
  private nextTicketId = FIRST_TICKET_ID;
  private nextAuditId = 7_000_000_001;
  private nextEventId = 8_000_000_001;
  private readonly failures: { prefix: string; spec: FailureSpec; left: number }[] = [];
  private readonly world: World;

  constructor(options: HelpdeskOptions) {
    this.seed = options.seed;
    this.host = (options.host ?? 'acme.zendesk.com').toLowerCase();
    const now = options.now ?? Date.now();
    const historyDays = options.historyDays ?? 28;
    const initial = options.initialTickets ?? 240;
    this.peakRatePerMs = initial / (historyDays / 7) / PEAK_HOURS_PER_WEEK / HOUR;
    this.arrivalRng = Rng.derive(this.seed, 1);
    this.backlogRng = Rng.derive(this.seed, 2);
    this.setUpCast(options);
    const meName = options.me ?? this.users.get(this.agentIds[0])!.name;
    this.meId = this.agentByName(meName)?.id ?? this.agentIds[0];
    this.world = this.makeWorld();

    this.clock = now - historyDays * DAY;
    this.nextArrivalAt = this.drawArrival(this.clock);
    // A fixed ticket with a hostile subject, unsolved at `now`, assigned to "me".
    this.advance(now - 30 * HOUR);
    this.createTicket(this.clock, { subject: HOSTILE_SUBJECT, pinnedUntil: now + 7 * DAY, pinAssignee: this.meId });
    this.advance(now);
  }

  // ——— accessors ———

  get now(): number {
    return this.clock;
  }

  tickets(): SimTicket[] {
    return [...this.byId.values()];
  }

  ticket(id: number | string): SimTicket | undefined {
    return this.byId.get(Number(id));
  }

  user(id: number | null | undefined): SimUser | undefined {
    return id === null || id === undefined ? undefined : this.users.get(id);
  }

  allUsers(): SimUser[] {
    return [...this.users.values()];
  }

  agents(): SimUser[] {
    return this.agentIds.map((id) => this.users.get(id)!);
  }

  groups(): SimGroup[] {
    return [...this.groupList];
  }

  group(id: number | null | undefined): SimGroup | undefined {
    return this.groupList.find((g) => g.id === id);
  }

  /** Display name of a user or group id; '' for none. */
  nameOf(id: number | null | undefined): string {
    if (id === null || id === undefined) return '';
    return this.users.get(id)?.name ?? this.group(id)?.name ?? '';
  }

  agentByName(name: string): SimUser | undefined {
    return this.agents().find((a) => a.name === name);
  }

  groupByName(name: string): SimGroup | undefined {
    return this.groupList.find((g) => g.name === name);
  }

  views(): ViewSummary[] {
    return VIEWS.map((v) => ({ id: v.id, title: v.title, count: this.matching(v).length }));
  }

  view(id: number | string): SimView | undefined {
    return findView(Number(id));
  }

  /** A view's tickets in its order (or the given sort), as the view page lists them. */
  viewTickets(viewId: number | string, sort?: { by: ColumnId; dir: 'asc' | 'desc' }): SimTicket[] {
    const view = findView(Number(viewId));
    if (!view) return [];
    const by = sort ?? view.sort;
    return sortTickets(this.matching(view), by.by, by.dir, (id) => this.nameOf(id));
  }

  private matching(view: SimView): SimTicket[] {
    const ctx = { now: this.clock, meId: this.meId };
    return this.tickets().filter((t) => view.matches(t, ctx));
  }

  // ——— time ———

  /** Moves the world forward to `toMs`: arrivals and every planned transition on the way. */
  advance(toMs: number): void {
    if (toMs < this.clock) return;
    for (;;) {
      let nextTicket: SimTicket | undefined;
      let nextAt = Number.POSITIVE_INFINITY;
      for (const [id, s] of this.schedules) {
        if (s.at < nextAt || (s.at === nextAt && nextTicket && id < nextTicket.id)) {
          nextAt = s.at;
          nextTicket = this.byId.get(id);
        }
      }
      if (this.nextArrivalAt <= nextAt && this.nextArrivalAt <= toMs) {
        const at = this.nextArrivalAt;
        this.clock = at;
        this.createTicket(at);
        this.nextArrivalAt = this.drawArrival(at);
        continue;
      }
      if (!nextTicket || nextAt > toMs) break;
      this.clock = nextAt;
      const s = this.schedules.get(nextTicket.id)!;
      runAction(this.world, nextTicket, s, nextAt, this.requesterVia(nextTicket));
      if (s.kind === null) this.schedules.delete(nextTicket.id);
    }
    this.clock = toMs;
  }

  /** Poisson arrivals thinned by the weekday/business-hours shape. */
  private drawArrival(from: number): number {
    let t = from;
    for (let guard = 0; guard < 100_000; guard++) {
      t += this.arrivalRng.exp(1 / this.peakRatePerMs);
      if (this.arrivalRng.next() < arrivalShape(t)) return Math.ceil(t / 1000) * 1000;
    }
    return Number.POSITIVE_INFINITY;
  }

  // ——— manual mutations (tests, demo) ———

  /** Assigns an agent as "me" would in the UI; moves the group when the agent is not in it. */
  reassign(id: number | string, agentName: string | null): SimTicket {
    const t = this.mustTicket(id);
    const agent = agentName === null ? null : this.agentByName(agentName);
    if (agentName !== null && !agent) throw new Error(`no agent named ${agentName}`);
    const changes: FieldChanges = { assigneeId: agent ? agent.id : null };
    if (agent && !agent.groupIds.includes(t.groupId ?? -1)) changes.groupId = agent.groupIds[0];
    if (agent && t.status === 'new') changes.status = 'open';
    this.manual(t, changes);
    return t;
  }

  setStatus(id: number | string, status: SimStatus): SimTicket {
    const t = this.mustTicket(id);
    const reopening = (t.status === 'solved' || t.status === 'pending' || t.status === 'hold') && (status === 'open' || status === 'new');
    if (status === 'pending' || status === 'hold' || status === 'solved' || status === 'closed' || status === 'deleted') {
      t.slaDueAt = null;
      t.slaMetric = null;
    } else if (reopening) {
      const due = slaTarget(t.priority, 'next_reply_time');
      t.slaDueAt = due === null ? null : this.clock + due;
      t.slaMetric = due === null ? null : 'next_reply_time';
    }
    this.manual(t, { status });
    return t;
  }

  moveGroup(id: number | string, groupName: string): SimTicket {
    const t = this.mustTicket(id);
    const group = this.groupByName(groupName);
    if (!group) throw new Error(`no group named ${groupName}`);
    const assignee = this.user(t.assigneeId);
    const keepsAssignee = assignee?.groupIds.includes(group.id) ?? false;
    this.manual(t, { groupId: group.id, ...(keepsAssignee ? {} : { assigneeId: null }) });
    return t;
  }

  setPriority(id: number | string, priority: SimPriority | null): SimTicket {
    const t = this.mustTicket(id);
    this.manual(t, { priority });
    return t;
  }

  /** Adds backlog tickets (open, aged) until at least `count` tickets are unsolved: benchmarks. */
  ensureUnsolved(count: number): void {
    const rng = this.backlogRng;
    let unsolved = this.tickets().filter((t) => UNSOLVED.includes(t.status)).length;
    while (unsolved < count) {
      const created = Math.floor((this.clock - (1 * HOUR + rng.next() * 20 * DAY)) / 1000) * 1000;
      const t = this.createTicket(created, { quiet: true });
      const s = this.schedules.get(t.id)!;
      const agent = rng.pick(this.world.agentsIn(t.groupId));
      const at = Math.min(this.clock, addBusinessMinutes(created, 5 + rng.exp(60)));
      this.record(t, at, agent, webVia(), { assigneeId: agent, status: 'open' });
      planNext(t, s, this.clock);
      unsolved += 1;
    }
  }

  /** The next `times` API requests whose path starts with `pathPrefix` fail (429 + Retry-After…). */
  failNext(pathPrefix: string, spec: FailureSpec): void {
    this.failures.push({ prefix: pathPrefix, spec, left: spec.times ?? 1 });
  }

  /** Consumes a planned failure for this path, if any. */
  takeFailure(path: string): FailureSpec | undefined {
    const found = this.failures.find((f) => f.left > 0 && path.startsWith(f.prefix));
    if (!found) return undefined;
    found.left -= 1;
    return found.spec;
  }

  /** Same-origin Zendesk API answers from this world (see api.ts). */
  api(pathAndQuery: string): ApiResponse {
    return handleApi(this, pathAndQuery);
  }

  // ——— internals ———

  private mustTicket(id: number | string): SimTicket {
    const t = this.ticket(id);
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }

  /** A change made by "me" in the UI now; the ticket's plan restarts from its new status. */
  private manual(t: SimTicket, changes: FieldChanges): void {
    this.record(t, this.clock, this.meId, webVia(), changes);
    const s = this.schedules.get(t.id) ?? this.newSchedule(t.id);
    planNext(t, s, this.clock);
    if (s.kind === null) this.schedules.delete(t.id);
    else this.schedules.set(t.id, s);
  }

  private newSchedule(id: number): Schedule {
    return { rng: Rng.derive(this.seed, 3, id), kind: null, at: Number.POSITIVE_INFINITY, groupTrail: [] };
  }

  private setUpCast(options: HelpdeskOptions): void {
    const groupNames = options.groups?.length ? options.groups : [...DEFAULT_GROUPS];
    groupNames.forEach((name, i) => this.groupList.push({ id: GROUP_ID_BASE + i + 1, name }));
    const agentSpecs = (options.agents?.length ? options.agents : DEFAULT_AGENTS).map((a, i) =>
      typeof a === 'string' ? { name: a, groups: [groupNames[i % groupNames.length]] } : a,
    );
    agentSpecs.forEach((spec, i) => {
      const groupIds = (spec.groups ?? [])
        .map((g) => this.groupByName(g)?.id)
        .filter((g): g is number => g !== undefined);
      if (!groupIds.length) groupIds.push(this.groupList[i % this.groupList.length].id);
      const id = AGENT_ID_BASE + i + 1;
      this.agentIds.push(id);
      this.users.set(id, { id, name: spec.name, email: emailOf(spec.name, this.host), role: 'agent', groupIds });
    });
    // Every group needs someone to work it.
    for (const g of this.groupList) {
      if (!this.agents().some((a) => a.groupIds.includes(g.id))) this.users.get(this.agentIds[0])!.groupIds.push(g.id);
    }
    REQUESTER_NAMES.forEach((name, i) => {
      const id = REQUESTER_ID_BASE + i + 1;
      this.requesterIds.push(id);
      this.users.set(id, { id, name, email: emailOf(name, 'example.com'), role: 'end-user', groupIds: [] });
    });
  }

  private makeWorld(): World {
    return {
      record: (t, at, author, via, changes, comment) => this.record(t, at, author, via, changes, comment),
      agentsIn: (groupId) => {
        const inGroup = this.agentIds.filter((id) => this.users.get(id)!.groupIds.includes(groupId ?? -1));
        return inGroup.length ? inGroup : [...this.agentIds];
      },
      groupIds: () => this.groupList.map((g) => g.id),
    };
  }

  private requesterVia(t: SimTicket): SimVia {
    const requester = this.users.get(t.requesterId)!;
    return t.channel === 'email' ? emailVia(requester.name, requester.email, this.host) : { channel: t.channel, source: { from: {}, to: {}, rel: null } };
  }

  private groupForArea(area: string): number {
    const name = area === 'Billing portal' ? 'Billing' : area === 'API' || area === 'Integrations' ? 'Technical' : 'Support';
    return this.groupByName(name)?.id ?? this.groupList[0].id;
  }

  /** A new ticket from a requester; 70% arrive without a group and are routed by a trigger. */
  private createTicket(at: number, script: { subject?: string; pinnedUntil?: number; pinAssignee?: number; quiet?: boolean } = {}): SimTicket {
    const id = this.nextTicketId++;
    const rng = Rng.derive(this.seed, 4, id);
    const channel = rng.weighted<SimChannel>({ email: 55, web: 25, chat: 10, api: 10 });
    const priority = rng.chance(0.04) ? null : rng.weighted<SimPriority>({ low: 20, normal: 50, high: 22, urgent: 8 });
    const productArea = rng.pick(PRODUCT_AREAS);
    const subject = script.subject ?? rng.pick(SUBJECTS);
    const requesterId = rng.pick(this.requesterIds);
    const routed = !script.quiet && rng.chance(0.7);
    const targetGroup = this.groupForArea(productArea);
    const t: SimTicket = {
      id,
      subject,
      description: `Hello, ${subject.toLowerCase()}. Can you help?`,
      status: 'new',
      priority,
      requesterId,
      assigneeId: null,
      groupId: routed ? null : targetGroup,
      createdAt: at,
      updatedAt: at,
      channel,
      tags: [productArea.toLowerCase().replace(/\s+/g, '_'), channel],
      productArea,
      slaDueAt: null,
      slaMetric: null,
      audits: [],
    };
    const first = slaTarget(priority, 'first_reply_time');
    if (first !== null) {
      t.slaDueAt = at + first;
      t.slaMetric = 'first_reply_time';
    }
    this.byId.set(id, t);
    this.pushAudit(t, at, requesterId, this.requesterVia(t), [
      { id: this.nextEventId++, type: 'Comment', author_id: requesterId, body: t.description, public: true },
      ...(
        [
          ['subject', subject],
          ['requester_id', String(requesterId)],
          ['status', 'new'],
          ['priority', priority],
          ['group_id', t.groupId === null ? null : String(t.groupId)],
          ['assignee_id', null],
        ] as const
      ).map(([field_name, value]): SimEvent => ({ id: this.nextEventId++, type: 'Create', field_name, value })),
    ]);
    const s = this.newSchedule(id);
    s.pinnedUntil = script.pinnedUntil;
    s.pinAssignee = script.pinAssignee;
    if (t.groupId !== null) s.groupTrail.push(t.groupId);
    this.schedules.set(id, s);
    if (routed) {
      const escalate = priority === 'urgent' && rng.chance(0.3);
      const rule = escalate ? RULES.escalateUrgent : RULES.routeByForm;
      const group = escalate ? (this.groupByName('Escalations')?.id ?? targetGroup) : targetGroup;
      this.record(t, at + 1000, SYSTEM_AUTHOR, ruleVia(rule), { groupId: group });
    }
    planNext(t, s, at + 1000);
    return t;
  }

  /** The one place ticket fields change: diffs `changes` into a Zendesk-shaped audit. */
  private record(t: SimTicket, at: number, authorId: number, via: SimVia, changes: FieldChanges, comment?: Comment): void {
    const events: SimEvent[] = [];
    const ruleVia = via.channel === 'rule' ? via : undefined;
    const change = (field_name: string, value: string | null, previous_value: string | null) => {
      events.push({ id: this.nextEventId++, type: 'Change', field_name, value, previous_value, ...(ruleVia ? { via: ruleVia } : {}) });
    };
    const idStr = (v: number | null) => (v === null ? null : String(v));
    if (comment) {
      events.push({ id: this.nextEventId++, type: 'Comment', author_id: comment.authorId ?? authorId, body: comment.body, public: comment.public });
    }
    if (changes.status !== undefined && changes.status !== t.status) {
      change('status', changes.status, t.status);
      t.status = changes.status;
    }
    if (changes.groupId !== undefined && changes.groupId !== t.groupId) {
      change('group_id', idStr(changes.groupId), idStr(t.groupId));
      t.groupId = changes.groupId;
      if (changes.groupId !== null) this.schedules.get(t.id)?.groupTrail.push(changes.groupId);
    }
    if (changes.assigneeId !== undefined && changes.assigneeId !== t.assigneeId) {
      change('assignee_id', idStr(changes.assigneeId), idStr(t.assigneeId));
      t.assigneeId = changes.assigneeId;
    }
    if (changes.priority !== undefined && changes.priority !== t.priority) {
      change('priority', changes.priority, t.priority);
      t.priority = changes.priority;
    }
    if (!events.length) return;
    this.pushAudit(t, at, authorId, via, events);
  }

  private pushAudit(t: SimTicket, at: number, authorId: number, via: SimVia, events: SimEvent[]): void {
    const audit: SimAudit = { id: this.nextAuditId++, ticket_id: t.id, at, author_id: authorId, via, events };
    t.audits.push(audit);
    t.updatedAt = Math.max(t.updatedAt, at);
  }
}

function emailOf(name: string, domain: string): string {
  const local = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${local}@${domain}`;
}
