import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  coefficientOfVariation,
  percentileOfSorted,
  percentileRank,
  sortedValues,
  standardPercentiles,
} from '../../../lib/metrics';

describe('percentiles (linear interpolation between closest ranks)', () => {
  it('works the textbook example', () => {
    const sorted = sortedValues([4, 1, 3, 2]);
    // rank h = (n−1)·p: P50 → 1.5 → 2 + 0.5·(3−2); P85 → 2.55 → 3 + 0.55·(4−3)
    expect(percentileOfSorted(sorted, 50)).toBe(2.5);
    expect(percentileOfSorted(sorted, 85)).toBeCloseTo(3.55, 10);
    expect(standardPercentiles(sorted)).toEqual({ count: 4, p50: 2.5, p70: 3.1, p85: expect.closeTo(3.55, 10), p95: expect.closeTo(3.85, 10) });
    expect(standardPercentiles([])).toBeUndefined();
  });

  it('ranks a value as the share of the sample at or below it', () => {
    const sorted = sortedValues([10, 20, 30, 40]);
    expect(percentileRank(sorted, 5)).toBe(0);
    expect(percentileRank(sorted, 30)).toBe(75);
    expect(percentileRank(sorted, 35)).toBe(75);
    expect(percentileRank(sorted, 99)).toBe(100);
    expect(percentileRank(new Float64Array(0), 1)).toBeUndefined();
  });

  it('computes the coefficient of variation (population)', () => {
    // mean 5, population standard deviation 2
    expect(coefficientOfVariation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(0.4, 12);
    expect(coefficientOfVariation([0, 0])).toBeUndefined();
  });

  it('is monotone in p and bounded by the sample (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, a, b) => {
          const sorted = sortedValues(values);
          const [low, high] = a <= b ? [a, b] : [b, a];
          const pLow = percentileOfSorted(sorted, low)!;
          const pHigh = percentileOfSorted(sorted, high)!;
          expect(pLow).toBeLessThanOrEqual(pHigh);
          expect(pLow).toBeGreaterThanOrEqual(sorted[0]);
          expect(pHigh).toBeLessThanOrEqual(sorted[sorted.length - 1]);
          const p = standardPercentiles(sorted)!;
          expect(p.p50 <= p.p70 && p.p70 <= p.p85 && p.p85 <= p.p95).toBe(true);
        },
      ),
    );
  });
});
