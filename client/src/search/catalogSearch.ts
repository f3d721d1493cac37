/**
 * Full-text search over a space's catalog, with MiniSearch.
 *
 * Why MiniSearch: a small (≈7 KB gzip), dependency-free inverted index with prefix and fuzzy
 * matching, field boosts, incremental `add`/`replace`/`discard` and a `processTerm` hook where
 * accent folding goes. Orama is several times larger and async-first; FlexSearch is fast but its
 * document API makes per-document updates and term reporting (for highlighting) clumsier.
 *
 * What is indexed: each entry's `searchText` (title, every field, every section, computed by
 * `catalogEntryOf` in shared), so search works from the index document alone, offline, without
 * opening the fiches; entries written before `searchText` existed fall back to their summary.
 *
 * Why incremental and sliced: building the index for 10,000 fiches takes longer than a frame, so
 * it is built in slices of ~8 ms (the catalog renders and its facets work meanwhile), and later
 * catalog changes only re-index the entries whose object changed (`catalogReader.ts` keeps
 * identities). Not cached in IndexedDB: measured, a rebuild in slices does not delay the first
 * render, and a cache would be one more thing to invalidate.
 *
 * MiniSearch itself is imported on first use (its own chunk): the directory's first render does
 * not wait for it, and the first page's JavaScript stays within its budget.
 */
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import type MiniSearch from 'minisearch'
import { fold } from './fold.ts'

export interface SearchHits {
  /** Each matching entry's id, with the (folded) index terms it matched, for highlighting. */
  readonly ids: ReadonlyMap<string, readonly string[]>
}

/**
 * Words shorter than this do not search by prefix, and a query shorter than this does not filter: a
 * one- or two-letter prefix expands to thousands of terms (hundreds of ms over 10,000 fiches) and
 * narrows nothing. A short last word (still being typed) is left out until it reaches this length,
 * so "jardin p" keeps showing the results of "jardin" instead of none.
 */
export const MIN_QUERY_LENGTH = 3
const SLICE_MS = 8
/** Recent queries kept: erasing a character shows the earlier results again without searching. */
const CACHED_QUERIES = 32

const summaryText = (entry: CatalogEntry): string =>
  [entry.title, entry.city, entry.excerpt, ...entry.keywords].join('\n')

const newIndex = async (): Promise<MiniSearch<CatalogEntry>> => {
  const { default: MiniSearch } = await import('minisearch')
  return new MiniSearch<CatalogEntry>({
    fields: ['title', 'text'],
    // Folded once per field (one `normalize` per fiche, not per word: 10,000 fiches index in a
    // few hundred ms), so terms need no processing; queries are folded the same way in `search`.
    extractField: (entry, field) =>
      field === 'id'
        ? entry.id
        : fold(field === 'title' ? entry.title : (entry.searchText ?? summaryText(entry))),
    processTerm: (term) => term,
    searchOptions: {
      boost: { title: 3 },
      combineWith: 'AND',
      prefix: (term) => term.length >= MIN_QUERY_LENGTH,
      // Typos only on longer words: a fuzzy 3-letter word matches half the vocabulary.
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    },
  })
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

export class CatalogSearch {
  #index: MiniSearch<CatalogEntry> | null = null
  #indexed = new Map<string, CatalogEntry>()
  #queue: Promise<void> = Promise.resolve()
  readonly #cache = new Map<string, SearchHits>()
  #ready = false
  readonly #listeners = new Set<() => void>()

  /** True once every entry given to the last `sync` is searchable. */
  get ready(): boolean {
    return this.#ready
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Brings the index in step with `entries` (added, changed, removed), in slices; calls are queued. */
  sync(entries: readonly CatalogEntry[]): Promise<void> {
    this.#queue = this.#queue.then(() => this.#apply(entries))
    return this.#queue
  }

  async #apply(entries: readonly CatalogEntry[]): Promise<void> {
    const seen = new Set<string>()
    const changed: CatalogEntry[] = []
    for (const entry of entries) {
      seen.add(entry.id)
      if (this.#indexed.get(entry.id) !== entry) changed.push(entry)
    }
    const removed = [...this.#indexed.keys()].filter((id) => !seen.has(id))
    if (changed.length === 0 && removed.length === 0) {
      this.#setReady(true)
      return
    }
    this.#setReady(false)
    this.#cache.clear()
    this.#index ??= await newIndex()
    const index = this.#index
    for (const id of removed) {
      index.discard(id)
      this.#indexed.delete(id)
    }
    let sliceStart = performance.now()
    for (const entry of changed) {
      if (this.#indexed.has(entry.id)) index.replace(entry)
      else index.add(entry)
      this.#indexed.set(entry.id, entry)
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTask()
        sliceStart = performance.now()
      }
    }
    this.#setReady(true)
  }

  #setReady(ready: boolean): void {
    if (this.#ready === ready) return
    this.#ready = ready
    for (const listener of this.#listeners) listener()
  }

  /** The entries matching every word of `text` (prefixes, small typos), or null for no filter. */
  search(text: string): SearchHits | null {
    const words = fold(text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
    if (words.length > 0 && words.at(-1)!.length < MIN_QUERY_LENGTH) words.pop()
    const key = words.join(' ')
    if (key.length < MIN_QUERY_LENGTH) return null
    const cached = this.#cache.get(key)
    if (cached) return cached
    const ids = new Map<string, readonly string[]>()
    for (const hit of this.#index?.search(key) ?? []) ids.set(String(hit.id), hit.terms)
    const hits: SearchHits = { ids }
    // Only complete results are cached: while indexing, the same query may find more later.
    if (this.#ready) {
      if (this.#cache.size >= CACHED_QUERIES) this.#cache.delete(this.#cache.keys().next().value!)
      this.#cache.set(key, hits)
    }
    return hits
  }
}

const bySpace = new Map<string, CatalogSearch>()

/** One index per space for the page's lifetime: coming back to the directory does not rebuild it. */
export const catalogSearchFor = (space: string): CatalogSearch => {
  let search = bySpace.get(space)
  if (!search) {
    search = new CatalogSearch()
    bySpace.set(space, search)
  }
  return search
}
