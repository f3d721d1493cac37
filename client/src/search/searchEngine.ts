/**
 * The search worker's work, behind a message port (`searchProtocol.ts`): keeps a space's MiniSearch
 * index in step with the catalog, answers queries, and keeps the built index in IndexedDB.
 *
 * Why a worker: indexing 10,000 fiches (≈2.5 million words) takes seconds, and a loaded index is
 * tens of megabytes of small objects; in the page, both would stall typing and scrolling (and the
 * garbage collector) for as long. Here the page's main thread only posts a query and gets back ids.
 *
 * Why cached: rebuilding on every visit costs seconds of CPU before search covers every fiche;
 * loading the serialized index (`toJSON`/`loadJSON`) costs a fraction of that. Each cached index
 * carries the key of the catalog version it was built from and a hash of every document's text, so
 * a later `reset` re-indexes only the documents whose text changed.
 *
 * Indexing runs in slices, answering queries in between (from the partial index, marked incomplete).
 */
import type MiniSearch from 'minisearch'
import { z } from 'zod'
import { createIndex, documentNumbers, loadIndex, matchQuery, warmUp } from './searchIndex.ts'
import type { FromWorker, Port, ToWorker } from './searchProtocol.ts'
import type { SearchDoc } from './searchQuery.ts'

/** Where built indexes are kept (IndexedDB in the worker; memory in the tests). */
export interface IndexCache {
  read(space: string): Promise<unknown>
  write(space: string, value: unknown): Promise<boolean>
}

const CACHE_VERSION = 1
const cachedIndexSchema = z.object({
  version: z.literal(CACHE_VERSION),
  key: z.instanceof(Uint8Array),
  json: z.string(),
  hashes: z.map(z.string(), z.number()),
})

/** Indexing slice: long enough to amortise the yield, short enough to answer a query promptly. */
const SLICE_MS = 12
/** A build of this many documents is saved before announcing the index ready (see `#built`). */
const LARGE_BUILD = 1_000
/** Saved once the page has sent nothing (no query, no change) for this long. */
const SAVE_IDLE_MS = 1_500

/** cyrb53 (public domain): a 53-bit hash of a document's text, to tell which ones changed. */
export const textHash = (text: string): number => {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** A macrotask without timer clamping: lets queued messages in between two slices. */
const yieldToMessages = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })

export class SearchEngine {
  readonly #port: Port<ToWorker, FromWorker>
  readonly #cache: IndexCache
  #space = ''
  #opening: Promise<void> = Promise.resolve()
  #index: MiniSearch<SearchDoc> = createIndex()
  /** Hash of the text of every indexed document. */
  #hashes = new Map<string, number>()
  /** Documents to (re-)index, or null to remove; applied by the build loop. */
  #pending = new Map<string, SearchDoc | null>()
  #pendingHashes = new Map<string, number>()
  #building = false
  #built = 0
  #key: Uint8Array | null = null
  #savedKey: Uint8Array | null = null
  #saveTimer: ReturnType<typeof setTimeout> | null = null
  /** The page's numbers for ids (`slots` messages), for the answers' masks. */
  readonly #slotOf = new Map<string, number>()
  #slots = 0
  /** The slot of each MiniSearch document number (-1: none), rebuilt after the index or slots change. */
  #slotByNumber: Int32Array | null = null

