import { describe, expect, it } from 'vitest';
import { DRIFT_MS, STALE_MS, dashboardNeedsRefresh } from '../../../lib/queries/stored-dashboard';

const NOW = Date.UTC(2026, 10, 24, 9);
const stored = (ageMs: number, me: string | null = 'Ana Lima') => ({ computedAt: NOW - ageMs, data: { me } });

describe('when the popup asks for a fresh dashboard', () => {
  it('asks when nothing is stored, or it was computed for someone else', () => {
    expect(dashboardNeedsRefresh(null, { now: NOW, me: 'Ana Lima' })).toBe(true);
    expect(dashboardNeedsRefresh(stored(1000, 'Ben Okafor'), { now: NOW, me: 'Ana Lima', lastSeenAt: NOW - 5000 })).toBe(true);
  });

  it('does not recompute a year of history just because minutes passed with nothing new seen', () => {
    const quiet = { now: NOW, me: 'Ana Lima', lastSeenAt: NOW - STALE_MS * 3 };
    expect(dashboardNeedsRefresh(stored(STALE_MS * 2), quiet)).toBe(false);
  });

  it('asks once something was seen after the computation and it is over two minutes old', () => {
    expect(dashboardNeedsRefresh(stored(STALE_MS + 1), { now: NOW, me: 'Ana Lima', lastSeenAt: NOW - 1000 })).toBe(true);
    // Fresh enough: the background's own debounced recompute will follow the new sightings.
    expect(dashboardNeedsRefresh(stored(STALE_MS - 1), { now: NOW, me: 'Ana Lima', lastSeenAt: NOW - 1000 })).toBe(false);
  });

  it('asks when ages and "today" have drifted, even with nothing new seen', () => {
    expect(dashboardNeedsRefresh(stored(DRIFT_MS + 1), { now: NOW, me: 'Ana Lima', lastSeenAt: NOW - DRIFT_MS * 2 })).toBe(true);
  });
});
