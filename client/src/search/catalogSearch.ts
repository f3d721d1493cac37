/**
 * The page's side of full-text search: the search worker (`searchEngine.ts`, MiniSearch) holds the
 * index and answers queries; this keeps the answers, so that a query seen before (erasing a
 * character, going back to a filter) is answered at once, without a round trip.
 *
 * Answers arrive asynchronously: `results` returns what is known now (or undefined) and subscribers
 * are told when more is. Results are cached only when complete (the index covered every fiche) and
 * only for the catalog version they were computed on: a change sent to the worker drops them.
 */
import type { SearchDoc } from './searchIndex.ts'
import type { FromWorker, Port, ToWorker } from './searchProtocol.ts'

export interface SearchHits {
  /** Ids of the matching entries. */
  readonly ids: ReadonlySet<string>
  /** Every (folded) index term the query matched, for highlighting. */
  readonly terms: ReadonlySet<string>
  /** False while the index was still being built: more may match later. */
  readonly complete: boolean
}

/** Recent queries kept: erasing a character shows the earlier results again without searching. */
const CACHED_QUERIES = 32

export class CatalogSearch {
  readonly #port: Port<FromWorker, ToWorker>
  readonly #opened: Promise<Uint8Array | null>
  #seq = 0
  #generation = 0
  readonly #inFlight = new Map<string, number>()
  readonly #requests = new Map<number, { query: string; generation: number }>()
  readonly #cache = new Map<string, SearchHits>()
  readonly #partial = new Map<string, SearchHits>()
  #ready = false
  /** The page said the index is (or will be, after a reset) that of the catalog it shows. */
  #current = false
  #version = 0
  readonly #listeners = new Set<() => void>()

  constructor(port: Port<FromWorker, ToWorker>, space: string) {
    this.#port = port
    let resolveOpened: (key: Uint8Array | null) => void = () => {}
    this.#opened = new Promise((resolve) => {
      resolveOpened = resolve
    })
    port.addEventListener('message', ({ data }) => {
      if (data.type === 'opened') resolveOpened(data.key)
      else if (data.type === 'status') this.#setReady(data.ready)
      else this.#receive(data)
    })
    port.postMessage({ type: 'open', space })
  }

  /** The key of the catalog version the worker's cached index was built from (null: none). */
  get whenOpened(): Promise<Uint8Array | null> {
    return this.#opened
  }

  /** True when the index covers the catalog shown (`markCurrent`, or every document sent indexed). */
  get ready(): boolean {
    return this.#ready && this.#current
  }

  /** The worker's cached index is that of the catalog shown: its answers are complete. */
  markCurrent(): void {
    if (this.#current) return
    this.#current = true
    this.#inFlight.clear()
    this.#notify()
  }

  /** Changes whenever an answer arrives or readiness changes (a `useSyncExternalStore` snapshot). */
  get version(): number {
    return this.#version
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** The whole catalog (version `key`); the worker re-indexes only what changed. */
  reset(key: Uint8Array, docs: readonly SearchDoc[]): void {
    this.#current = true
    this.#changed()
    this.#port.postMessage({ type: 'reset', key, docs })
  }

  patch(key: Uint8Array, upserts: readonly SearchDoc[], removed: readonly string[]): void {
    if (upserts.length === 0 && removed.length === 0) return
    this.#changed()
    this.#port.postMessage({ type: 'patch', key, upserts, removed })
  }

  #changed(): void {
    this.#generation++
    this.#cache.clear()
    this.#inFlight.clear()
  }

  /**
   * The hits of `query` (a `queryKey`) if known: complete ones from the cache, or the latest partial
   * ones while the index is being built. Otherwise (and for partial ones) asks the worker.
   */
  results(query: string): SearchHits | undefined {
    const cached = this.#cache.get(query)
    if (cached) {
      // Most recently used last: the oldest is dropped first.
      this.#cache.delete(query)
      this.#cache.set(query, cached)
      return cached
    }
    if (!this.#inFlight.has(query)) {
      const seq = ++this.#seq
      this.#inFlight.set(query, seq)
      this.#requests.set(seq, { query, generation: this.#generation })
      this.#port.postMessage({ type: 'search', seq, query })
    }
    return this.#partial.get(query)
  }

  #receive(data: Extract<FromWorker, { type: 'results' }>): void {
    const request = this.#requests.get(data.seq)
    this.#requests.delete(data.seq)
    if (this.#inFlight.get(data.query) === data.seq) this.#inFlight.delete(data.query)
    if (!request || request.generation !== this.#generation) {
      // Computed before a change: asked again by whoever still wants it.
      this.#notify()
      return
    }
    const hits: SearchHits = {
      ids: new Set(data.ids === '' ? [] : data.ids.split('\n')),
      terms: new Set(data.terms),
      complete: data.complete && this.#current,
    }
    if (hits.complete) {
      this.#partial.delete(data.query)
      if (this.#cache.size >= CACHED_QUERIES) this.#cache.delete(this.#cache.keys().next().value!)
      this.#cache.set(data.query, hits)
    } else {
      this.#partial.clear()
      this.#partial.set(data.query, hits)
    }
    this.#notify()
  }

  #setReady(ready: boolean): void {
    if (this.#ready === ready) return
    this.#ready = ready
    // Partial results are asked again once the index is complete.
    if (ready) this.#inFlight.clear()
    this.#notify()
  }

  #notify(): void {
    this.#version++
    for (const listener of this.#listeners) listener()
  }
}

const bySpace = new Map<string, CatalogSearch>()

/** One worker per space for the page's lifetime: coming back to the directory reuses its index. */
export const catalogSearchFor = (space: string): CatalogSearch => {
  let search = bySpace.get(space)
  if (!search) {
    const worker = new Worker(new URL('./searchWorker.ts', import.meta.url), {
      type: 'module',
      name: `search ${space}`,
    })
    search = new CatalogSearch(worker as unknown as Port<FromWorker, ToWorker>, space)
    bySpace.set(space, search)
  }
  return search
}
