/**
 * The bulk sync exchange (`POST /api/spaces/<space>/sync`, see relay/PROTOCOL.md): one request
 * brings a whole space up to date on a device, instead of one websocket per fiche. The client says
 * what it holds (per document a state vector and the version the relay last gave it); the relay
 * answers only with what the client lacks. Both sides parse the other's JSON with these schemas.
 *
 * Why a `version` besides the state vector: deletions do not advance a Yjs state vector, so two
 * equal vectors can still differ by what was deleted. The version is a digest of the relay's state
 * vector and delete set; "same version" means "nothing new", whatever was deleted.
 */
import * as decoding from 'lib0/decoding'
import { z } from 'zod'
import { isValidDocId } from './names.ts'

/** At most this many documents listed in one request (a space of more pages with `cursor`). */
export const BULK_MAX_DOCS = 5_000
/** A state vector longer than this (base64 characters) is refused: real ones are tens of bytes. */
const MAX_STATE_VECTOR_CHARS = 64 * 1024

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

export const bulkDocSchema = z.object({
  id: z.string().refine(isValidDocId, 'invalid document id'),
  /** `Y.encodeStateVector` of the client's copy, base64; empty when the client has nothing. */
  sv: z.string().max(MAX_STATE_VECTOR_CHARS).regex(BASE64, 'state vector is not base64'),
  /** The `version` the relay gave for this document in an earlier answer, if any. */
  v: z.string().max(64).optional(),
})
export type BulkDoc = z.infer<typeof bulkDocSchema>

export const bulkRequestSchema = z.object({
  docs: z.array(bulkDocSchema).max(BULK_MAX_DOCS),
  /** Also send the documents of the space the client did not list (it has none of them). */
  all: z.boolean().default(true),
  /** Continue after this document id (the `next` of the previous answer). */
  cursor: z.string().refine(isValidDocId, 'invalid cursor').optional(),
})
export type BulkRequest = z.input<typeof bulkRequestSchema>

export const bulkAnswerDocSchema = z.object({
  id: z.string().refine(isValidDocId, 'invalid document id'),
  /** `Y.encodeStateAsUpdate(relayDoc, clientStateVector)`, base64: only what the client lacks. */
  update: z.string().regex(BASE64),
  /** To send back as `v` next time. */
  v: z.string(),
})
export type BulkAnswerDoc = z.infer<typeof bulkAnswerDocSchema>

export const bulkAnswerSchema = z.object({
  space: z.string(),
  docs: z.array(bulkAnswerDocSchema),
  /** Documents examined and found up to date (nothing sent for them). */
  unchanged: z.number().int().nonnegative(),
  /** Ask again with this cursor to get the rest; null when the space is done. */
  next: z.string().nullable(),
})
export type BulkAnswer = z.infer<typeof bulkAnswerSchema>

/**
 * `GET /api/spaces/<space>/changes?since=<changes>`: which documents changed since the cursor the
 * relay gave last time (every document of the space without `since`). With it a device that was
 * offline for a day sends state vectors only for what changed: the bytes of a re-sync follow the
 * change, not the size of the space. A cursor the relay does not know is answered 410 (sync all).
 */
export const changesAnswerSchema = z.object({
  space: z.string(),
  /** Ids of the documents changed since the cursor, sorted. */
  changed: z.array(z.string().refine(isValidDocId, 'invalid document id')),
  /** Pass as `since` next time, once those documents are synced. */
  changes: z.string().max(64),
})
export type ChangesAnswer = z.infer<typeof changesAnswerSchema>

/** A `since` cursor as the relay hands them out (digits; opaque to clients). */
export const CHANGES_CURSOR = /^\d{1,20}$/

/**
 * Decodes a state vector strictly: every byte must belong to it (lib0 alone ignores trailing bytes
 * and reads past a truncated varUint as garbage only sometimes). Throws with a reason otherwise.
 */
export const decodeStateVectorStrict = (bytes: Uint8Array): Map<number, number> => {
  const sv = new Map<number, number>()
  if (bytes.length === 0) return sv
  const decoder = decoding.createDecoder(bytes)
  try {
    const count = decoding.readVarUint(decoder)
    if (count > bytes.length) throw new Error(`declares ${count} clients in ${bytes.length} bytes`)
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      sv.set(client, clock)
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new Error(detail.startsWith('declares') ? detail : 'truncated')
  }
  if (decoder.pos !== bytes.length) throw new Error(`${bytes.length - decoder.pos} trailing bytes`)
  return sv
}
