/**
 * The few statistics the harness reports: percentiles of latency samples within a run, and
 * min/median/max of a figure across repeated runs (one run is an anecdote; three show the spread).
 */

/** Nearest-rank percentile of unsorted samples; NaN when there are none. */
export const percentile = (samples: ArrayLike<number>, p: number): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = Float64Array.from(samples).sort()
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export interface Spread {
  min: number
  median: number
  max: number
}

/** min/median/max of the values of one figure over repeated runs (median of an even count: the mean of the two middle ones). */
export const spread = (values: readonly number[]): Spread => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN }
  const mid = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! }
}
