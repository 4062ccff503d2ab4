/**
 * Percentiles by linear interpolation between closest ranks (Hyndman–Fan type 7, the rule of
 * spreadsheets' PERCENTILE.INC): P_p of sorted x[0..n-1] is x at rank h = (n-1)·p/100,
 * interpolated between x[floor h] and x[ceil h]. Monotone in p, and equal to a sample when n = 1.
 */
export interface Percentiles {
  count: number;
  p50: number;
  p70: number;
  p85: number;
  p95: number;
}

export const STANDARD_PERCENTILES = [50, 70, 85, 95] as const;

/** Sorted ascending copy as a Float64Array (numeric sort, no comparator allocations). */
export function sortedValues(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values as ArrayLike<number>);
  sorted.sort();
  return sorted;
}

/** P_p of an ascending array; undefined when empty. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  if (p <= 0) return sorted[0];
  if (p >= 100) return sorted[n - 1];
  const rank = ((n - 1) * p) / 100;
  const low = Math.floor(rank);
  const high = Math.min(low + 1, n - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** P50/P70/P85/P95 of an ascending array; undefined when empty. */
export function standardPercentiles(sorted: ArrayLike<number>): Percentiles | undefined {
  if (sorted.length === 0) return undefined;
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50)!,
    p70: percentileOfSorted(sorted, 70)!,
    p85: percentileOfSorted(sorted, 85)!,
    p95: percentileOfSorted(sorted, 95)!,
  };
}

/** How many values are ≤ x (binary search over an ascending array). */
export function countAtMost(sorted: ArrayLike<number>, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= x) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Percentile rank of x: the share (0–100) of the sample at or below x. Undefined without a
 * sample. This is the "pace" of an item whose age is x.
 */
export function percentileRank(sorted: ArrayLike<number>, x: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return (100 * countAtMost(sorted, x)) / sorted.length;
}

export function mean(values: ArrayLike<number>): number | undefined {
  if (values.length === 0) return undefined;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Population standard deviation ÷ mean; undefined when the mean is 0 or there is no sample. */
export function coefficientOfVariation(values: ArrayLike<number>): number | undefined {
  const average = mean(values);
  if (average === undefined || average === 0) return undefined;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - average) ** 2;
  return Math.sqrt(squares / values.length) / average;
}
