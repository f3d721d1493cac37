/**
 * Who inserted and who deleted each character of a compare, so that every inserted or deleted run
 * is shown in its own author's colour even when a version has several authors.
 *
 * Puts together the item ids of each side's characters (`itemIds.ts`: the inserter of each one)
 * and the history document's deletion logs (`deletions.ts`: the deleter of each one), through the
 * fiche's participants map (`participants.ts`). Stored ids that do not fit a value (an old
 * version, a peer's malformed record) only cost their colour (shown neutral), never an error.
 */
import type { Participant } from '../participants.ts'
import type { RichBlocks, RichNode } from '../richtext.ts'
import { diffLinesByWords, plainTextOf, type Segment } from './compare.ts'
import { type DeletionIndex, deleterOf } from './deletions.ts'
import { type FieldValue, fieldKind, type HistoryField } from './fields.ts'
import { type EncodedIds, expandIds, type ItemId } from './itemIds.ts'

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
