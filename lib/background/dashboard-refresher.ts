import type { QueueLensDb, DashboardRow } from '../db/database';
import { readAllInChunks } from '../db/chunked-read';
import { buildHistoryIndex } from '../metrics/history-index';
import { DASHBOARD_SCOPE_ALL, RefreshDashboardRequestSchema, type RefreshDashboardResponse } from '../model/dashboard-messages';
import { buildDashboardData, overridesForScope } from '../queries/dashboard-data';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';

/**
 * Precomputes the popup's dashboards in the background, so the popup reads one small row per
 * scope and never loads transitions (DESIGN.md budget: numbers on screen ≤ 150 ms after open
 * with a year of team history).
 *
 * One run loads the history once, builds one index and computes every scope from it: `*` and
 * each host. Runs are debounced after ingest (`schedule`, default 30 s, and at most `maxWaitMs`
 * late under continuous ingest) and run at once on request (`refreshNow`). Runs never overlap: a
 * request during a run waits for it and runs again only if anything was ingested meanwhile.
 */
export interface RefresherOptions {
  loadSettings?: () => Promise<Settings>;
  now?: () => number;
  delayMs?: number;
  maxWaitMs?: number;
  onError?: (error: unknown) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class DashboardRefresher {
  private timer: unknown;
  private firstScheduledAt: number | undefined;
  private running: Promise<string[]> | undefined;
  private dirty = false;
  readonly delayMs: number;
  readonly maxWaitMs: number;

  constructor(
    private readonly database: QueueLensDb,
    private readonly options: RefresherOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 30_000;
    this.maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
  }

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** After an ingest: recompute later, once, for everything that arrived meanwhile. */
  schedule(): void {
    const now = this.now;
    this.firstScheduledAt ??= now;
    if (this.running) this.dirty = true;
    const clear = this.options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    const set = this.options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    if (this.timer !== undefined) clear(this.timer);
    const wait = Math.max(0, Math.min(this.delayMs, this.firstScheduledAt + this.maxWaitMs - now));
    this.timer = set(() => {
      this.timer = undefined;
      void this.refreshNow().catch((e) => this.options.onError?.(e));
    }, wait);
  }

  /** Computes and stores every scope now (or joins the run in progress); returns the scopes written. */
  async refreshNow(): Promise<string[]> {
    if (this.running) {
      const joined = await this.running.catch(() => undefined);
      if (this.running) return this.running;
      // The run just finished saw everything but what was ingested during it: answer with it
      // unless something was (a full recompute takes seconds; popups ask on every open).
      if (joined && !this.dirty) return joined;
    }
    this.firstScheduledAt = undefined;
    this.dirty = false;
    const run = this.computeAll().finally(() => {
      this.running = undefined;
    });
    this.running = run;
    const scopes = await run;
    if (this.dirty) this.schedule();
    return scopes;
  }

  private async computeAll(): Promise<string[]> {
    const settings = await (this.options.loadSettings ?? (async () => DEFAULT_SETTINGS))();
    const db = this.database;
    const { tickets, transitions, rollups } = await db.transaction('r', [db.tickets, db.transitions, db.rollups], async () => ({
      tickets: await readAllInChunks(db.tickets),
      transitions: await readAllInChunks(db.transitions),
      rollups: await readAllInChunks(db.rollups),
    }));
    const now = this.now;
    const hosts = [...new Set(tickets.map((t) => t.host))].sort();
    const scopes = [DASHBOARD_SCOPE_ALL, ...hosts];
    // One index for every scope; per-host stage overrides apply to that host's tickets only.
    const overrides = overridesForScope(settings, DASHBOARD_SCOPE_ALL);
    const index = buildHistoryIndex(tickets, transitions, overrides);
    const rows: DashboardRow[] = scopes.map((scope) => ({
      id: scope,
      computedAt: now,
      data: buildDashboardData(index, rollups, settings, scope, now),
    }));
    await db.transaction('rw', db.dashboards, async () => {
      // Scopes whose host has gone (retention, a removed instance) are dropped.
      const stale = (await db.dashboards.toCollection().primaryKeys()).filter((id) => !scopes.includes(id));
      if (stale.length) await db.dashboards.bulkDelete(stale);
      await db.dashboards.bulkPut(rows);
    });
    return scopes;
  }
}

const shared = new WeakMap<QueueLensDb, DashboardRefresher>();

/** The one refresher of a database (the background's wiring and the message handler share it). */
export function dashboardRefresherFor(database: QueueLensDb, options?: RefresherOptions): DashboardRefresher {
  let refresher = shared.get(database);
  if (!refresher) {
    refresher = new DashboardRefresher(database, options);
    shared.set(database, refresher);
  }
  return refresher;
}

/** True for a `refresh-dashboard` message (checked before the router's RequestSchema). */
export function isDashboardRequest(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'refresh-dashboard';
}

/**
 * Handles `{type: 'refresh-dashboard', scope}` (the sender is checked by the router before).
 * Validates with zod, computes every scope, answers with the requested scope's time.
 */
export async function handleDashboardRequest(
  database: QueueLensDb,
  message: unknown,
  options?: RefresherOptions,
): Promise<RefreshDashboardResponse | { ok: false; error: string }> {
  const parsed = RefreshDashboardRequestSchema.safeParse(message);
  if (!parsed.success) return { ok: false, error: `message refused: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const scopes = await dashboardRefresherFor(database, options).refreshNow();
  const row = await database.dashboards.get(parsed.data.scope);
  return { ok: true, scope: parsed.data.scope, computedAt: row?.computedAt ?? 0, scopes };
}
