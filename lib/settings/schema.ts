import { z } from 'zod';
import { StageSchema, ToolSchema, type StageOverrides } from '../model';

/**
 * User settings, stored in `browser.storage.local` under `settings`.
 *
 * Versioned: `SettingsSchema` describes the current version only (v2). Anything read from
 * storage or from an import goes through `migrateSettings`, which upgrades older shapes and
 * refuses versions newer than this build understands.
 *
 * v1: thresholds, stalledDays, backfill.
 * v2: + instances (with stage mapping), SLA policies and business-hours calendars, team, goals,
 *     snapshot cadence, retention, privacy.
 */
export const SETTINGS_VERSION = 2 as const;

/** Keys that must never become object properties (prototype pollution). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const safeKey = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((k) => !FORBIDDEN_KEYS.has(k), 'reserved name');

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'ids are letters, digits and _ . : -');

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
const TimeZoneSchema = z.string().min(1).max(64).refine(isValidTimeZone, 'not an IANA time zone');

// ─── Instances and stages ────────────────────────────────────────────────────────────────────

/** Where work counts as started / finished (DESIGN.md, Model: commitment and done points). */
export const FlowPointSchema = z.discriminatedUnion('kind', [
  /** At ticket creation (Zendesk's default start). */
  z.object({ kind: z.literal('created') }),
  /** On first entry into a canonical stage (Jira's default start: `active`; done: `done`). */
  z.object({ kind: z.literal('stage'), stage: StageSchema }),
  /** On first entry into one raw status (case-insensitive). */
  z.object({ kind: z.literal('status'), status: z.string().min(1).max(200) }),
]);
export type FlowPoint = z.infer<typeof FlowPointSchema>;

/**
 * Which product an instance is: it decides defaults and the permission model
 * (Zendesk and Jira Cloud are in the manifest; self-hosted Jira needs an optional host permission).
 */
export const InstanceKindSchema = z.enum(['zendesk', 'jira-cloud', 'jira-server']);
export type InstanceKind = z.infer<typeof InstanceKindSchema>;

export const InstanceSchema = z
  .object({
    id,
    kind: InstanceKindSchema,
    tool: ToolSchema,
    /** Host as it appears in ticket keys: lowercase, optional port (`jira.corp.example:8443`). */
    host: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[a-z0-9.-]+(?::\d{1,5})?$/, 'lowercase host name, optional :port'),
    /** `https://host[:port]`, the origin permissions are requested for. */
    origin: z
      .string()
      .max(300)
      .regex(/^https:\/\/[a-z0-9.-]+(?::\d{1,5})?$/, 'https origin without a path'),
    label: z.string().min(1).max(100),
    /** Raw status (lowercased) → stage; overrides the tool defaults in `stageOf`. */
    stageMap: z.record(safeKey(200), StageSchema).default({}),
    commitmentPoint: FlowPointSchema.optional(),
    donePoint: FlowPointSchema.optional(),
  })
  .superRefine((inst, ctx) => {
    const toolOk = inst.kind === 'zendesk' ? inst.tool === 'zendesk' : inst.tool === 'jira';
    if (!toolOk) ctx.addIssue({ code: 'custom', path: ['tool'], message: `kind ${inst.kind} does not match tool ${inst.tool}` });
    if (inst.origin !== `https://${inst.host}`) {
      ctx.addIssue({ code: 'custom', path: ['origin'], message: 'origin must be https://<host>' });
    }
  });
export type Instance = z.infer<typeof InstanceSchema>;

// ─── SLA ─────────────────────────────────────────────────────────────────────────────────────

const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM (00:00–24:00)');
export const HoursIntervalSchema = z
  .object({ start: hhmm, end: hhmm })
  .refine((i) => i.start < i.end, 'start must be before end');

const day = z.array(HoursIntervalSchema).max(8).default([]);
/** Opening hours per weekday, local to the calendar's time zone. */
export const WeeklyHoursSchema = z.object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day });

