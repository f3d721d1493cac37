/**
 * What the search indexes of an entry and how a typed text becomes a query: what the page needs of
 * search without MiniSearch itself (which stays in the worker's own file, `searchIndex.ts`).
 *
 * What is indexed: each entry's `searchText` (title, every field, every section, computed by
 * `catalogEntryOf` in shared), so search works from the index document alone, offline, without
 * opening the fiches; entries written before `searchText` existed fall back to their summary.
 */
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import { fold, WORD } from './fold.ts'

/**
 * Words shorter than this do not search by prefix, and a query shorter than this does not filter: a
 * one- or two-letter prefix expands to thousands of terms and narrows nothing. A short last word
 * (still being typed) is left out until it reaches this length, so "jardin p" keeps showing the
 * results of "jardin" instead of none.
 */
export const MIN_QUERY_LENGTH = 3

/** What the index holds of an entry. */
export interface SearchDoc {
  readonly id: string
  /** Not folded yet: folding happens once per document when it is indexed. */
  readonly text: string
}

const summaryText = (entry: CatalogEntry): string =>
  [entry.title, entry.city, entry.excerpt, ...entry.keywords].join('\n')

export const searchDocOf = (entry: CatalogEntry): SearchDoc => ({
  id: entry.id,
  text: entry.searchText ?? summaryText(entry),
})

/**
 * The query as the index reads it (folded words joined by spaces), or null when it does not filter:
 * empty, or shorter than `MIN_QUERY_LENGTH` once a short last word is left out. Equal keys give
 * equal results, so it is also the key of the result caches.
 */
export const queryKey = (text: string): string | null => {
  const words = fold(text).match(WORD) ?? []
  if (words.length > 0 && words.at(-1)!.length < MIN_QUERY_LENGTH) words.pop()
  const key = words.join(' ')
  return key.length < MIN_QUERY_LENGTH ? null : key
}
