import { BackfillClient, BackfillError, type FetchLike } from './client';
import { RateLimiter, systemClock, type Clock } from './rate-limiter';
import type { Settings } from '../settings/schema';

/**
 * The work queue of an adapter's API backfill (background only: it reaches zod through the
 * client). Ids wait here until a round takes them; a round settles each id it took as written,
 * missing or failed. Failures are retried when a later attempt may pass (network, 429, 5xx,
 * backfill paused), else given up until `recentMs` passes, so a broken ticket never loops.
 */
export interface RoundContext {
  /** Ids whose history reached the writer. */
  written(ids: readonly string[]): void;
  /** Ids the host did not return (deleted, or not visible to this user). */
  missing(ids: readonly string[]): void;
  failed(ids: readonly string[], error: unknown): void;
  stopped(): boolean;
}

export interface BackfillQueueOptions {
  clock: Clock;
  /** Read live: settings.backfill.enabled. */
  enabled: () => boolean;
  /** Ids per round (the host's batch endpoint size). */
  batchSize: number;
  /** Only well-formed ids are queued (they end up in URLs). */
  accept: (id: string) => boolean;
  round: (batch: string[], context: RoundContext) => Promise<void>;
  /** A ticket settled within this span is not fetched again. Default 6 h. */
  recentMs?: number;
  /** Wait before retrying after a transient failure. Default 60 s. */
  retryDelayMs?: number;
  /** Attempts per id before it is given up (until `recentMs` passes). Default 3. */
  maxAttempts?: number;
  onError?: (error: unknown, ids: string[]) => void;
}

export interface QueueCounts {
  queued: number;
  written: number;
  missing: number;
  failed: number;
}

export class BackfillQueue {
  /** Insertion-ordered ids, each with the time it may be tried. */
  private pending = new Map<string, number>();
  private inFlight = new Set<string>();
  private settledAt = new Map<string, number>();
  private attempts = new Map<string, number>();
  private counts = { written: 0, missing: 0, failed: 0 };
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private options: BackfillQueueOptions) {}

  enqueue(ids: readonly string[]): void {
    if (this.stopped || !this.options.enabled()) return;
    for (const id of ids) {
      if (!this.options.accept(id) || this.pending.has(id) || this.inFlight.has(id) || this.isRecent(id)) continue;
      this.pending.set(id, this.options.clock.now());
    }
    if (this.pending.size) this.running ??= this.pump().finally(() => (this.running = undefined));
  }

  /** A backfill done earlier (e.g. kept as `backfilledAt`): not fetched again within `recentMs`. */
  markBackfilled(id: string, at: number): void {
    const known = this.settledAt.get(id);
    if (known === undefined || at > known) this.settledAt.set(id, at);
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    this.stopped = true;
  }

  stats(): QueueCounts {
    return { queued: this.pending.size + this.inFlight.size, ...this.counts };
  }

  private isRecent(id: string): boolean {
    const at = this.settledAt.get(id);
    return at !== undefined && this.options.clock.now() - at < (this.options.recentMs ?? 6 * 3_600_000);
  }

  private settle(ids: readonly string[]): void {
    for (const id of ids) {
      this.settledAt.set(id, this.options.clock.now());
      this.attempts.delete(id);
      this.inFlight.delete(id);
    }
  }

  private fail(ids: readonly string[], error: unknown): void {
    if (!ids.length) return;
    this.options.onError?.(error, [...ids]);
    const paused = error instanceof BackfillError && error.kind === 'disabled';
    const transient = error instanceof BackfillError && error.transient;
    for (const id of ids) {
      this.inFlight.delete(id);
      // The user paused backfill: not an attempt; kept for when it is switched back on.
      if (paused) {
        this.pending.set(id, this.options.clock.now());
        continue;
      }
      const n = (this.attempts.get(id) ?? 0) + 1;
      this.attempts.set(id, n);
      if (transient && n < (this.options.maxAttempts ?? 3)) {
        this.pending.set(id, this.options.clock.now() + (this.options.retryDelayMs ?? 60_000));
      } else {
        this.counts.failed += 1;
        this.settle([id]);
      }
    }
  }

  private async pump(): Promise<void> {
    const { clock } = this.options;
    while (!this.stopped && this.pending.size && this.options.enabled()) {
      const now = clock.now();
      const ready = [...this.pending].filter(([, at]) => at <= now).map(([id]) => id);
      if (!ready.length) {
        await clock.sleep(Math.min(...this.pending.values()) - now);
        continue;
      }
      const batch = ready.slice(0, this.options.batchSize);
      for (const id of batch) {
        this.pending.delete(id);
        this.inFlight.add(id);
      }
      const context: RoundContext = {
        written: (ids) => {
          this.counts.written += ids.length;
          this.settle(ids);
        },
        missing: (ids) => {
          this.counts.missing += ids.length;
          this.settle(ids);
        },
        failed: (ids, error) => this.fail(ids, error),
        stopped: () => this.stopped,
      };
      try {
        await this.options.round(batch, context);
      } catch (error) {
        this.fail(batch.filter((id) => this.inFlight.has(id)), error);
      }
      // A round that returned without settling an id (stopped midway): it is tried again later.
      const unsettled = batch.filter((id) => this.inFlight.has(id));
      for (const id of unsettled) this.inFlight.delete(id);
      if (!this.stopped) for (const id of unsettled) this.pending.set(id, clock.now());
    }
  }
}

