/**
 * The full-text index of a space's catalog, with MiniSearch: what is indexed and how a query is read.
 * Runs in the search worker (`searchWorker.ts`); pure, so the unit tests run it directly.
 *
 * Why MiniSearch: a small (≈7 KB gzip), dependency-free inverted index with prefix and fuzzy
 * matching over a radix tree, incremental `add`/`replace`/`discard`, and `toJSON`/`loadJSON` to
 * keep a built index in IndexedDB. Orama is several times larger and async-first; FlexSearch is fast
 * but its document API makes per-document updates and term reporting (for highlighting) clumsier.
 *
 * What is indexed: each entry's `searchText` (title, every field, every section, computed by
 * `catalogEntryOf` in shared), so search works from the index document alone, offline, without
 * opening the fiches; entries written before `searchText` existed fall back to their summary. One
 * field: the directory sorts by title or date, never by relevance, so a separate, boosted title
 * field would only cost time (the title is in `searchText` anyway).
 */
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import MiniSearch, { type Options } from 'minisearch'
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

/** Words as `highlight.ts` sees them, so that every indexed term can be highlighted. */
const tokenize = (text: string): string[] => text.match(WORD) ?? []

/** The options of every index, built or loaded (`loadJSON` needs the same ones). */
export const INDEX_OPTIONS: Options<SearchDoc> = {
  fields: ['text'],
  // Folded once per document (one `normalize` call, not one per word), so terms need no processing;
  // queries are folded the same way by `queryKey`.
  extractField: (doc, field) => (field === 'id' ? doc.id : fold(doc.text)),
  tokenize,
  processTerm: (term) => term,
  searchOptions: {
    combineWith: 'AND',
    prefix: (term) => term.length >= MIN_QUERY_LENGTH,
    // Typos only on longer words: a fuzzy 3-letter word matches half the vocabulary.
    fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
  },
}

export const createIndex = (): MiniSearch<SearchDoc> => new MiniSearch<SearchDoc>(INDEX_OPTIONS)

export const loadIndex = (json: string): MiniSearch<SearchDoc> => MiniSearch.loadJSON(json, INDEX_OPTIONS)

export interface QueryResult {
  /** The matching documents' ids. */
  readonly ids: readonly string[]
  /** Every index term the query matched (folded), for highlighting. */
  readonly terms: readonly string[]
}

/** Runs a query key (`queryKey`): every word must match, by prefix or with a small typo. */
export const runQuery = (index: MiniSearch<SearchDoc>, key: string): QueryResult => {
  const ids: string[] = []
  const terms = new Set<string>()
  for (const hit of index.search(key)) {
    ids.push(String(hit.id))
    for (const term of hit.terms) terms.add(term)
  }
  return { ids, terms: [...terms] }
}
