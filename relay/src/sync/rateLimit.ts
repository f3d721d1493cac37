/**
 * A token bucket: `ratePerSecond` tokens flow in continuously up to `burst`; each message takes one.
 * Per connection, so one flooding client is cut off without slowing its room.
 */
export interface RateLimiter {
  /** Takes a token; false when the bucket is empty (the limit is exceeded). */
  take(): boolean
}

export const createRateLimiter = (ratePerSecond: number, burst: number): RateLimiter => {
  let tokens = burst
  let last = performance.now()
  return {
    take: () => {
      const now = performance.now()
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * ratePerSecond)
      last = now
      if (tokens < 1) return false
      tokens--
      return true
    },
  }
}
