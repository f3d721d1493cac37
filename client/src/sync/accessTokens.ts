/**
 * Capability links on the client: a link `/s/<space>…?token=…` (or `#token=…`) stores its token for
 * that space in localStorage and the token is removed from the address bar at once, so that it does
 * not stay in the history, in bookmarks or in a screenshot. `?token=` is what the relay prints and
 * returns; `#token=` is accepted too, for links that should never reach a server log.
 *
 * The role read from a token is only a hint for the UI (read-only mode): the relay checks the
 * signature and enforces the role on every write.
 */
import { type Role, roleSchema, TOKEN_PARAM } from '@kenlabour/shared/access'

const storageKey = (space: string): string => `kenlabour:token:${space}`

const storage = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export const storedToken = (space: string): string | null => storage()?.getItem(storageKey(space)) ?? null

export const storeToken = (space: string, token: string): void => {
  storage()?.setItem(storageKey(space), token)
}

/** The role a token claims (unverified: for the UI only), or null when it cannot be read. */
export const roleOfToken = (token: string): Role | null => {
  const payload = token.split('.')[1]
  if (!payload) return null
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
    const role = roleSchema.safeParse((JSON.parse(json) as { role?: unknown }).role)
    return role.success ? role.data : null
  } catch {
    return null
  }
}

/** The role this browser holds on `space`: from its stored token, or null (anonymous reader). */
export const roleFor = (space: string): Role | null => {
  const token = storedToken(space)
  return token ? roleOfToken(token) : null
}

const SPACE_PATH = /^\/s\/([a-z0-9][a-z0-9-]{0,62})(?:\/|$)/

/**
 * Stores the token of the current address, if any, and strips it from the address bar. Returns the
 * space it was stored for. Call once at startup, before the router reads the address.
 */
export const captureTokenFromLocation = (
  location: Pick<Location, 'pathname' | 'search' | 'hash'>,
  replaceUrl: (url: string) => void,
): string | null => {
  const space = SPACE_PATH.exec(location.pathname)?.[1]
  const search = new URLSearchParams(location.search)
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''))
  const token = search.get(TOKEN_PARAM) ?? hash.get(TOKEN_PARAM)
  if (!token) return null
  search.delete(TOKEN_PARAM)
  hash.delete(TOKEN_PARAM)
  const rest = `${search.size > 0 ? `?${search}` : ''}${hash.size > 0 ? `#${hash}` : ''}`
  replaceUrl(`${location.pathname}${rest}`)
  if (!space) return null
  storeToken(space, token)
  return space
}

/** `url` with the space's stored token as `?token=` (for the HTTP API); unchanged without one. */
export const withToken = (url: string, space: string): string => {
  const token = storedToken(space)
  if (!token) return url
  return `${url}${url.includes('?') ? '&' : '?'}${TOKEN_PARAM}=${encodeURIComponent(token)}`
}
