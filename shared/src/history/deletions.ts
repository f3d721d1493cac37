/**
 * Who deleted what, so that a compare can name who deleted each character (`attribution.ts`).
 *
 * Yjs records *what* was deleted, not by whom. Each client logs the ids it deletes (from its own
 * transactions' delete sets) under its client id in the history document's "deletions" map, so
 * any replica can name the deleter. This is what Yjs's `PermanentUserData` does with its `ds`
 * entries, kept in the history document rather than in the fiche, so that opening a fiche never
 * loads it.
 *
 * Peers write these structures: everything is validated and a malformed entry only costs its
 * colour (shown neutral), never an error.
 */
import type * as Y from 'yjs'
import { type EncodedIds, IdRuns, type ItemId, packIds, unpackIds } from './itemIds.ts'

/** The history document's map: deleter client id (decimal) → `EncodedIds` of what it deleted. */
export const deletionsMap = (history: Y.Doc): Y.Map<unknown> => history.getMap('deletions')

/**
 * What one session (one Yjs client id) deleted, gathered from its own transactions' delete sets.
 * Its entry in the history document is only ever written by that session: no conflicts.
 */
export class DeletionLog {
  private readonly ranges = new Map<number, [number, number][]>()

  /** Adds a local transaction's deletions; returns true if it deleted anything. */
  add(deleteSet: { clients: Map<number, { clock: number; len: number }[]> }): boolean {
    let added = false
    for (const [client, items] of deleteSet.clients) {
      let list = this.ranges.get(client)
      if (!list) {
        list = []
        this.ranges.set(client, list)
      }
      for (const { clock, len } of items) {
        if (len <= 0) continue
        list.push([clock, len])
        added = true
      }
    }
    return added
  }

  get empty(): boolean {
    return this.ranges.size === 0
  }

  /** The ranges, sorted and merged. */
  encode(): EncodedIds {
    const runs = new IdRuns()
    for (const [client, list] of [...this.ranges].sort((a, b) => a[0] - b[0])) {
      list.sort((a, b) => a[0] - b[0])
      let start = -1
      let end = -1
      for (const [clock, len] of list) {
        if (clock <= end) {
          end = Math.max(end, clock + len)
          continue
        }
        if (start >= 0) runs.push(client, start, end - start)
        start = clock
        end = clock + len
      }
      if (start >= 0) runs.push(client, start, end - start)
    }
    return runs.encode()
  }
}

/** Writes `deleter`'s log into the history document (replacing its previous entry). */
export const writeDeletions = (
  history: Y.Doc,
  deleter: number,
  log: DeletionLog,
  origin: unknown = null,
): void => {
  if (log.empty) return
  const value = packIds(log.encode())
  history.transact(() => deletionsMap(history).set(String(deleter), value), origin)
}

interface DeletedRange {
  readonly clock: number
  readonly len: number
  /** The deleter's client id. */
  readonly by: number
  /** The highest end of this range and every range before it (to stop searching early). */
  maxEnd: number
}

/** Who deleted what: per inserting client, ranges sorted by clock. */
export type DeletionIndex = ReadonlyMap<number, readonly DeletedRange[]>

/** Every well-formed deletion entry of the history document, indexed for lookups. */
export const readDeletions = (history: Y.Doc): DeletionIndex => {
  const index = new Map<number, DeletedRange[]>()
  deletionsMap(history).forEach((value, key) => {
    const by = Number(key)
    const ids = unpackIds(value)
    if (!ids || !Number.isSafeInteger(by)) return
    const { c, r } = ids
    for (let i = 0; i + 2 < r.length; i += 3) {
      const client = c[r[i]!]!
      let list = index.get(client)
      if (!list) {
        list = []
        index.set(client, list)
      }
      list.push({ clock: r[i + 1]!, len: r[i + 2]!, by, maxEnd: 0 })
    }
  })
  for (const list of index.values()) {
    list.sort((a, b) => a.clock - b.clock || a.by - b.by)
    let maxEnd = 0
    for (const range of list) {
      maxEnd = Math.max(maxEnd, range.clock + range.len)
      range.maxEnd = maxEnd
    }
  }
  return index
}

/**
 * The client id that deleted `id`, if a deletion log names it (two sessions that deleted the same
 * item concurrently: the lowest client id, so every replica names the same one).
 */
export const deleterOf = (index: DeletionIndex, id: ItemId): number | null => {
  const list = index.get(id.client)
  if (!list) return null
  // The last range starting at or before the clock, then back while earlier ones can reach it.
  let lo = 0
  let hi = list.length - 1
  let last = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (list[mid]!.clock <= id.clock) {
      last = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  let by: number | null = null
  for (let i = last; i >= 0 && list[i]!.maxEnd > id.clock; i--) {
    const range = list[i]!
    if (id.clock < range.clock + range.len && (by === null || range.by < by)) by = range.by
  }
  return by
}
