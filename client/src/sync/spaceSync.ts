/**
 * Whole-space sync: after one online visit every fiche of a space is on the device, not only the
 * ones opened (relay/PROTOCOL.md, "Bulk sync"). Two steps:
 * 1. `GET /api/spaces/<space>/changes?since=<cursor>` lists the documents changed since the last
 *    sync (every document the first time);
 * 2. `POST /api/spaces/<space>/sync` with the device's state vector of just those documents; the
 *    relay answers with only what the device lacks, a page at a time.
 * So reconnecting after a day offline costs two requests when little changed, and bytes in
 * proportion to what changed, in both directions, whatever the size of the space.
 *
 * Only downloads. Documents changed on this device go up through their own websocket: `docStore`
 * keeps them open until they sync (`pending.ts`), so the relay's single write path (validate, store,
 * catalog, broadcast, acknowledge) handles them, and there are never more of them than the fiches
 * someone edited here.
 *
 * Where documents live is behind `LocalDocs` (IndexedDB in the browser: `localDocs.ts`; Y.Docs in
 * memory in tests and benchmarks).
 */
import {
  BULK_MAX_DOCS,
  type BulkDoc,
  bulkAnswerSchema,
  changesAnswerSchema,
} from '@kenlabour/shared/bulkSync'
import { fromBase64, toBase64 } from 'lib0/buffer'

/** The device's copy of a space's documents, as whole-space sync needs it. */
export interface LocalDocs {
  /** Ids of the documents of `space` held here. */
  list(space: string): Promise<string[]>
  /** `Y.encodeStateVector` of the local copy (empty array when there is none). */
  stateVector(space: string, id: string): Promise<Uint8Array>
  /** Stores an update from the relay (already merged with whatever is here, or appended). */
  apply(space: string, id: string, update: Uint8Array): Promise<void>
  /** The relay's version of each document at the last sync (see `@kenlabour/shared/bulkSync`). */
  versions(space: string): Record<string, string>
  saveVersions(space: string, versions: Record<string, string>): void
  /** The relay's changes cursor after the last complete sync, if any. */
  changesCursor(space: string): string | null
  saveChangesCursor(space: string, cursor: string | null): void
}

export interface SpaceSyncResult {
  /** Documents that received something from the relay. */
  readonly changed: string[]
  /** Of those, the ones this device already held: changed elsewhere since. */
  readonly updated: string[]
  readonly unchanged: number
  readonly requests: number
  /** Bytes of request and answer bodies. */
  readonly bytesSent: number
  readonly bytesReceived: number
}

export class SpaceSyncError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message)
  }
}

/** The state vector of an empty document, base64. */
const NOTHING = toBase64(new Uint8Array([0]))

/** At most this many pages per sync: a safety stop should the relay keep answering `next`. */
const MAX_PAGES = 1_000

/**
 * Brings every document of `space` up to date from the relay at `httpOrigin`. Throws
 * `SpaceSyncError` when the relay cannot be reached or refuses; what was stored before stays.
 */
export const syncSpace = async (
  httpOrigin: string,
  space: string,
  local: LocalDocs,
  fetchImpl: typeof fetch = fetch,
  /** The space's access token (sent as `Authorization: Bearer`), if the device has one. */
  token: string | null = null,
): Promise<SpaceSyncResult> => {
  const base = `${httpOrigin}/api/spaces/${encodeURIComponent(space)}`
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  let requests = 0
  let bytesSent = 0
  let bytesReceived = 0
  /** One request; its body text, or a `SpaceSyncError` (`null` for 410: the cursor is unknown). */
  const call = async (url: string, init: RequestInit, accept410 = false): Promise<string | null> => {
    let response: Response
    try {
      response = await fetchImpl(url, { ...init, headers: { ...headers, ...init.headers } })
    } catch (error) {
      throw new SpaceSyncError(`relay unreachable: ${(error as Error).message}`, null)
    }
    requests++
    bytesSent += url.length + (typeof init.body === 'string' ? init.body.length : 0)
    const text = await response.text()
    bytesReceived += text.length
    if (accept410 && response.status === 410) return null
    if (!response.ok) throw new SpaceSyncError(`relay answered ${response.status}: ${text}`, response.status)
    return text
  }
  const listChanges = async (since: string | null) => {
    const query = since === null ? '' : `?since=${encodeURIComponent(since)}`
    const text = await call(`${base}/changes${query}`, { method: 'GET' }, since !== null)
    return text === null ? null : changesAnswerSchema.parse(JSON.parse(text))
  }

  const ids = await local.list(space)
  const known = local.versions(space)
  const versions = { ...known }
  /** The local state vector of each document held here; documents without content are absent. */
  const held = new Map<string, Uint8Array>()
  for (const id of ids) {
    const sv = await local.stateVector(space, id)
    if (sv.length > 1) held.set(id, sv)
  }
  // A document synced before but gone from this device (storage cleared) needs the full listing.
  const lostSome = Object.keys(known).some((id) => !held.has(id))
  const cursor = lostSome ? null : local.changesCursor(space)
  const listing = (await listChanges(cursor)) ?? (await listChanges(null))!

  const docs: BulkDoc[] = listing.changed.map((id) => {
    const sv = held.get(id)
    if (!sv) return { id, sv: NOTHING }
    const v = known[id]
    return v === undefined ? { id, sv: toBase64(sv) } : { id, sv: toBase64(sv), v }
  })
  const changed: string[] = []
  let unchanged = 0
  for (let start = 0; start < docs.length; start += BULK_MAX_DOCS) {
    const chunk = docs.slice(start, start + BULK_MAX_DOCS)
    let page: string | undefined
    for (let n = 0; n < MAX_PAGES; n++) {
      const body = JSON.stringify({
        docs: chunk,
        all: false,
        ...(page === undefined ? {} : { cursor: page }),
      })
      const text = (await call(`${base}/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }))!
      const answer = bulkAnswerSchema.parse(JSON.parse(text))
      for (const doc of answer.docs) {
        await local.apply(space, doc.id, fromBase64(doc.update))
        versions[doc.id] = doc.v
        changed.push(doc.id)
      }
      unchanged += answer.unchanged
      // Saved per page: an interrupted sync resumes where it stopped.
      local.saveVersions(space, versions)
      if (answer.next === null) break
      page = answer.next
    }
  }
  // Only now: had the sync stopped midway, the next one must list the same changes again.
  local.saveChangesCursor(space, listing.changes)
  const updated = changed.filter((id) => held.has(id))
  return { changed, updated, unchanged, requests, bytesSent, bytesReceived }
}
