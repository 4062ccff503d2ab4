import type { QueueLensDb } from '../db/database';
import { isQuotaError } from '../db/retention';
import { appendToInbox, foldInboxRows, oldestInboxRows } from '../ingest/inbox';
import { foldObservations, inTimeOrder, storedStates, type IngestResult } from '../ingest/ingest';
import type { Observation, StageOverrides, TicketState } from '../model';

const DEFAULTS = {
  overridesForHost: (() => ({})) as (host: string) => StageOverrides,
  quietMs: 250,
  foldNowAtTickets: 20_000,
  observationsPerFold: 1_000,
  onError: (() => undefined) as (error: unknown) => void,
};

export interface InboxFolderOptions {
  overridesForHost?: (host: string) => StageOverrides;
  /** Folding waits this long after the last accepted batch, so a burst is folded in few, large transactions. */
  quietMs?: number;
  /** …unless this many tickets await folding: the previews kept in memory stay bounded. */
  foldNowAtTickets?: number;
  /** Observations per fold transaction: a popup read waits behind at most one. */
  observationsPerFold?: number;
  /** Storage full while folding: prune, then the fold is tried once more (the rows stay until it succeeds). */
  recoverFromQuota?: (observations: Observation[]) => Promise<void>;
  onFolded?: (result: IngestResult) => void;
  onError?: (error: unknown) => void;
}

/**
 * The background's side of ingest. `accept` writes a batch to the inbox (one put) and answers
 * with each named ticket's state as it will be once folded — computed by the same pure fold, over
 * the stored state or the latest preview of a ticket not folded yet. Folding runs once batches
 * stop arriving for `quietMs`, and at start for rows a stopped worker left behind.
 */
export class InboxFolder {
  /** Tickets changed by accepted batches not folded yet: their state, and the newest batch that changed it. */
  private previews = new Map<string, { state: TicketState; seq: number }>();
  private accepting: Promise<unknown> = Promise.resolve();
  private draining: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly ready: Promise<void>;
  private readonly options: typeof DEFAULTS & InboxFolderOptions;

  constructor(
    private database: QueueLensDb,
    options: InboxFolderOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    // Previews start from stored state: fold whatever a stopped worker accepted first.
    this.ready = this.drain();
  }

  /** Records a batch durably, then previews it. Accepts run one at a time, so previews build on each other. */
  accept(observations: Observation[]): Promise<IngestResult> {
    const next = this.accepting.then(() => this.acceptNow(observations));
    this.accepting = next.catch(() => undefined);
    return next;
  }

  /** Each ticket's current state, counting batches accepted but not folded yet. */
  async statesOf(keys: string[]): Promise<TicketState[]> {
    await this.ready;
    const missing = keys.filter((k) => !this.previews.has(k));
    const stored = missing.length ? await storedStates(this.database.tickets, missing) : new Map<string, TicketState>();
    return keys.map((k) => this.previews.get(k)?.state ?? stored.get(k)).filter((s): s is TicketState => s !== undefined);
  }

  /** Folds everything accepted so far (tests, and readers that must see the latest batch). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    await this.accepting;
    await this.drain();
  }

  /**
   * History changed under the folder (the options page purged it): fold whatever waits, then
   * forget every preview, so the next answer starts from what is stored. Runs in turn with accepts.
   */
  resync(): Promise<void> {
    const next = this.accepting.then(async () => {
      clearTimeout(this.timer);
      await this.drain();
      this.previews.clear();
    });
    this.accepting = next.catch(() => undefined);
    return next;
  }

  private async acceptNow(observations: Observation[]): Promise<IngestResult> {
    await this.ready;
    const seq = await appendToInbox(this.database, observations, Date.now());
    const ordered = inTimeOrder(observations);
    const keys = [...new Set(ordered.map((o) => o.key))];
    const states = new Map((await this.statesOf(keys)).map((s) => [s.key, s]));
    const { changed, transitions } = foldObservations(states, ordered, this.options.overridesForHost);
    for (const [key, state] of changed) this.previews.set(key, { state, seq });
    this.schedule();
    return { stored: changed.size, transitions: transitions.length, states: keys.map((k) => states.get(k)!).filter(Boolean) };
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.previews.size >= this.options.foldNowAtTickets) void this.drain();
    else this.timer = setTimeout(() => void this.drain(), this.options.quietMs);
  }

  /** Folds until the inbox is empty; one drain at a time (a second caller shares it). */
  private drain(): Promise<void> {
    this.draining ??= (async () => {
      try {
        while (await this.foldOnce());
      } catch (error) {
        // The rows stay in the inbox: the next accepted batch schedules another try.
        this.options.onError(error);
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  private async foldOnce(): Promise<boolean> {
    const rows = await oldestInboxRows(this.database, this.options.observationsPerFold);
    if (!rows.length) return false;
    let result: IngestResult;
    try {
      result = await foldInboxRows(this.database, rows, this.options.overridesForHost);
    } catch (error) {
      if (!isQuotaError(error) || !this.options.recoverFromQuota) throw error;
      await this.options.recoverFromQuota(rows.flatMap((r) => r.observations));
      result = await foldInboxRows(this.database, rows, this.options.overridesForHost);
    }
    const lastSeq = rows.at(-1)!.seq!;
    for (const [key, preview] of this.previews) if (preview.seq <= lastSeq) this.previews.delete(key);
    this.options.onFolded?.(result);
    return true;
  }
}
