/**
 * Time source for the backfill: injectable so tests drive it with fake timers or by hand.
 * `sleep` must resolve after `ms` of this clock's time.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

export interface RateLimiterOptions {
  /** Requests allowed in any window; a function so a settings change applies at once. */
  perWindow: number | (() => number);
  /** Window length, 60 s by default (the budget is "per minute"). */
  windowMs?: number;
  clock?: Clock;
}

/**
 * Sliding-window limiter: at most `perWindow` grants in any `windowMs` span, granted in FIFO
 * order. A sliding window (not a token bucket) because the host's budget is per account and per
 * minute: a bucket refilled continuously could burst past it at a minute boundary.
 * `pauseUntil` stops all grants (a 429 from the host applies to the whole account, not one URL).
 */
export class RateLimiter {
  private granted: number[] = [];
  private pausedUntil = 0;
  private tail: Promise<void> = Promise.resolve();
  private readonly windowMs: number;
  private readonly clock: Clock;

  constructor(private readonly options: RateLimiterOptions) {
    this.windowMs = options.windowMs ?? 60_000;
    this.clock = options.clock ?? systemClock;
  }

  get budget(): number {
    const raw = typeof this.options.perWindow === 'function' ? this.options.perWindow() : this.options.perWindow;
    return Math.max(1, Math.floor(raw));
  }

  /** Grants made within the current window (for tests and diagnostics). */
  inWindow(now = this.clock.now()): number {
    return this.granted.filter((t) => t > now - this.windowMs).length;
  }

  /** Holds every grant until `at` (epoch ms of this clock). Never shortens an existing pause. */
  pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
  }

  /** Resolves when one request may be sent; the grant is recorded at that moment. */
  acquire(): Promise<void> {
    // Chained so waiters are served one at a time, in order: no two see the same free slot.
    const turn = this.tail.then(() => this.waitForSlot());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Pure: how long to wait at `now` before the next grant (0 = may send now). */
  delayAt(now: number): number {
    if (this.pausedUntil > now) return this.pausedUntil - now;
    const recent = this.granted.filter((t) => t > now - this.windowMs);
    if (recent.length < this.budget) return 0;
    // The slot frees when the oldest grant that keeps us at the budget leaves the window.
    return recent[recent.length - this.budget] + this.windowMs - now;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const delay = this.delayAt(now);
      if (delay <= 0) {
        this.granted = this.granted.filter((t) => t > now - this.windowMs);
        this.granted.push(now);
        return;
      }
      await this.clock.sleep(delay);
    }
  }
}