  constructor(port: Port<ToWorker, FromWorker>, cache: IndexCache) {
    this.#port = port
    this.#cache = cache
    port.addEventListener('message', (event) => this.#receive(event.data))
  }

  #receive(message: ToWorker): void {
    if (message.type === 'open') {
      this.#opening = this.#open(message.space)
      return
    }
    if (message.type === 'slots') {
      message.ids.forEach((id, i) => {
        this.#slotOf.set(id, message.from + i)
      })
      this.#slots = Math.max(this.#slots, message.from + message.ids.length)
      this.#slotByNumber = null
      return
    }
    void this.#opening.then(() => {
      if (message.type === 'search') this.#search(message.seq, message.query)
      else if (message.type === 'reset') this.#reset(message.key, message.docs)
      else this.#patch(message.key, message.upserts, message.removed)
      this.#postponeSave()
    })
  }

  async #open(space: string): Promise<void> {
    this.#space = space
    const cached = cachedIndexSchema.safeParse(await this.#cache.read(space))
    let key: Uint8Array | null = null
    if (cached.success) {
      try {
        this.#index = loadIndex(cached.data.json)
        this.#hashes = cached.data.hashes
        key = cached.data.key
      } catch {
        this.#index = createIndex()
        this.#hashes = new Map()
      }
    }
    this.#key = key
    this.#savedKey = key
    this.#slotByNumber = null
    warmUp(this.#index)
    this.#post({ type: 'opened', key })
    this.#post({ type: 'status', ready: true })
  }

  #post(message: FromWorker): void {
    this.#port.postMessage(message)
  }

  #search(seq: number, query: string): void {
    const { matched, terms } = matchQuery(this.#index, query)
    const slots = this.#slotsByNumber()
    const mask = new Uint8Array(this.#slots)
    const end = Math.min(matched.length, slots.length)
    for (let number = 0; number < end; number++) {
      if (matched[number] === 1 && slots[number]! >= 0) mask[slots[number]!] = 1
    }
    this.#port.postMessage({ type: 'results', seq, query, mask, terms, complete: this.#pending.size === 0 }, [
      mask.buffer,
    ])
  }

  #slotsByNumber(): Int32Array {
    if (!this.#slotByNumber) {
      const numbers = documentNumbers(this.#index)
      let size = 0
      for (const number of numbers.keys()) size = Math.max(size, number + 1)
      const slots = new Int32Array(size).fill(-1)
      for (const [number, id] of numbers) slots[number] = this.#slotOf.get(id) ?? -1
      this.#slotByNumber = slots
    }
    return this.#slotByNumber
  }

  #reset(key: Uint8Array, docs: readonly SearchDoc[]): void {
    this.#key = key
    const pending = new Map<string, SearchDoc | null>()
    const pendingHashes = new Map<string, number>()
    const seen = new Set<string>()
    for (const doc of docs) {
      seen.add(doc.id)
      const hash = textHash(doc.text)
      if (this.#hashes.get(doc.id) === hash) continue
      pending.set(doc.id, doc)
      pendingHashes.set(doc.id, hash)
    }
    for (const id of this.#hashes.keys()) if (!seen.has(id)) pending.set(id, null)
    this.#pending = pending
    this.#pendingHashes = pendingHashes
    this.#startBuild()
  }

  #patch(key: Uint8Array, upserts: readonly SearchDoc[], removed: readonly string[]): void {
    this.#key = key
    for (const id of removed) {
      this.#pending.set(id, null)
      this.#pendingHashes.delete(id)
    }
    for (const doc of upserts) {
      this.#pending.set(doc.id, doc)
      this.#pendingHashes.set(doc.id, textHash(doc.text))
    }
    this.#startBuild()
  }

  #startBuild(): void {
    if (this.#building || this.#pending.size === 0) return
    this.#building = true
    this.#built = 0
    this.#post({ type: 'status', ready: false })
    void this.#build()
  }

  async #build(): Promise<void> {
    while (this.#pending.size > 0) {
      const start = performance.now()
      for (const [id, doc] of this.#pending) {
        this.#pending.delete(id)
        this.#apply(id, doc)
        this.#built++
        if (performance.now() - start > SLICE_MS) break
      }
      await yieldToMessages()
    }
    this.#building = false
    // After a large build, save first: a save later would stall the queries of someone typing.
    if (this.#built >= LARGE_BUILD) {
      await this.#save()
      warmUp(this.#index)
    } else this.#postponeSave()
    this.#post({ type: 'status', ready: true })
  }

  #apply(id: string, doc: SearchDoc | null): void {
    const index = this.#index
    this.#slotByNumber = null
    if (doc === null) {
      if (index.has(id)) index.discard(id)
      this.#hashes.delete(id)
      return
    }
    if (index.has(id)) index.replace(doc)
    else index.add(doc)
    this.#hashes.set(id, this.#pendingHashes.get(id) ?? textHash(doc.text))
    this.#pendingHashes.delete(id)
  }

  #postponeSave(): void {
    if (this.#saveTimer) clearTimeout(this.#saveTimer)
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = null
      if (!this.#building) void this.#save()
    }, SAVE_IDLE_MS)
  }

  async #save(): Promise<void> {
    const key = this.#key
    if (!key || key === this.#savedKey || this.#pending.size > 0) return
    const saved = await this.#cache.write(this.#space, {
      version: CACHE_VERSION,
      key,
      json: JSON.stringify(this.#index),
      hashes: this.#hashes,
    })
    if (saved) this.#savedKey = key
  }
}
