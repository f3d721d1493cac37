/**
 * Comparing two states of a fiche field by field. Rich text and text fields are diffed by words
 * on their plain text (`diff`'s `diffWordsWithSpace`, so spacing and line breaks count and a
 * paragraph removed is one removed run); choices and lists are shown as before → after.
 */
import { diffArrays, diffWordsWithSpace } from 'diff'
import type { Fiche } from '../fiche.ts'
import { type RichBlocks, richToPlainText } from '../richtext.ts'
import { type FieldValue, fieldKind, fieldValue, HISTORY_FIELDS, type HistoryField } from './fields.ts'

export type SegmentOp = 'same' | 'added' | 'removed'

export interface Segment {
  readonly op: SegmentOp
  readonly text: string
}

/** The plain text of a field value: sections as lines, lists one value per line. */
export const plainTextOf = (field: HistoryField, value: FieldValue | undefined): string => {
  if (value === undefined || value === null) return ''
  switch (fieldKind(field)) {
    case 'section':
      return richToPlainText(value as RichBlocks)
    case 'list':
      return (value as readonly string[]).join('\n')
    default:
      return value as string
  }
}

/** Word diff of two texts as runs of unchanged, added and removed text (removed before added). */
export const diffText = (before: string, after: string): Segment[] =>
  diffWordsWithSpace(before, after).map((c) => ({
    op: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }))

const words = (line: string): string[] =>
  line
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)

/** Share of words two lines have in common (0: none, 1: same words). */
const similarity = (a: string, b: string): number => {
  const wa = words(a)
  const wb = new Set(words(b))
  if (wa.length === 0 || wb.size === 0) return a.trim() === b.trim() ? 1 : 0
  return wa.filter((w) => wb.has(w)).length / Math.max(wa.length, wb.size)
}

/**
 * Word diff of two multi-line texts, line by line: lines are matched first (`diffArrays`, cheap
 * even for long sections), then only a removed line and the added line in its place are diffed by
 * words. Diffing a whole long section by words would cost seconds when many paragraphs changed.
 */
export const diffLinesByWords = (before: string, after: string): Segment[] => {
  const a = before === '' ? [] : before.split('\n')
  const b = after === '' ? [] : after.split('\n')
  const out: Segment[] = []
  const push = (op: SegmentOp, text: string) => {
    if (text === '') return
    const last = out.at(-1)
    if (last && last.op === op) out[out.length - 1] = { op, text: last.text + text }
    else out.push({ op, text })
  }
  const changes = diffArrays(a, b)
  const lines = (values: readonly string[]) => values.map((v) => `${v}\n`)
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!
    const next = changes[i + 1]
    if (change.removed && next?.added) {
      // Each added line is paired with the most similar removed line after the last pair (an
      // edited paragraph); removed lines left unpaired were deleted whole, added ones are new.
      let from = 0
      for (const added of next.value) {
        let best = -1
        let bestScore = 0.3
        for (let k = from; k < change.value.length; k++) {
          const score = similarity(change.value[k]!, added)
          if (score > bestScore) {
            best = k
            bestScore = score
          }
        }
        if (best < 0) {
          push('added', `${added}\n`)
          continue
        }
        for (const line of lines(change.value.slice(from, best))) push('removed', line)
        for (const s of diffText(`${change.value[best]}\n`, `${added}\n`)) push(s.op, s.text)
        from = best + 1
      }
      for (const line of lines(change.value.slice(from))) push('removed', line)
      i++
    } else {
      for (const line of lines(change.value))
        push(change.added ? 'added' : change.removed ? 'removed' : 'same', line)
    }
  }
  const last = out.at(-1)
  if (last?.text.endsWith('\n')) out[out.length - 1] = { op: last.op, text: last.text.slice(0, -1) }
  return out
}

const same = (a: FieldValue | undefined, b: FieldValue | undefined): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The fields whose value differs between two fiches (any change: marks, order, whitespace). */
export const changedFields = (before: Fiche | null, after: Fiche): HistoryField[] =>
  HISTORY_FIELDS.filter((f) => !same(before ? fieldValue(before, f) : undefined, fieldValue(after, f)))

export interface ChangeSummary {
  readonly fields: HistoryField[]
  /** Characters added and removed across every field (by word diff of their plain text). */
  readonly added: number
  readonly removed: number
}

/** What changed from `before` (null: nothing, a first version) to `after`. */
export const summarizeChange = (before: Fiche | null, after: Fiche): ChangeSummary => {
  const fields = changedFields(before, after)
  let added = 0
  let removed = 0
  for (const field of fields) {
    const a = plainTextOf(field, before ? fieldValue(before, field) : undefined)
    const b = plainTextOf(field, fieldValue(after, field))
    for (const segment of diffLinesByWords(a, b)) {
      if (segment.op === 'added') added += segment.text.length
      else if (segment.op === 'removed') removed += segment.text.length
    }
  }
  return { fields, added, removed }
}
