/**
 * Who inserted and who deleted each character of a compare, so that every inserted or deleted run
 * is shown in its own author's colour even when a version has several authors.
 *
 * - Inserted: every character of a Yjs document is an item whose id names the client that
 *   inserted it, and the fiche's participants map (`participants.ts`) names the person behind
 *   that client id for good. A version stores the ids of its fields' characters (runs of
 *   consecutive ids: typing gives one run per burst, so this stays small), the live fiche gives
 *   them for "now".
 * - Deleted: Yjs records *what* was deleted, not by whom. Each client logs the ids it deletes
 *   (from its own transactions' delete sets) under its client id in the history document's
 *   "deletions" map, so any replica can name the deleter. This is what Yjs's `PermanentUserData`
 *   does with its `ds` entries, kept in the history document rather than in the fiche, so that
 *   opening a fiche never loads it.
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
import type { Participant } from '../participants.ts'
import type { RichBlocks, RichNode } from '../richtext.ts'
import { diffLinesByWords, plainTextOf, type Segment } from './compare.ts'
import { type FieldValue, fieldKind, HISTORY_FIELDS, type HistoryField } from './fields.ts'

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

/** The text nodes of blocks, concatenated depth first: exactly the characters the items hold. */
const textNodesOf = (blocks: RichBlocks): string => {
  let out = ''
  const walk = (node: RichNode): void => {
    if (node.type === 'text') out += node.text ?? ''
    for (const child of node.content ?? []) walk(child)
  }
  for (const block of blocks) walk(block)
  return out
}

/**
 * Matches each character of `plain` to the id of the same character of `chars` (the field's
 * characters, whose ids are `ids`), in order; characters `plain` adds (line breaks, list
 * prefixes) get null. Greedy: a separator equal to the next real character can shift one
 * character's colour, never more.
 */
export const alignIds = (plain: string, chars: string, ids: readonly ItemId[]): (ItemId | null)[] => {
  const out: (ItemId | null)[] = []
  if (chars.length !== ids.length) return Array.from({ length: plain.length }, () => null)
  let p = 0
  for (let i = 0; i < plain.length; i++) {
    if (p < chars.length && plain[i] === chars[p]) out.push(ids[p++]!)
    else out.push(null)
  }
  return out
}

/**
 * The id of every character of `plainTextOf(field, value)` given the field's stored or live id
 * parts; null when the parts do not fit the value (an old version, a peer's malformed record).
 */
export const charIds = (
  field: HistoryField,
  value: FieldValue | undefined,
  parts: readonly EncodedIds[] | undefined,
): (ItemId | null)[] | null => {
  if (!parts || value === undefined) return null
  const ids = expandIds(parts)
  const plain = plainTextOf(field, value)
  switch (fieldKind(field)) {
    case 'section':
      return alignIds(plain, textNodesOf(value as RichBlocks), ids)
    case 'list': {
      const list = value as readonly string[]
      if (ids.length !== list.length) return null
      return list.flatMap((element, i) => [
        ...(i > 0 ? [null] : []),
        ...Array.from({ length: element.length }, () => ids[i]!),
      ])
    }
    case 'choice':
      return ids.length === 1 && typeof value === 'string'
        ? Array.from({ length: value.length }, () => ids[0]!)
        : null
    default:
      return typeof value === 'string' && ids.length === value.length ? ids : null
  }
}

// --- Deletions ---------------------------------------------------------------------------

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

// --- Attributed compare ----------------------------------------------------------------------

/** Names the inserter and the deleter of an item. */
export interface Attribution {
  inserted(id: ItemId): Participant | null
  deleted(id: ItemId): Participant | null
}

export const attribution = (
  participants: ReadonlyMap<number, Participant>,
  deletions: DeletionIndex,
): Attribution => ({
  inserted: (id) => participants.get(id.client) ?? null,
  deleted: (id) => {
    const by = deleterOf(deletions, id)
    return by === null ? null : (participants.get(by) ?? null)
  },
})

export interface AttributedSegment extends Segment {
  /** Who inserted (added runs) or deleted (removed runs) it; null for unchanged text or unknown. */
  readonly author: Participant | null
}

/** One side of a compare: a field's value and the ids of its characters (null: unknown). */
export interface FieldSide {
  readonly value: FieldValue | undefined
  readonly ids: readonly (ItemId | null)[] | null
}

/**
 * The word diff of a text or section field (`diffLinesByWords`), each added run split by who
 * inserted its characters and each removed run by who deleted them.
 */
export const attributedDiff = (
  field: HistoryField,
  before: FieldSide,
  after: FieldSide,
  who: Attribution,
): AttributedSegment[] => {
  const segments = diffLinesByWords(plainTextOf(field, before.value), plainTextOf(field, after.value))
  const out: AttributedSegment[] = []
  const push = (op: Segment['op'], text: string, author: Participant | null) => {
    const last = out.at(-1)
    if (last && last.op === op && (last.author?.id ?? null) === (author?.id ?? null))
      out[out.length - 1] = { op, text: last.text + text, author }
    else out.push({ op, text, author })
  }
  let b = 0
  let a = 0
  for (const segment of segments) {
    if (segment.op === 'same') {
      push('same', segment.text, null)
      b += segment.text.length
      a += segment.text.length
      continue
    }
    const ids = segment.op === 'added' ? after.ids : before.ids
    let offset = segment.op === 'added' ? a : b
    // Characters with no id of their own (line breaks) take the author of the run they are in.
    let current: Participant | null = null
    let runStart = 0
    const text = segment.text
    let firstAuthor = true
    for (let i = 0; i < text.length; i++, offset++) {
      const id = ids?.[offset] ?? null
      if (id === null) continue
      const author = segment.op === 'added' ? who.inserted(id) : who.deleted(id)
      if (firstAuthor) {
        current = author
        firstAuthor = false
        continue
      }
      if ((author?.id ?? null) !== (current?.id ?? null)) {
        push(segment.op, text.slice(runStart, i), current)
        runStart = i
        current = author
      }
    }
    push(segment.op, text.slice(runStart), current)
    if (segment.op === 'added') a += text.length
    else b += text.length
  }
  return out
}

const key = (id: ItemId): string => `${id.client}:${id.clock}`

const distinct = (people: (Participant | null)[]): Participant[] => {
  const byId = new Map<string, Participant>()
  for (const p of people) if (p && !byId.has(p.id)) byId.set(p.id, p)
  return [...byId.values()]
}

/**
 * Who changed a choice or list field: the inserters of the values `after` has and `before` had
 * not, and the deleters of the values `before` had and `after` has not (by item id: a value
 * removed and added back counts as both).
 */
export const valueAuthors = (
  beforeIds: readonly EncodedIds[] | undefined,
  afterIds: readonly EncodedIds[] | undefined,
  who: Attribution,
): { added: Participant[]; removed: Participant[] } => {
  const before = expandIds(beforeIds ?? [])
  const after = expandIds(afterIds ?? [])
  const inBefore = new Set(before.map(key))
  const inAfter = new Set(after.map(key))
  return {
    added: distinct(after.filter((id) => !inBefore.has(key(id))).map((id) => who.inserted(id))),
    removed: distinct(before.filter((id) => !inAfter.has(key(id))).map((id) => who.deleted(id))),
  }
}
