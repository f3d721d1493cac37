/**
 * Whole-space sync: after one online visit every fiche of a space is on the device, not only the
 * ones opened. One `POST /api/spaces/<space>/sync` (relay/PROTOCOL.md, "Bulk sync") says what the
 * device holds; the relay answers with only what it lacks, a page at a time. So reconnecting after
 * a day offline costs one or a few requests, and bytes in proportion to what changed.
 *
 * Only downloads. Documents changed on this device go up through their own websocket: `docStore`
 * keeps them open until they sync (`pending.ts`), so the relay's single write path (validate, store,
 * catalog, broadcast, acknowledge) handles them, and there are never more of them than the fiches
 * someone edited here.
 *
 * Where documents live is behind `LocalDocs` (IndexedDB in the browser: `localDocs.ts`; Y.Docs in
 * memory in tests and benchmarks).
 */
import { type BulkDoc, bulkAnswerSchema } from '@kenlabour/shared/bulkSync'
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
  const ids = await local.list(space)
  const known = local.versions(space)
  const docs: BulkDoc[] = []
  const held = new Set<string>()
  for (const id of ids) {
    const sv = await local.stateVector(space, id)
    if (sv.length > 1) held.add(id)
    // A version without content (storage cleared) must not make the relay skip the document.
    const v = sv.length > 1 ? known[id] : undefined
    docs.push(v === undefined ? { id, sv: toBase64(sv) } : { id, sv: toBase64(sv), v })
  }

  const versions = { ...known }
  const changed: string[] = []
  let unchanged = 0
  let requests = 0
  let bytesSent = 0
  let bytesReceived = 0
  let cursor: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = JSON.stringify(cursor === undefined ? { docs, all: true } : { docs, all: true, cursor })
    let response: Response
    try {
      response = await fetchImpl(`${httpOrigin}/api/spaces/${encodeURIComponent(space)}/sync`, {
        method: 'POST',
        headers: token
          ? { 'content-type': 'application/json', authorization: `Bearer ${token}` }
          : { 'content-type': 'application/json' },
        body,
      })
    } catch (error) {
      throw new SpaceSyncError(`relay unreachable: ${(error as Error).message}`, null)
    }
    requests++
    bytesSent += body.length
    const text = await response.text()
    bytesReceived += text.length
    if (!response.ok) throw new SpaceSyncError(`relay answered ${response.status}: ${text}`, response.status)
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
    cursor = answer.next
  }
  const updated = changed.filter((id) => held.has(id))
  return { changed, updated, unchanged, requests, bytesSent, bytesReceived }
}
