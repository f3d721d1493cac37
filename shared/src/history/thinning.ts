/**
 * Thinning a fiche's history, so that it stays small while people keep editing: automatic versions
 * (and end-of-session ones after a week) are kept all for an hour, then one per hour for a day,
 * then one per day; what people made on purpose (named versions, restores, imports, the origin)
 * and versions flagging a conflict stay.
 * Blobs no remaining version refers to are deleted with the versions (`blobs.ts`).
 */
import type * as Y from 'yjs'
import { blobsMap, storedBlockRefs } from './blobs.ts'
import { listVersions, type VersionRecord, versionsMap } from './versions.ts'

export interface ThinningPolicy {
  /** Every version younger than this is kept. */
  readonly keepAllMs: number
  /** Then one automatic version per hour, up to this age… */
  readonly hourlyForMs: number
  /** Every end-of-session version younger than this is kept (then they thin like the others). */
  readonly sessionsForMs: number
}

const HOUR = 3_600_000
export const DEFAULT_THINNING: ThinningPolicy = {
  keepAllMs: HOUR,
  hourlyForMs: 24 * HOUR,
  sessionsForMs: 7 * 24 * HOUR,
}

/**
 * Which versions to drop (pure): every named and restore version, and every version flagging a
 * conflict, is kept; end-of-session versions are kept for `sessionsForMs`; automatic ones (and
 * older session ones) are all kept for the last hour, then the latest of each hour for the last
 * day, then the latest of each day. The latest version is kept.
 */
export const versionsToThin = (
  versions: readonly VersionRecord[],
  now: number,
  policy: ThinningPolicy = DEFAULT_THINNING,
): string[] => {
  const keptBuckets = new Set<string>()
  const drop: string[] = []
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i]!
    const age = now - v.at
    const thinnable =
      (v.kind === 'auto' || (v.kind === 'session' && age >= policy.sessionsForMs)) && v.conflicts.length === 0
    if (!thinnable || age < policy.keepAllMs) continue
    const bucket =
      age < policy.hourlyForMs ? `h${Math.floor(v.at / HOUR)}` : `d${Math.floor(v.at / (24 * HOUR))}`
    if (keptBuckets.has(bucket) && i !== versions.length - 1) drop.push(v.id)
    else keptBuckets.add(bucket)
  }
  return drop
}

/** Applies `versionsToThin` and deletes the blobs no remaining version refers to. */
export const thinHistory = (
  history: Y.Doc,
  now: number,
  policy: ThinningPolicy = DEFAULT_THINNING,
): number => {
  const versions = listVersions(history)
  const drop = new Set(versionsToThin(versions, now, policy))
  if (drop.size === 0) return 0
  const blobs = blobsMap(history)
  const referenced = new Set<string>()
  for (const v of versions) {
    if (drop.has(v.id)) continue
    for (const hash of [...Object.values(v.fields), ...Object.values(v.ids ?? {})]) {
      referenced.add(hash)
      for (const block of storedBlockRefs(blobs.get(hash)) ?? []) referenced.add(block)
    }
  }
  history.transact(() => {
    const map = versionsMap(history)
    for (const id of drop) map.delete(id)
    for (const hash of [...blobs.keys()]) if (!referenced.has(hash)) blobs.delete(hash)
  })
  return drop.size
}
