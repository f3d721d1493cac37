/**
 * Maps a WebSocket request path to a document name: `/sync/<space>/<id>` → `<space>/<id>`.
 * The stock y-websocket provider builds its URL as `serverUrl + '/' + roomname`, so a client given
 * `ws://host/sync` and the room `<space>/<id>` lands here unchanged.
 */
import { type DocAddress, parseDocName } from '@kenlabour/shared/names'

export const SYNC_PREFIX = '/sync/'

export type RouteResult = { ok: true; name: string; address: DocAddress } | { ok: false; reason: string }

/** Parses the raw request target (path and query), percent-decoding each segment once. */
export const docNameFromPath = (target: string): RouteResult => {
  const path = target.split('?')[0] ?? ''
  if (!path.startsWith(SYNC_PREFIX)) {
    return { ok: false, reason: 'documents are served at /sync/<space>/<id>' }
  }
  let name: string
  try {
    name = decodeURIComponent(path.slice(SYNC_PREFIX.length))
  } catch {
    return { ok: false, reason: 'document name is not valid percent-encoding' }
  }
  const address = parseDocName(name)
  if (!address) {
    return {
      ok: false,
      reason: `invalid document name ${JSON.stringify(name.slice(0, 60))}: expected <space>/<id>`,
    }
  }
  return { ok: true, name, address }
}
