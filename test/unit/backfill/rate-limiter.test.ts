import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { RateLimiter, type Clock } from '../../../lib/backfill/rate-limiter';

/** A hand-driven clock: sleeping advances time at once, so runs are deterministic and fast. */
function manualClock(start = 1_000_000): Clock & { t: number } {
  const c = {
    t: start,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += Math.max(0, ms);
    },
  };
  return c;
}

/** Largest number of grants inside any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0; i < times.length; i++) {
    let n = 0;
    for (let j = i; j < times.length && times[j] < times[i] + windowMs; j++) n++;
    max = Math.max(max, n);
  }
  return max;
}

describe('RateLimiter', () => {
  it('grants the budget at once, then waits for the window to slide', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ perWindow: 3, clock });
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      await limiter.acquire();
      times.push(clock.now() - 1_000_000);
    }
    expect(times).toEqual([0, 0, 0, 60_000, 60_000, 60_000, 120_000]);
  });

  it('never exceeds the budget in any window, whatever the arrival pattern (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10 }), fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 60 }), async (budget, gaps) => {
        const clock = manualClock();
        const limiter = new RateLimiter({ perWindow: budget, clock });
        const times: number[] = [];
        for (const gap of gaps) {
          clock.t += gap;
          await limiter.acquire();
          times.push(clock.now());
        }
        expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(budget);
      }),
      { numRuns: 100 },
    );
  });

  it('serves concurrent waiters in order without exceeding the budget (fake timers)', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = new RateLimiter({ perWindow: 2 });
      const granted: number[] = [];
      const all = Array.from({ length: 5 }, (_, i) => limiter.acquire().then(() => granted.push(i)));
      const at: number[] = [];
      await vi.advanceTimersByTimeAsync(0);
      at.push(granted.length);
      await vi.advanceTimersByTimeAsync(59_999);
      at.push(granted.length);
      await vi.advanceTimersByTimeAsync(1);
      at.push(granted.length);
      await vi.advanceTimersByTimeAsync(60_000);
      at.push(granted.length);
      await Promise.all(all);
      expect(at).toEqual([2, 2, 4, 5]);
      expect(granted).toEqual([0, 1, 2, 3, 4]); // FIFO
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads a changed budget at once and holds everything while paused', async () => {
    const clock = manualClock(0);
    let budget = 1;
    const limiter = new RateLimiter({ perWindow: () => budget, clock });
    await limiter.acquire();
    expect(limiter.delayAt(clock.now())).toBe(60_000);
    budget = 5;
    expect(limiter.delayAt(clock.now())).toBe(0);
    limiter.pauseUntil(30_000);
    limiter.pauseUntil(10_000); // never shortens a pause
    expect(limiter.delayAt(clock.now())).toBe(30_000);
    await limiter.acquire();
    expect(clock.now()).toBe(30_000);
  });
});

describe('RateLimiter with the system clock', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());
  it('uses setTimeout for waiting', async () => {
    const limiter = new RateLimiter({ perWindow: 1, windowMs: 1000 });
    await limiter.acquire();
    let done = false;
    void limiter.acquire().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});
