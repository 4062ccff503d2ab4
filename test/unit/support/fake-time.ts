import { afterEach, beforeEach, expect, vi } from 'vitest';

/**
 * Fake timers and Date for backfill tests. Only those: fake-indexeddb schedules its own work
 * with setImmediate, which must keep running.
 */
export function useFakeClock(now: number): void {
  beforeEach(() => vi.useFakeTimers({ now, toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());
}

/** Lets a backfill run on fake time until its queue is empty. */
export async function drain(backfill: { idle(): Promise<void> }, maxMs = 3_600_000): Promise<void> {
  let done = false;
  void backfill.idle().then(() => (done = true));
  for (let t = 0; !done && t < maxMs; t += 1000) await vi.advanceTimersByTimeAsync(1000);
  expect(done).toBe(true);
}
