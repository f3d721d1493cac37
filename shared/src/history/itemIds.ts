/**
 * The Yjs item ids of a fiche's characters, as a version stores them, so that a compare can name
 * who inserted each character (`attribution.ts`).
 *
 * Every character of a Yjs document is an item whose id names the client that inserted it, and
 * the fiche's participants map (`participants.ts`) names the person behind that client id for
 * good. A version stores the ids of its fields' characters (runs of consecutive ids: typing gives
 * one run per burst, so this stays small), the live fiche gives them for "now".
 *
 * Peers write these structures: everything is validated and a malformed entry only costs its
 * colour (shown neutral), never an error.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { z } from 'zod'
import { choicesMap, fieldText, listArray, sectionFragment, titleText } from '../ficheDoc.ts'
import type { ChoiceFieldKey, ListFieldKey, SectionKey, TextFieldKey } from '../form.ts'
import { fieldKind, HISTORY_FIELDS, type HistoryField } from './fields.ts'

/** The Yjs id of one character (or list element, or choice value). */
export interface ItemId {
  readonly client: number
  readonly clock: number
}

/**
 * Runs of consecutive item ids as stored: `c` lists client ids once, `r` holds
 * `[index in c, first clock, length]` triples (client ids are 32-bit: writing each once keeps
 * runs small).
 */
export interface EncodedIds {
  readonly c: number[]
  readonly r: number[]
}

export const encodedIdsSchema = z
  .object({
    c: z.array(z.number().int().nonnegative()),
    r: z.array(z.number().int().nonnegative()),
  })
  .refine((v) => v.r.length % 3 === 0 && v.r.every((n, i) => i % 3 !== 0 || n < v.c.length), {
    message: 'malformed id runs',
  })

/**
 * `EncodedIds` as stored in the history document: bytes (a `Y.Map` keeps them as binary content),
 * lib0 varints: the client table, then per run its client index, its first clock as the
 * difference from the previous run's end (small: typing continues where it stopped) and its
 * length. About 4 bytes a run where JSON took 10.
 */
export const packIds = (ids: EncodedIds): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, ids.c.length)
  for (const client of ids.c) encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, ids.r.length / 3)
  let end = 0
  for (let i = 0; i + 2 < ids.r.length; i += 3) {
    encoding.writeVarUint(encoder, ids.r[i]!)
    encoding.writeVarInt(encoder, ids.r[i + 1]! - end)
    encoding.writeVarUint(encoder, ids.r[i + 2]!)
    end = ids.r[i + 1]! + ids.r[i + 2]!
  }
  return encoding.toUint8Array(encoder)
}

