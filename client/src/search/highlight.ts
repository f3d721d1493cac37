/**
 * Highlighting search matches in displayed text: the words of `text` whose folded form is one of the
 * matched index terms are marked, wherever their accents or case differ from the query. Words are
 * cut as the index cuts them (`WORD`), so every matched term can be found again.
 *
 * Runs for every card on every new query, so the text is folded once as a whole (one `normalize`
 * call, not one per word); when folding changes the text's length (rare characters whose folded
 * form is longer or shorter), positions no longer line up and each word is folded on its own.
 * Callers may pass the folded text they cached (`foldedEntry`, `foldedText`).
 */
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import { fold, WORD } from './fold.ts'

export interface Segment {
  readonly text: string
  readonly mark: boolean
}

interface Match {
  readonly start: number
  readonly end: number
}

/**
 * Positions (in `text`) of the words whose folded form is in `terms`, in order. A scan of the words
 * with a set lookup each: the terms of one query can be hundreds (a prefix matches every word that
 * starts with it), which an alternation in one regular expression would try at every position.
 */
const matches = function* (text: string, terms: ReadonlySet<string>, folded: string): Generator<Match> {
  if (folded.length === text.length) {
    for (const word of folded.matchAll(WORD)) {
      if (terms.has(word[0])) yield { start: word.index, end: word.index + word[0].length }
    }
    return
  }
  for (const word of text.matchAll(WORD)) {
    if (terms.has(fold(word[0]))) yield { start: word.index, end: word.index + word[0].length }
  }
}

/** `text` cut into marked and unmarked runs; a single unmarked run when nothing matches. */
export const highlight = (text: string, terms: ReadonlySet<string>, folded?: string): Segment[] => {
  if (terms.size === 0 || text === '') return [{ text, mark: false }]
  const out: Segment[] = []
  let last = 0
  for (const { start, end } of matches(text, terms, folded ?? fold(text))) {
    if (start > last) out.push({ text: text.slice(last, start), mark: false })
    out.push({ text: text.slice(start, end), mark: true })
    last = end
  }
  if (last < text.length) out.push({ text: text.slice(last), mark: false })
  return out
}

export const hasMark = (segments: readonly Segment[]): boolean => segments.some((s) => s.mark)

/**
 * A short extract of `text` around its first matched word (for a card whose match is deep in a
 * section), or null when no word matches.
 */
export const snippet = (
  text: string,
  terms: ReadonlySet<string>,
  folded?: string,
  radius = 80,
): string | null => {
  if (terms.size === 0) return null
  for (const { start, end } of matches(text, terms, folded ?? fold(text))) {
    const from = Math.max(0, start - radius)
    const to = Math.min(text.length, end + radius)
    const cut = text.slice(from, to).replace(/\s+/g, ' ').trim()
    return `${from > 0 ? '…' : ''}${cut}${to < text.length ? '…' : ''}`
  }
  return null
}

export interface FoldedEntry {
  readonly title: string
  readonly excerpt: string
}

const foldedEntries = new WeakMap<CatalogEntry, FoldedEntry>()

/** An entry's texts folded once (entries keep their identity until they change: `catalogModel`). */
export const foldedEntry = (entry: CatalogEntry): FoldedEntry => {
  let folded = foldedEntries.get(entry)
  if (!folded) {
    folded = { title: fold(entry.title), excerpt: fold(entry.excerpt) }
    foldedEntries.set(entry, folded)
  }
  return folded
}

/** The last few whole texts folded (a fiche's text is long; the same cards stay while typing). */
const foldedTexts = new Map<string, string>()
const FOLDED_TEXTS = 200

export const foldedText = (text: string): string => {
  let folded = foldedTexts.get(text)
  if (folded === undefined) {
    folded = fold(text)
    if (foldedTexts.size >= FOLDED_TEXTS) foldedTexts.delete(foldedTexts.keys().next().value!)
    foldedTexts.set(text, folded)
  }
  return folded
}
