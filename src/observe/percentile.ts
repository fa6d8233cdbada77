/**
 * Nearest-rank percentile: the smallest value such that at least p% of the values are at or below it,
 * i.e. sorted[ceil(p/100 × n) − 1]; always one of the observed values. Undefined for no values.
 * https://en.wikipedia.org/wiki/Percentile#The_nearest-rank_method
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