const nineToFive = [{ start: '09:00', end: '17:00' }];
export const BusinessCalendarSchema = z.object({
  id,
  name: z.string().min(1).max(100),
  timeZone: TimeZoneSchema,
  weekly: WeeklyHoursSchema.prefault({ mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive }),
  /** Whole days off, as local dates. */
  holidays: z
    .array(z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD'))
    .max(1000)
    .default([]),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;

const minutes = z.number().int().min(1).max(525_600);
export const SlaPolicySchema = z
  .object({
    id,
    /** Applies to this instance only; absent = every instance. */
    instanceId: id.optional(),
    /** Raw priority value as the host shows it, compared case-insensitively (e.g. `urgent`). */
    priority: z.string().min(1).max(100),
    firstReplyMinutes: minutes.optional(),
    nextReplyMinutes: minutes.optional(),
    resolutionMinutes: minutes.optional(),
    /** `business` counts only the calendar's open hours; `calendar` counts every minute. */
    hours: z.enum(['business', 'calendar']).default('calendar'),
    calendarId: id.optional(),
  })
  .refine((p) => p.hours === 'calendar' || p.calendarId !== undefined, {
    path: ['calendarId'],
    message: 'business-hours policies need a calendar',
  });
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

// ─── Team, goals, cadence ────────────────────────────────────────────────────────────────────

export const TeamMemberSchema = z.object({
  id,
  /** Name as the host tools display it (assignee column). */
  name: z.string().min(1).max(200),
  /** Other spellings the host tools use for the same person (Jira display name vs Zendesk). */
  aliases: z.array(z.string().min(1).max(200)).max(20).default([]),
});
export type TeamMember = z.infer<typeof TeamMemberSchema>;

const goal = z.number().int().min(0).max(100_000).nullable().default(null);

// ─── The settings object ─────────────────────────────────────────────────────────────────────

const SettingsObject = z.object({
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  thresholds: z
    .object({ warnDays: z.number().min(0).max(3650).default(3), alertDays: z.number().min(0).max(3650).default(7) })
    .prefault({}),
  stalledDays: z.number().min(1).max(365).default(5),
  /** API backfill: on/off and its request budget (DESIGN.md: a small budget per minute). */
  backfill: z
    .object({ enabled: z.boolean().default(true), requestsPerMinute: z.number().int().min(1).max(600).default(60) })
    .prefault({}),
  instances: z.array(InstanceSchema).max(50).default([]),
  sla: z
    .object({
      /** "At risk" when less than this share of the target is left. */
      atRiskShare: z.number().min(0).max(1).default(0.25),
      policies: z.array(SlaPolicySchema).max(200).default([]),
      calendars: z.array(BusinessCalendarSchema).max(50).default([]),
    })
    .prefault({}),
  team: z
    .object({
      members: z.array(TeamMemberSchema).max(500).default([]),
      /** The member id of the person using this browser ("mine" in the popup). */
      me: id.nullable().default(null),
    })
    .prefault({}),
  /** Personal goals shown in the popup; null = no goal. */
  goals: z.object({ closedPerDay: goal, closedPerWeek: goal }).prefault({}),
  snapshots: z
    .object({
      /** 0 = Sunday … 6 = Saturday; 1 (Monday) gives ISO weeks. */
      weekStartDay: z.number().int().min(0).max(6).default(1),
      /** IANA zone the week boundaries are computed in; null = the browser's zone at run time. */
      timeZone: TimeZoneSchema.nullable().default(null),
    })
    .prefault({}),
  /** History older than this is pruned (tickets done and unseen, their transitions). */
  retentionMonths: z.number().int().min(1).max(120).default(24),
  privacy: z
    .object({
      /** When false, ticket titles are neither stored nor exported. */
      storeTitles: z.boolean().default(true),
    })
    .prefault({}),
});

/** Cross-references: ids are unique and every reference points at something that exists. */
export const SettingsSchema = SettingsObject.superRefine((s, ctx) => {
  const unique = (items: { id: string }[], path: string) => {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id ${it.id}` });
      seen.add(it.id);
    });
    return seen;
  };
  const instanceIds = unique(s.instances, 'instances');
  const calendarIds = new Set(s.sla.calendars.map((c) => c.id));
  const memberIds = new Set(s.team.members.map((m) => m.id));
  s.sla.policies.forEach((p, i) => {
    if (p.instanceId !== undefined && !instanceIds.has(p.instanceId)) {
      ctx.addIssue({ code: 'custom', path: ['sla', 'policies', i, 'instanceId'], message: `no instance ${p.instanceId}` });
    }
    if (p.calendarId !== undefined && !calendarIds.has(p.calendarId)) {
      ctx.addIssue({ code: 'custom', path: ['sla', 'policies', i, 'calendarId'], message: `no calendar ${p.calendarId}` });
    }
  });
  if (s.team.me !== null && !memberIds.has(s.team.me)) {
    ctx.addIssue({ code: 'custom', path: ['team', 'me'], message: `no team member ${s.team.me}` });
  }
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** The v1 shape, kept to read what the first release stored. */
const SettingsV1Schema = z.object({
  version: z.literal(1).optional(),
  thresholds: z.object({ warnDays: z.number(), alertDays: z.number() }).partial().optional(),
  stalledDays: z.number().optional(),
  backfill: z.object({ enabled: z.boolean(), requestsPerMinute: z.number() }).partial().optional(),
});

export class SettingsVersionError extends Error {
  constructor(readonly found: unknown) {
    super(
      typeof found === 'number' && found > SETTINGS_VERSION
        ? `settings version ${found} is newer than this QueueLens understands (${SETTINGS_VERSION}); update the extension`
        : `unknown settings version ${JSON.stringify(found)}`,
    );
    this.name = 'SettingsVersionError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Brings any stored or imported settings object to the current version and validates it.
 * No `version` means v1 (the first release wrote it only as a default). Throws
 * `SettingsVersionError` for versions from the future or unknown, and a ZodError when the
 * content does not validate.
 */
export function migrateSettings(raw: unknown): Settings {
  const obj = raw === undefined || raw === null ? {} : raw;
  if (!isRecord(obj)) throw new SettingsVersionError(typeof obj);
  // Only an absent version means v1; `null` or anything else unexpected is refused.
  const version = obj.version === undefined ? 1 : obj.version;
  if (version === 1) return SettingsSchema.parse(upgradeV1(SettingsV1Schema.parse(obj)));
  if (version === SETTINGS_VERSION) return SettingsSchema.parse(obj);
  throw new SettingsVersionError(version);
}

/** v1 → v2: the three v1 fields carry over; everything new takes its default. */
function upgradeV1(v1: z.infer<typeof SettingsV1Schema>): z.input<typeof SettingsSchema> {
  return { version: 2, thresholds: v1.thresholds, stalledDays: v1.stalledDays, backfill: v1.backfill };
}

/**
 * Parses stored settings for callers that must always get something usable (background,
 * popup). Migrates first; if the whole object does not validate (or comes from a newer
 * version), each top-level field that does validate is kept and the rest fall back to defaults.
 */
export function readSettings(raw: unknown): Settings {
  try {
    return migrateSettings(raw);
  } catch {
    if (!isRecord(raw)) return DEFAULT_SETTINGS;
    const source = raw.version === 1 || raw.version === undefined ? safeUpgrade(raw) : raw;
    const out: Record<string, unknown> = { version: SETTINGS_VERSION };
    for (const field of Object.keys(SettingsObject.shape)) {
      if (field === 'version' || !Object.prototype.hasOwnProperty.call(source, field)) continue;
      const one = SettingsObject.shape[field as keyof typeof SettingsObject.shape].safeParse(source[field]);
      if (one.success) out[field] = one.data;
    }
    const whole = SettingsSchema.safeParse(out);
    if (whole.success) return whole.data;
    // A dangling cross-reference: drop the referencing parts rather than everything.
    const { sla: _sla, team: _team, ...rest } = out;
    const trimmed = SettingsSchema.safeParse(rest);
    return trimmed.success ? trimmed.data : DEFAULT_SETTINGS;
  }
}

function safeUpgrade(raw: Record<string, unknown>): Record<string, unknown> {
  const v1 = SettingsV1Schema.safeParse(raw);
  return v1.success ? (upgradeV1(v1.data) as Record<string, unknown>) : raw;
}

// ─── Lookups other modules need ──────────────────────────────────────────────────────────────

export function instanceForHost(settings: Settings, host: string): Instance | undefined {
  const h = host.toLowerCase();
  return settings.instances.find((i) => i.host === h);
}

/** Stage overrides for `stageOf` / `ingestBatch(…, overridesForHost)`. */
export function stageOverridesFor(settings: Settings, host: string): StageOverrides {
  return { ...(instanceForHost(settings, host)?.stageMap ?? {}) };
}

/** Default flow points (DESIGN.md): Zendesk starts at creation, Jira at first `active`; done at `done`. */
export function flowPointsFor(settings: Settings, host: string, tool: Instance['tool']): { commitment: FlowPoint; done: FlowPoint } {
  const inst = instanceForHost(settings, host);
  const commitment: FlowPoint = inst?.commitmentPoint ?? (tool === 'zendesk' ? { kind: 'created' } : { kind: 'stage', stage: 'active' });
  return { commitment, done: inst?.donePoint ?? { kind: 'stage', stage: 'done' } };
}

/** The time zone weekly snapshots use: the configured one, else the browser's. */
export function snapshotTimeZone(settings: Settings): string {
  return settings.snapshots.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

/** The configured SLA policy for a ticket's priority on a host, instance-specific first. */
export function slaPolicyFor(settings: Settings, host: string, priority: string | null): SlaPolicy | undefined {
  if (!priority) return undefined;
  const p = priority.trim().toLowerCase();
  const inst = instanceForHost(settings, host);
  const matching = settings.sla.policies.filter((x) => x.priority.trim().toLowerCase() === p);
  return matching.find((x) => inst && x.instanceId === inst.id) ?? matching.find((x) => x.instanceId === undefined);
}
