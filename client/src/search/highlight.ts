/**
 * Highlighting search matches in displayed text: the words of `text` whose folded form is one of the
 * matched index terms are marked, wherever their accents or case differ from the query. Words are
 * cut as the index cuts them (`WORD`), so every matched term can be found again.
 *
 * Runs for every card shown on every new query, with the hundreds of terms a prefix can expand to
 * ("jar" → every "jardin…"): so each text is cut into folded words once (kept for the texts shown
 * lately), and a query only looks each word up in the set of terms.
 */
import { fold, WORD } from './fold.ts'

export interface Segment {
  readonly text: string
  readonly mark: boolean
}

/** A text's words: folded forms and their positions in the text. */
interface Words {
  readonly folded: readonly string[]
  readonly starts: readonly number[]
  readonly ends: readonly number[]
}

/** Texts cut lately (titles, excerpts and whole texts of the cards shown), most recent last. */
const cut = new Map<string, Words>()
const KEPT = 600

/**
 * The text folded once as a whole (one `normalize` call, not one per word); when folding changes
 * its length (rare characters whose folded form is longer or shorter), positions no longer line up
 * and each word is folded on its own.
 */
const wordsOf = (text: string): Words => {
  let words = cut.get(text)
  if (words) return words
  const folded: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  const whole = fold(text)
  const aligned = whole.length === text.length
  for (const word of (aligned ? whole : text).matchAll(WORD)) {
    folded.push(aligned ? word[0] : fold(word[0]))
    starts.push(word.index)
    ends.push(word.index + word[0].length)
  }
  words = { folded, starts, ends }
  if (cut.size >= KEPT) cut.delete(cut.keys().next().value!)
  cut.set(text, words)
  return words
}

/** `text` cut into marked and unmarked runs; a single unmarked run when nothing matches. */
export const highlight = (text: string, terms: ReadonlySet<string>): Segment[] => {
  if (terms.size === 0 || text === '') return [{ text, mark: false }]
  const { folded, starts, ends } = wordsOf(text)
  const out: Segment[] = []
  let last = 0
  for (let i = 0; i < folded.length; i++) {
    if (!terms.has(folded[i]!)) continue
    const start = starts[i]!
    if (start > last) out.push({ text: text.slice(last, start), mark: false })
    out.push({ text: text.slice(start, ends[i]!), mark: true })
    last = ends[i]!
  }
  if (last < text.length) out.push({ text: text.slice(last), mark: false })
  return out
}

export const hasMark = (segments: readonly Segment[]): boolean => segments.some((s) => s.mark)

/**
 * A short extract of `text` around its first matched word (for a card whose match is deep in a
 * section), or null when no word matches.
 */
export const snippet = (text: string, terms: ReadonlySet<string>, radius = 80): string | null => {
  if (terms.size === 0 || text === '') return null
  const { folded, starts, ends } = wordsOf(text)
  for (let i = 0; i < folded.length; i++) {
    if (!terms.has(folded[i]!)) continue
    const from = Math.max(0, starts[i]! - radius)
    const to = Math.min(text.length, ends[i]! + radius)
    const extract = text.slice(from, to).replace(/\s+/g, ' ').trim()
    return `${from > 0 ? '…' : ''}${extract}${to < text.length ? '…' : ''}`
  }
  return null
}
