/** Counts open connections per client address, to refuse one address opening too many. */
export interface IpLimiter {
  /** Counts a new connection; false (and nothing counted) when `ip` is at the limit. */
  tryAcquire(ip: string): boolean
  release(ip: string): void
}

export const createIpLimiter = (max: number): IpLimiter => {
  const open = new Map<string, number>()
  return {
    tryAcquire: (ip) => {
      const count = open.get(ip) ?? 0
      if (count >= max) return false
      open.set(ip, count + 1)
      return true
    },
    release: (ip) => {
      const count = (open.get(ip) ?? 1) - 1
      if (count <= 0) open.delete(ip)
      else open.set(ip, count)
    },
  }
}