/** How a round turns the items its host returned into written results, a chunk at a time. */
export interface ChunkSteps<T, F, R> {
  /** Items per writer call. */
  chunkSize: number;
  /** The queued id of an item. */
  id: (item: T) => string;
  /** Everything one item needs (history pages…); throwing fails that item only. */
  fetch: (item: T) => Promise<F>;
  /** Results of a chunk (e.g. names resolved once per chunk). Throwing fails the round's unsettled ids. */
  toResults: (fetched: F[]) => Promise<R[]>;
  /** Hands results on; throwing = not written. */
  write: (results: R[]) => Promise<void>;
}

/**
 * Fetches items one by one and writes them a chunk at a time, so progress is kept even when the
 * budget makes a round take minutes. Backfill switched off midway leaves the rest queued.
 */
export async function writeInChunks<T, F, R>(context: RoundContext, items: readonly T[], steps: ChunkSteps<T, F, R>): Promise<void> {
  for (let i = 0; i < items.length && !context.stopped(); i += steps.chunkSize) {
    const fetched: F[] = [];
    const ids: string[] = [];
    for (const [n, item] of items.slice(i, i + steps.chunkSize).entries()) {
      try {
        fetched.push(await steps.fetch(item));
        ids.push(steps.id(item));
      } catch (error) {
        context.failed([steps.id(item)], error);
        if (error instanceof BackfillError && error.kind === 'disabled') {
          // Everything not yet fetched waits for backfill to be switched on again.
          context.failed(items.slice(i + n + 1).map(steps.id), error);
          return;
        }
      }
    }
    if (!fetched.length) continue;
    const results = await steps.toResults(fetched);
    try {
      await steps.write(results);
      context.written(ids);
    } catch (error) {
      // The write did not land: not lost, queued again like any transient failure.
      context.failed(ids, new BackfillError('network', `writer failed: ${String(error)}`, ''));
    }
  }
}

/** The controls every adapter's backfill exposes, from its queue and client. */
/** What every host's backfill reports: queue counts plus the client's request counts. */
export interface BackfillStats {
  queued: number;
  written: number;
  /** Items the host did not return (deleted, moved, or not visible to this user). */
  missing: number;
  /** Items given up on (invalid payloads, 4xx, repeated transient failures). */
  failed: number;
  requests: number;
  rateLimited: number;
  /** Payloads rejected by a schema. */
  invalid: number;
}

/** The options every host's backfill takes; each adds its own (writer, page limits, API flavour). */
export interface BackfillOptionsBase {
  fetch: FetchLike;
  /** e.g. `acme.zendesk.com` */
  host: string;
  /** Defaults to `https://<host>`. */
  origin?: string;
  /** Read live, so switching backfill off or changing the budget applies at once. */
  settings: Settings['backfill'] | (() => Settings['backfill']);
  clock?: Clock;
  /** An item backfilled (or found gone) within this span is not fetched again. Default 6 h. */
  recentMs?: number;
  /** Items per writer call. Default 10. */
  chunkSize?: number;
  /** Wait before retrying an item after a transient failure. Default 60 s. */
  retryDelayMs?: number;
  /** Attempts per item before it is given up until `recentMs` passes. Default 3. */
  maxAttempts?: number;
  /** Client tuning (cache TTL, retries); tests shorten these. */
  client?: { cacheTtlMs?: number; maxRetries?: number; max429?: number };
  onError?: (error: unknown, ids: string[]) => void;
}

/**
 * The rate-limited, validating client a host's backfill talks through, built the same way for
 * every host: the budget and the on/off switch are read live from settings.
 */
export function backfillClientFor(options: BackfillOptionsBase): { clock: Clock; settings: () => Settings['backfill']; client: BackfillClient } {
  const clock = options.clock ?? systemClock;
  const settings = () => (typeof options.settings === 'function' ? options.settings() : options.settings);
  const limiter = new RateLimiter({ perWindow: () => settings().requestsPerMinute, clock });
  const client = new BackfillClient({
    fetch: options.fetch,
    origin: options.origin ?? `https://${options.host}`,
    limiter,
    clock,
    enabled: () => settings().enabled,
    ...options.client,
  });
  return { clock, settings, client };
}

export function queueControls(queue: BackfillQueue, client: BackfillClient): {
  client: BackfillClient;
  markBackfilled(id: string, at: number): void;
  idle(): Promise<void>;
  stop(): void;
  stats(): BackfillStats;
} {
  return {
    client,
    markBackfilled: (id: string, at: number) => queue.markBackfilled(id, at),
    idle: () => queue.idle(),
    stop: () => queue.stop(),
    stats: () => ({
      ...queue.stats(),
      requests: client.stats.requests,
      rateLimited: client.stats.rateLimited,
      invalid: client.stats.invalid,
    }),
  };
}