/** Reads `packIds` bytes (or the JSON form); undefined for anything malformed, never a throw. */
export const unpackIds = (value: unknown): EncodedIds | undefined => {
  if (!(value instanceof Uint8Array)) {
    if (typeof value !== 'string') return undefined
    try {
      const parsed = encodedIdsSchema.safeParse(JSON.parse(value))
      return parsed.success ? parsed.data : undefined
    } catch {
      return undefined
    }
  }
  try {
    const decoder = decoding.createDecoder(value)
    const clients = decoding.readVarUint(decoder)
    // Each entry takes at least one byte: a larger count is a lie, not a reason to allocate.
    if (clients > value.length) return undefined
    const c: number[] = []
    for (let i = 0; i < clients; i++) c.push(decoding.readVarUint(decoder))
    const runs = decoding.readVarUint(decoder)
    if (runs * 3 > value.length) return undefined
    const r: number[] = []
    let end = 0
    for (let i = 0; i < runs; i++) {
      const ci = decoding.readVarUint(decoder)
      const clock = end + decoding.readVarInt(decoder)
      const length = decoding.readVarUint(decoder)
      r.push(ci, clock, length)
      end = clock + length
    }
    if (decoding.hasContent(decoder)) return undefined
    const parsed = encodedIdsSchema.safeParse({ c, r })
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** Builds `EncodedIds`, merging a run into the previous one when it continues it. */
export class IdRuns {
  private readonly clients: number[] = []
  private readonly index = new Map<number, number>()
  private readonly runs: number[] = []

  push(client: number, clock: number, length: number): void {
    if (length <= 0) return
    let ci = this.index.get(client)
    if (ci === undefined) {
      ci = this.clients.length
      this.clients.push(client)
      this.index.set(client, ci)
    }
    const n = this.runs.length
    if (n >= 3 && this.runs[n - 3] === ci && this.runs[n - 2]! + this.runs[n - 1]! === clock) {
      this.runs[n - 1]! += length
      return
    }
    this.runs.push(ci, clock, length)
  }

  encode(): EncodedIds {
    return { c: [...this.clients], r: [...this.runs] }
  }
}

/** How many ids `parts` holds. */
export const countIds = (parts: readonly EncodedIds[]): number => {
  let n = 0
  for (const part of parts) for (let i = 2; i < part.r.length; i += 3) n += part.r[i]!
  return n
}

/** Most ids ever expanded at once: a peer's record claiming more is ignored, not trusted. */
const MAX_IDS = 5_000_000

/** Every id of `parts`, in order (none if they claim more than `MAX_IDS`). */
export const expandIds = (parts: readonly EncodedIds[]): ItemId[] => {
  const out: ItemId[] = []
  if (countIds(parts) > MAX_IDS) return out
  for (const part of parts) {
    for (let i = 0; i + 2 < part.r.length; i += 3) {
      const client = part.c[part.r[i]!]!
      const clock = part.r[i + 1]!
      for (let k = 0; k < part.r[i + 2]!; k++) out.push({ client, clock: clock + k })
    }
  }
  return out
}

/** A shared type's list of items (what every `Y.AbstractType` has, whatever its events). */
interface ItemList {
  readonly _start: Y.Item | null
}

/** The ids of the live text characters under `type`, depth first (the order `readRichBlocks` reads). */
const collectText = (type: ItemList, out: IdRuns): void => {
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue
    if (item.content instanceof Y.ContentString) out.push(item.id.client, item.id.clock, item.length)
    else if (item.content instanceof Y.ContentType) collectText(item.content.type, out)
  }
}

/** The ids of the live elements of a list, one per element. */
const collectElements = (type: ItemList, out: IdRuns): void => {
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted && item.countable) out.push(item.id.client, item.id.clock, item.length)
  }
}

/**
 * The item ids of one field of the live fiche: sections one part per top-level block (so that an
 * unchanged paragraph keeps the same stored part), other fields one part.
 */
export const liveFieldIds = (doc: Y.Doc, field: HistoryField): EncodedIds[] => {
  switch (fieldKind(field)) {
    case 'section': {
      const parts: EncodedIds[] = []
      const fragment = sectionFragment(doc, field as SectionKey)
      for (let item = fragment._start; item !== null; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentType)) continue
        const runs = new IdRuns()
        collectText(item.content.type, runs)
        parts.push(runs.encode())
      }
      return parts
    }
    case 'choice': {
      const runs = new IdRuns()
      const item = choicesMap(doc)._map.get(field as ChoiceFieldKey)
      if (item && !item.deleted) runs.push(item.id.client, item.id.clock, 1)
      return [runs.encode()]
    }
    case 'list': {
      const runs = new IdRuns()
      collectElements(listArray(doc, field as ListFieldKey), runs)
      return [runs.encode()]
    }
    default: {
      const runs = new IdRuns()
      collectText(field === 'title' ? titleText(doc) : fieldText(doc, field as TextFieldKey), runs)
      return [runs.encode()]
    }
  }
}

/** `liveFieldIds` of every field. */
export const liveIds = (doc: Y.Doc): Record<HistoryField, EncodedIds[]> =>
  Object.fromEntries(HISTORY_FIELDS.map((f) => [f, liveFieldIds(doc, f)])) as Record<
    HistoryField,
    EncodedIds[]
  >
