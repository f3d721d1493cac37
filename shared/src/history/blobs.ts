/**
 * The history's content store: `Y.Map` "blobs" of the history doc, content hash → one field's
 * value as JSON, or one run of item ids as bytes (`itemIds.ts`). Each distinct value is stored once
 * and shared by every version that holds it; a section is stored block by block, its blob being
 * `{ blocks: [hash, …] }`, so a version that changed one paragraph adds that paragraph only.
 * Blobs come from peers: anything unreadable reads as missing, never throws.
 */
import type * as Y from 'yjs'
import type { RichBlocks } from '../richtext.ts'
import type { FieldValue } from './fields.ts'
import { contentHash } from './hash.ts'
import { type EncodedIds, packIds } from './itemIds.ts'

export const blobsMap = (history: Y.Doc): Y.Map<unknown> => history.getMap('blobs')

const parseJson = (json: unknown): unknown => {
  if (typeof json !== 'string') return undefined
  try {
    return JSON.parse(json) as unknown
  } catch {
    return undefined
  }
}

const blockRefs = (value: unknown): string[] | null =>
  value &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Array.isArray((value as { blocks?: unknown }).blocks)
    ? ((value as { blocks: unknown[] }).blocks.filter((h) => typeof h === 'string') as string[])
    : null

/** The hashes of the blocks a stored blob lists, or null if it is not a list of blocks. */
export const storedBlockRefs = (stored: unknown): string[] | null => blockRefs(parseJson(stored))

/** A field's value from its blob (sections: their blocks, each its own blob); undefined if missing. */
export const resolveBlob = (blobs: Y.Map<unknown>, json: string): FieldValue | undefined => {
  const value = parseJson(json)
  if (value === undefined) return undefined
  const refs = blockRefs(value)
  if (!refs) return value as FieldValue
  const blocks = refs.map((hash) => parseJson(blobs.get(hash)))
  return blocks.every((b) => b !== undefined) ? (blocks as RichBlocks) : undefined
}

/**
 * The blobs of one version being recorded, hashed as they are added and written to the history
 * together with the version record (`blobs`, hash → content; already stored ones are skipped then).
 */
export const blobBatch = () => {
  const blobs = new Map<string, string | Uint8Array>()
  const store = (json: string): string => {
    const hash = contentHash(json)
    blobs.set(hash, json)
    return hash
  }
  // Item ids are bytes, hashed by their Latin-1 reading behind a prefix no JSON text starts with.
  const storeIds = (ids: EncodedIds): string => {
    const bytes = packIds(ids)
    let latin1 = 'ids:'
    for (let i = 0; i < bytes.length; i += 4096) latin1 += String.fromCharCode(...bytes.subarray(i, i + 4096))
    const hash = contentHash(latin1)
    blobs.set(hash, bytes)
    return hash
  }
  return { blobs, store, storeIds }
}
