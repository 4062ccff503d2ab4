import { describe, expect, it } from 'vitest';
import { buildHistoryIndex, cycleTimes, whereWorkWaits } from '../../../lib/metrics';
import { generateHistory } from '../../../lib/synthetic/history';
import { change, D, T0, ticket } from './builders';

describe('where work waits — worked example', () => {
  const now = T0 + 40 * D;
  // A: started 10 days ago in G1 (ann), still open.
  const a = ticket('1', { createdAt: now - 10 * D, group: 'G1', assignee: 'ann' });
  // B: started 20 days ago in G1 (ann), solved 5 days ago.
  const b = ticket('2', { createdAt: now - 20 * D, group: 'G1', assignee: 'ann', status: 'solved', doneAt: now - 5 * D });
  // C: started 30 days ago in G1 (ann), escalated to G2 (bob) 15 days ago, still open.
  const c = ticket('3', { createdAt: now - 30 * D, group: 'G2', assignee: 'bob' });
  const history = [
    change(b, 'status', 'open', 'solved', now - 5 * D),
    change(c, 'group', 'G1', 'G2', now - 15 * D),
    change(c, 'assignee', 'ann', 'bob', now - 15 * D),
  ];
  const waits = whereWorkWaits(buildHistoryIndex([a, b, c], history), { now, lookbackDays: 28, comparisonDays: 7 });
  const group = (name: string) => waits.byGroup.find((g) => g.name === name)!;

  it('computes WIP, age-weighted WIP and expected wait = WIP ÷ exits per day', () => {
    // System: WIP A + C; one item finished in 28 days → 2 ÷ (1/28) = 56 days.
    expect(waits.system).toMatchObject({ wip: 2, ageWeightedWipMs: 40 * D, expectedWaitDays: 56 });
    // G1: WIP A; exits B (done) and C (escalated) → 1 ÷ (2/28) = 14 days.
    expect(group('G1')).toMatchObject({ wip: 1, ageWeightedWipMs: 10 * D, throughputPerDay: 2 / 28, expectedWaitDays: 14 });
    // G2: C waits, nothing ever left → unbounded, ranked first.
    expect(group('G2')).toMatchObject({ wip: 1, expectedWaitDays: undefined, rank: 1 });
    expect(group('G2').assumptions.flags).toContain('no-throughput');
    expect(waits.byGroup.map((g) => g.name)).toEqual(['G2', 'G1']);
    expect(waits.byStage.find((s) => s.name === 'active')).toMatchObject({ wip: 2, throughputPerDay: 1 / 28 });
    expect(waits.byAssignee.map((p) => [p.name, p.wip, p.throughputPerDay * 28])).toEqual([
      ['bob', 1, 0],
      ['ann', 1, 2],
    ]);
  });

  it('checks the assumptions of Little’s law', () => {
    // G1 at the lookback start held C only (A and B came later): WIP 1 → 1, entries 2 = exits 2.
    expect(group('G1').wipAtLookbackStart).toBe(1);
    expect(group('G1').arrivalsPerDay).toBe(2 / 28);
    expect(group('G1').assumptions).toEqual({ holds: false, flags: ['few-exits'], wipChange: 0, flowImbalance: 0 });
    // The system grew from 1 (C) to 2 → unstable WIP; 3 entries vs 1 exit.
    expect(waits.system.wipAtLookbackStart).toBe(1);
    expect(waits.system.assumptions.flags).toEqual(['wip-unstable', 'arrivals-not-throughput', 'few-exits']);
  });

  it('compares with a week earlier', () => {
    // A week ago G1 held A (3 days old) and B (13 days old); its one exit in (−35d, −7d] was C.
    expect(group('G1').previous).toEqual({ wip: 2, ageWeightedWipMs: 16 * D, throughputPerDay: 1 / 28, expectedWaitDays: 56 });
    expect(group('G1').change).toEqual({ wip: -1, ageWeightedWipMs: -6 * D, expectedWaitDays: -42 });
  });
});

describe("Little's law on a generated stable system", () => {
  it('average WIP ≈ throughput × average cycle time (within 15 %)', () => {
    const now = Date.UTC(2025, 2, 3, 12);
    const history = generateHistory({ seed: 11, tickets: 12_000, days: 140, agents: 20, groups: 4, host: 'acme.zendesk.com', now });
    const index = buildHistoryIndex(history.tickets, history.transitions);
    // Average WIP over the last 28 days, sampled every 6 hours (reconstructed from history).
    let wipSum = 0;
    const samples = 28 * 4;
    for (let k = 0; k < samples; k++) wipSum += whereWorkWaits(index, { now: now - k * 6 * 3_600_000 }).system.wip;
    const averageWip = wipSum / samples;
    const system = whereWorkWaits(index, { now, lookbackDays: 28 }).system;
    const meanCycleDays = cycleTimes(index, { now, windowMs: 28 * D }).meanMs! / D;
    const predicted = system.throughputPerDay * meanCycleDays;
    expect(Math.abs(averageWip - predicted) / predicted).toBeLessThan(0.15);
    expect(system.assumptions.flags).not.toContain('arrivals-not-throughput');
  });
});
