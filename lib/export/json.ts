import { z } from 'zod';
import { stripTitles, withoutTitle } from '../privacy/titles';
import type { QueueLensDb, SnapshotRow } from '../db/database';
import {
  DailyRollupSchema,
  EpochMsSchema,
  PageReportSchema,
  TicketStateSchema,
  TransitionSchema,
  parseTicketKey,
  rollupId,
  type DailyRollup,
  type Diagnostic,
  type TicketState,
  type Transition,
} from '../model';
import { migrateSettings, type Settings } from '../settings/schema';

/**
 * The JSON export: everything needed to rebuild a QueueLens database elsewhere, or to merge a
 * teammate's history into one's own. Documented in docs/export-schema.md — keep both in step.
 *
 * Versioning: `version` changes only when a reader of the previous version would misread a
 * file (a field removed, renamed or re-meant). Adding an optional field does not bump it.
 * Settings inside carry their own version and are migrated on import.
 */
export const EXPORT_SCHEMA = 'queuelens-export' as const;
export const EXPORT_VERSION = 1 as const;

/** Upper bounds that keep a hostile file from exhausting memory after parsing. */
export const EXPORT_LIMITS = {
  tickets: 500_000,
  transitions: 5_000_000,
  rollups: 200_000,
  snapshots: 20_000,
  diagnostics: 10_000,
} as const;

const HostSchema = z.string().min(1).max(253);
const WeekLabelSchema = z.string().regex(/^\d{4}-W(?:0[1-9]|[1-4]\d|5[0-3])$/, 'ISO week YYYY-Www');

export const SnapshotRowSchema = z.object({
  id: z.string().min(1).max(300),
  host: HostSchema,
  week: WeekLabelSchema,
  takenAt: EpochMsSchema,
  /** Defined by the snapshot writer; carried as-is (already plain JSON). */
  data: z.unknown(),
});

export const DiagnosticSchema = PageReportSchema.extend({ id: z.string().min(1).max(300) });

/** Settings travel as stored and are migrated to the current version on read. */
const EmbeddedSettingsSchema = z.unknown().transform((raw, ctx): Settings => {
  try {
    return migrateSettings(raw);
  } catch (e) {
    const issue = e instanceof z.ZodError ? e.issues[0] : undefined;
    ctx.addIssue({
      code: 'custom',
      path: issue ? issue.path.filter((p): p is string | number => typeof p !== 'symbol') : [],
      message: issue ? issue.message : e instanceof Error ? e.message : String(e),
    });
    return z.NEVER;
  }
});

const count = z.number().int().min(0);

export const ExportV1Schema = z.object({
  schema: z.literal(EXPORT_SCHEMA),
  version: z.literal(EXPORT_VERSION),
  /** ISO 8601 UTC. */
  exportedAt: z.iso.datetime(),
  /** Random id of this export, so provenance can name it even when files are renamed. */
  exportId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'export id'),
  source: z.object({
    app: z.literal('queuelens'),
    extensionVersion: z.string().min(1).max(40),
    /** Hosts whose data the file holds. */
    instances: z.array(HostSchema).max(100),
  }),
  settings: EmbeddedSettingsSchema,
  /** Row counts written by the exporter: a mismatch means the file was cut or edited. */
  counts: z.object({ tickets: count, transitions: count, rollups: count, snapshots: count, diagnostics: count }),
  tickets: z.array(TicketStateSchema).max(EXPORT_LIMITS.tickets),
  transitions: z.array(TransitionSchema).max(EXPORT_LIMITS.transitions),
  rollups: z.array(DailyRollupSchema).max(EXPORT_LIMITS.rollups),
  snapshots: z.array(SnapshotRowSchema).max(EXPORT_LIMITS.snapshots),
  diagnostics: z.array(DiagnosticSchema).max(EXPORT_LIMITS.diagnostics).optional(),
});
export type QueueLensExport = z.infer<typeof ExportV1Schema>;

/** The tables an export carries, as plain arrays. */
export interface ExportTables {
  tickets: TicketState[];
  transitions: Transition[];
  rollups: DailyRollup[];
  snapshots: SnapshotRow[];
  diagnostics?: Diagnostic[];
}

export interface ExportOptions {
  settings: Settings;
  /** `browser.runtime.getManifest().version`. */
  extensionVersion: string;
  now: number;
  /** Only these hosts (an instance export); all hosts when absent. */
  hosts?: string[];
  includeDiagnostics?: boolean;
  /** Fixed in tests; random otherwise. */
  exportId?: string;
}

/**
 * Builds the export object from table contents. Pure. Titles are dropped (from tickets and from
 * any `title` property inside snapshot data) when `settings.privacy.storeTitles` is false.
 */
export function buildExport(tables: ExportTables, opts: ExportOptions): QueueLensExport {
  const hostFilter = opts.hosts ? new Set(opts.hosts.map((h) => h.toLowerCase())) : undefined;
  const keep = (host: string) => !hostFilter || hostFilter.has(host.toLowerCase());
  const storeTitles = opts.settings.privacy.storeTitles;

  const tickets = tables.tickets.filter((t) => keep(t.host)).map((t) => (storeTitles ? t : withoutTitle(t)));
  const transitions = tables.transitions.filter((t) => keep(parseTicketKey(t.key).host));
  const rollups = tables.rollups.filter((r) => keep(r.host));
  // The all-instances snapshot (`*`) belongs to a full export only.
  const snapshots = tables.snapshots
    .filter((s) => (hostFilter ? keep(s.host) : true))
    .map((s) => (storeTitles ? s : { ...s, data: stripTitles(s.data) }));
  const diagnostics = opts.includeDiagnostics ? (tables.diagnostics ?? []).filter((d) => keep(d.host)) : undefined;

  const instances = [
    ...new Set([...tickets.map((t) => t.host), ...rollups.map((r) => r.host), ...snapshots.map((s) => s.host)].filter((h) => h !== '*')),
  ].sort();
  return {
    schema: EXPORT_SCHEMA,
    version: EXPORT_VERSION,
    exportedAt: new Date(opts.now).toISOString(),
    exportId: opts.exportId ?? randomId(),
    source: { app: 'queuelens', extensionVersion: opts.extensionVersion, instances: hostFilter ? [...hostFilter].sort() : instances },
    settings: opts.settings,
    counts: {
      tickets: tickets.length,
      transitions: transitions.length,
      rollups: rollups.length,
      snapshots: snapshots.length,
      diagnostics: diagnostics?.length ?? 0,
    },
    tickets,
    transitions,
    rollups,
    snapshots,
    ...(diagnostics ? { diagnostics } : {}),
  };
}

/** Reads every table in one read transaction (a consistent picture) and builds the export. */
export async function exportDatabase(database: QueueLensDb, opts: ExportOptions): Promise<QueueLensExport> {
  const tables = await database.transaction(
    'r',
    [database.tickets, database.transitions, database.rollups, database.snapshots, database.diagnostics],
    async () => ({
      tickets: await database.tickets.toArray(),
      transitions: await database.transitions.toArray(),
      rollups: await database.rollups.toArray(),
      snapshots: await database.snapshots.toArray(),
      diagnostics: opts.includeDiagnostics ? await database.diagnostics.toArray() : undefined,
    }),
  );
  return buildExport(tables, opts);
}

/** Compact JSON (exports can be large), newline-terminated. */
export const serializeExport = (exp: QueueLensExport): string => `${JSON.stringify(exp)}\n`;

/** The id a snapshot row must have (one per host and week). */
export const snapshotId = (host: string, week: string) => `${host}|${week}`;
export { rollupId };

function randomId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
