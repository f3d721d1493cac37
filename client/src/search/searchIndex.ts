/**
 * The full-text index of a space's catalog, with MiniSearch: what is indexed and how a query is read.
 * Runs in the search worker (`searchWorker.ts`); pure, so the unit tests run it directly.
 *
 * Why MiniSearch: a small (≈7 KB gzip), dependency-free inverted index with prefix and fuzzy
 * matching over a radix tree, incremental `add`/`replace`/`discard`, and `toJSON`/`loadJSON` to
 * keep a built index in IndexedDB. Orama is several times larger and async-first; FlexSearch is fast
 * but its document API makes per-document updates and term reporting (for highlighting) clumsier.
 *
 * What is indexed: `searchDocOf` (`searchQuery.ts`). One field: the directory sorts by title or
 * date, never by relevance, so a separate, boosted title field would only cost time (the title is
 * in `searchText` anyway).
 */
import MiniSearch, { type Options } from 'minisearch'
import { fold, WORD } from './fold.ts'
import { MIN_QUERY_LENGTH, type SearchDoc } from './searchQuery.ts'

/** Words as `highlight.ts` sees them, so that every indexed term can be highlighted. */
const tokenize = (text: string): string[] => text.match(WORD) ?? []

/** Typos are allowed from this length on: a fuzzy 3-letter word matches half the vocabulary. */
const FUZZY_FROM = 5
/** Allowed edit distance per letter (0.2: one typo in 5 to 7 letters, two in 8 to 12…), at most 6. */
const FUZZY = 0.2
const MAX_FUZZY = 6

/** The options of every index, built or loaded (`loadJSON` needs the same ones). */
export const INDEX_OPTIONS: Options<SearchDoc> = {
  fields: ['text'],
  // Folded once per document (one `normalize` call, not one per word), so terms need no processing;
  // queries are folded the same way by `queryKey`.
  extractField: (doc, field) => (field === 'id' ? doc.id : fold(doc.text)),
  tokenize,
  processTerm: (term) => term,
  // What `MiniSearch.search` would do with a query; `runQuery` expands terms exactly the same way.
  searchOptions: {
    combineWith: 'AND',
    prefix: (term) => term.length >= MIN_QUERY_LENGTH,
    fuzzy: (term) => (term.length >= FUZZY_FROM ? FUZZY : false),
    maxFuzzy: MAX_FUZZY,
  },
}

export const createIndex = (): MiniSearch<SearchDoc> => new MiniSearch<SearchDoc>(INDEX_OPTIONS)

export const loadIndex = (json: string): MiniSearch<SearchDoc> => MiniSearch.loadJSON(json, INDEX_OPTIONS)

export interface QueryResult {
  /** The matching documents' ids. */
  readonly ids: readonly string[]
  /** Every index term the query's words expanded to (folded), for highlighting. */
  readonly terms: readonly string[]
}

type FieldTermData = Map<number, Map<number, number>>

/**
 * Queries straight from MiniSearch's index. Its own `search` ranks every match (BM25) and builds a
 * result object per match, then sorts them: with 10,000 fiches and a prefix that expands to
 * hundreds of terms (every "jardin…", "partag…"), 20 to 400 ms a query, measured. The directory
 * never ranks (it sorts by title or date), it filters: so the same term expansion as `search`
 * (exact, prefix and fuzzy lookups in MiniSearch's radix tree, with the options above) marks one
 * byte per document, and the words' marks are ANDed. The same documents as `search` with
 * `combineWith: 'AND'` (the unit tests compare both), in about a millisecond. A subclass is how
 * MiniSearch opens its index to extensions (`protected` members).
 */
class IndexReader extends MiniSearch<SearchDoc> {
  static match(index: MiniSearch<SearchDoc>, key: string): QueryMarks {
    const reader = index as IndexReader
    const size = reader._nextId
    const terms: string[] = []
    let matched: Uint8Array | null = null
    for (const word of key.split(' ')) {
      const marks = new Uint8Array(size)
      const seen = new Set<string>()
      const mark = (term: string, data: FieldTermData | undefined) => {
        if (!data || seen.has(term)) return
        seen.add(term)
        terms.push(term)
        for (const postings of data.values()) for (const shortId of postings.keys()) marks[shortId] = 1
      }
      mark(word, reader._index.get(word))
      if (word.length >= MIN_QUERY_LENGTH) {
        for (const [term, data] of reader._index.atPrefix(word)) mark(term, data)
      }
      const distance = word.length >= FUZZY_FROM ? Math.min(MAX_FUZZY, Math.round(word.length * FUZZY)) : 0
      if (distance > 0) {
        for (const [term, [data]] of reader._index.fuzzyGet(word, distance)) mark(term, data)
      }
      if (matched) for (let i = 0; i < size; i++) matched[i] = matched[i]! & marks[i]!
      else matched = marks
    }
    return { matched: matched ?? new Uint8Array(size), terms }
  }

  /** MiniSearch's number for each document (discarded ones are no longer listed). */
  static documentIds(index: MiniSearch<SearchDoc>): ReadonlyMap<number, string> {
    return (index as IndexReader)._documentIds
  }

  /** A few words of the index, for `warmUp`. */
  static sampleTerms(index: MiniSearch<SearchDoc>, count: number): string[] {
    const terms: string[] = []
    for (const term of (index as IndexReader)._index.keys()) {
      if (term.length >= 6) terms.push(term)
      if (terms.length === count) break
    }
    return terms
  }
}

/**
 * A query key's matches as one byte per MiniSearch document number (`matched`, discarded documents
 * possibly included: `documentNumbers` no longer lists them), and its terms.
 */
export interface QueryMarks {
  readonly matched: Uint8Array
  readonly terms: readonly string[]
}

export const matchQuery = (index: MiniSearch<SearchDoc>, key: string): QueryMarks =>
  IndexReader.match(index, key)

/** Each indexed document's number (as in `QueryMarks.matched`) and id. */
export const documentNumbers = (index: MiniSearch<SearchDoc>): ReadonlyMap<number, string> =>
  IndexReader.documentIds(index)

/** Runs a query key (`queryKey`): every word must match, exactly, by prefix or with a small typo. */
export const runQuery = (index: MiniSearch<SearchDoc>, key: string): QueryResult => {
  const { matched, terms } = matchQuery(index, key)
  const ids: string[] = []
  // Discarded documents stay in the postings until MiniSearch vacuums them: not listed here.
  for (const [number, id] of documentNumbers(index)) if (matched[number] === 1) ids.push(String(id))
  return { ids, terms }
}

/**
 * Runs a few queries of every kind (prefixes, a typo, two words) and forgets them: the first
 * queries someone types are then answered by compiled code, not by the JavaScript engine's first,
 * slowest tier (measured: the first few queries take several times longer).
 */
export const warmUp = (index: MiniSearch<SearchDoc>): void => {
  const terms = IndexReader.sampleTerms(index, 3)
  for (const term of terms) {
    for (let length = MIN_QUERY_LENGTH; length <= term.length; length++)
      runQuery(index, term.slice(0, length))
    runQuery(index, `${term.slice(0, -1)}x`)
  }
  if (terms.length >= 2) runQuery(index, `${terms[0]} ${terms[1]!.slice(0, 4)}`)
}
