/**
 * The page's side of full-text search: the search worker (`searchEngine.ts`, MiniSearch) holds the
 * index and answers queries; this keeps the answers, so that a query seen before (erasing a
 * character, going back to a filter) is answered at once, without a round trip.
 *
 * Answers arrive asynchronously: `results` returns what is known now (or undefined) and subscribers
 * are told when more is. Results are cached only when complete (the index covered every fiche) and
 * only for the catalog version they were computed on: a change sent to the worker drops them.
 */

import type { SlotRegistry, TextMatches } from './catalogModel.ts'
import type { FromWorker, Port, ToWorker } from './searchProtocol.ts'
import type { SearchDoc } from './searchQuery.ts'

/** The matches of one answer: a byte per slot of the registry, read as a set of ids. */
class SlotMatches implements TextMatches, Iterable<string> {
  readonly bySlot: { readonly registry: SlotRegistry; readonly mask: Uint8Array }

  constructor(registry: SlotRegistry, mask: Uint8Array) {
    this.bySlot = { registry, mask }
  }

  has(id: string): boolean {
    return this.bySlot.mask[this.bySlot.registry.find(id)] === 1
  }

  *[Symbol.iterator](): Iterator<string> {
    const { registry, mask } = this.bySlot
    for (let slot = 0; slot < mask.length; slot++) if (mask[slot] === 1) yield registry.ids[slot]!
  }
}

export interface SearchHits {
  /** The matching entries (a set of ids, also as a byte per slot: `CatalogModel`'s fast path). */
  readonly ids: TextMatches & Iterable<string>
  /** Every (folded) index term the query matched, for highlighting. */
  readonly terms: ReadonlySet<string>
  /** False while the index was still being built: more may match later. */
  readonly complete: boolean
}

/** Recent queries kept: erasing a character shows the earlier results again without searching. */
const CACHED_QUERIES = 32

export class CatalogSearch {
  readonly #connect: () => Port<FromWorker, ToWorker>
  readonly #space: string
  readonly #registry: SlotRegistry
  #slotsSent = 0
  #port: Port<FromWorker, ToWorker> | null = null
  #resolveOpened: (key: Uint8Array | null) => void = () => {}
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

  /** `connect` starts the worker: called on first use, so that it does not compete with the first paint. */
  constructor(connect: () => Port<FromWorker, ToWorker>, space: string, registry: SlotRegistry) {
    this.#connect = connect
    this.#space = space
    this.#registry = registry
    this.#opened = new Promise((resolve) => {
      this.#resolveOpened = resolve
    })
  }

  /** Starts the worker and has it load its cached index (idempotent). */
  start(): void {
    this.#post()
  }

  #post(message?: ToWorker): void {
    if (!this.#port) {
      const port = this.#connect()
      this.#port = port
      port.addEventListener('message', ({ data }) => {
        if (data.type === 'opened') this.#resolveOpened(data.key)
        else if (data.type === 'status') this.#setReady(data.ready)
        else this.#receive(data)
      })
      port.postMessage({ type: 'open', space: this.#space })
    }
    // The worker learns the numbers of new ids before any message that may need them.
    const { ids } = this.#registry
    if (ids.length > this.#slotsSent) {
      this.#port.postMessage({ type: 'slots', from: this.#slotsSent, ids: ids.slice(this.#slotsSent) })
      this.#slotsSent = ids.length
    }
    if (message) this.#port.postMessage(message)
  }

  /**
   * The key of the catalog version the worker's cached index was built from (null: none), once the
   * worker has started (`start`) and loaded it.
   */
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
    // Usually given already (the catalog's model numbers every entry it holds).
    for (const doc of docs) this.#registry.slot(doc.id)
    this.#post({ type: 'reset', key, docs })
  }

  patch(key: Uint8Array, upserts: readonly SearchDoc[], removed: readonly string[]): void {
    if (upserts.length === 0 && removed.length === 0) return
    this.#changed()
    for (const doc of upserts) this.#registry.slot(doc.id)
    this.#post({ type: 'patch', key, upserts, removed })
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
      this.#post({ type: 'search', seq, query })
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
      ids: new SlotMatches(this.#registry, data.mask),
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
export const catalogSearchFor = (space: string, registry: SlotRegistry): CatalogSearch => {
  let search = bySpace.get(space)
  if (!search) {
    const connect = () =>
      new Worker(new URL('./searchWorker.ts', import.meta.url), {
        type: 'module',
        name: `search ${space}`,
      }) as unknown as Port<FromWorker, ToWorker>
    search = new CatalogSearch(connect, space, registry)
    bySpace.set(space, search)
  }
  return search
}
