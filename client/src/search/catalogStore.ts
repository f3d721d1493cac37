/**
 * A space's catalog as the directory shows it, from the fastest source first:
 *
 * 1. the snapshot cache (`snapshotCache.ts`), shown at once;
 * 2. then (after that first paint) the index document `<space>/_index` from IndexedDB, through the
 *    doc store: if its Yjs snapshot equals the cached one, the shown catalog was exact and nothing
 *    is redone; otherwise the catalog is read from the document and the snapshot saved again;
 * 3. then live: every change to the document (from the relay, another tab, this page) updates the
 *    catalog incrementally (`CatalogModel.withChanges`), the search worker, and (a little later) the
 *    snapshot.
 *
 * The search worker (`catalogSearch.ts`) is kept in step here too: told nothing when its cached
 * index was built from the same document version, the whole catalog otherwise (it re-indexes only
 * the fiches whose text changed), and each change after that.
 *
 * No React: `hooks/useCatalogModel.ts` adapts it. One store per space for the page's lifetime;
 * it holds the index document while someone uses it, and keeps its last catalog to show at once
 * when the directory is opened again.
 */
import { INDEX_DOC_ID } from '@kenlabour/shared/names'
import { type CatalogEntry, catalogEntrySchema, catalogMap } from '@kenlabour/shared/spaceIndex'
import * as Y from 'yjs'
import { type DocHandle, type DocLease, docStore } from '../sync/docStore.ts'
import { CatalogModel, SlotRegistry } from './catalogModel.ts'
import type { CatalogSearch } from './catalogSearch.ts'
import { searchDocOf } from './searchQuery.ts'
import { loadSnapshot, saveSnapshot } from './snapshotCache.ts'

export type CatalogSource =
  /** Nothing to show yet (no snapshot; the document is loading). */
  | 'none'
  /** The cached snapshot (or the last catalog of this page), until the document is loaded. */
  | 'snapshot'
  /** The index document itself, followed live. */
  | 'live'

export interface CatalogState {
  readonly model: CatalogModel
  readonly source: CatalogSource
  /** The index document, once opened (its load and connection state). */
  readonly handle: DocHandle | null
  /**
   * The page's side of the search worker, loaded after the first paint (it is not needed to show
   * the catalog, so it is not part of the first page's JavaScript either).
   */
  readonly search: CatalogSearch | null
}

/** Changes are applied at most this often: a burst from the relay costs one update of the page. */
const BATCH_MS = 40
/** The snapshot is saved this long after the last change (saving costs a few tens of ms). */
const SAVE_DELAY_MS = 2_000
/** Released stores keep the document open this long, like the doc store: back and forth is free. */
const STOP_DELAY_MS = 15_000

/** Resolves after the next frame is painted (or soon, in a hidden tab where frames do not run). */
const afterPaint = (): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, 100)
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer)
        resolve()
      }, 0),
    )
  })

/** Whether `key` (an encoded Yjs snapshot) is the version of `doc`, or of the other `key`. */
const sameVersion = (key: Uint8Array | null, other: Y.Doc | Uint8Array | null): boolean => {
  if (!key || !other) return false
  try {
    const snapshot = other instanceof Y.Doc ? Y.snapshot(other) : Y.decodeSnapshot(other)
    return Y.equalSnapshots(Y.decodeSnapshot(key), snapshot)
  } catch {
    return false
  }
}

const parseEntry = (value: unknown): CatalogEntry | null => {
  const parsed = catalogEntrySchema.safeParse(value)
  return parsed.success ? parsed.data : null
}

const readEntries = (doc: Y.Doc): CatalogEntry[] => {
  const out: CatalogEntry[] = []
  for (const value of catalogMap(doc).values()) {
    const entry = parseEntry(value)
    if (entry) out.push(entry)
  }
  return out
}

/** One run: from opening the document to releasing it. */
interface Run {
  readonly lease: DocLease
  stopped: boolean
  stop(): void
}

export class CatalogStore {
  readonly #space: string
  /** Shared by every model of this space and the search worker's answers. */
  readonly #slots = new SlotRegistry()
  #searchLoading: Promise<CatalogSearch> | null = null
  #state: CatalogState = { model: CatalogModel.empty, source: 'none', handle: null, search: null }
  /** The Yjs snapshot (encoded) of the document version the model shows, when known. */
  #modelKey: Uint8Array | null = null
  readonly #listeners = new Set<() => void>()
  #leases = 0
  #run: Run | null = null
  #stopTimer: ReturnType<typeof setTimeout> | null = null
  #starting = false
  /** Read from the first moment the store exists (the page's first render), not its first effect. */
  #snapshot: ReturnType<typeof loadSnapshot> | null

  constructor(space: string) {
    this.#space = space
    this.#snapshot = loadSnapshot(space)
  }

  /** Loads the search's module and starts its worker (once). */
  #loadSearch(): Promise<CatalogSearch> {
    this.#searchLoading ??= import('./catalogSearch.ts').then(({ catalogSearchFor }) => {
      const search = catalogSearchFor(this.#space, this.#slots)
      search.start()
      this.#set({ search })
      return search
    })
    return this.#searchLoading
  }

  getState = (): CatalogState => this.#state

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** The whole text of an entry (for the extract around a match deep in a fiche), once loaded. */
  textOf = (id: string): string | undefined => {
    const doc = this.#state.handle?.doc
    const value = doc ? (catalogMap(doc).get(id) as { searchText?: unknown } | undefined) : undefined
    return typeof value?.searchText === 'string' ? value.searchText : undefined
  }

  /** Holds the catalog (and its document) until the returned function is called. */
  acquire(): () => void {
    this.#leases++
    if (this.#stopTimer) {
      clearTimeout(this.#stopTimer)
      this.#stopTimer = null
    }
    if (!this.#run && !this.#starting) void this.#start()
    let released = false
    return () => {
      if (released) return
      released = true
      this.#leases--
      if (this.#leases > 0) return
      this.#stopTimer = setTimeout(() => {
        this.#stopTimer = null
        if (this.#leases > 0) return
        this.#run?.stop()
        this.#run = null
      }, STOP_DELAY_MS)
    }
  }

  #set(patch: Partial<CatalogState>): void {
    this.#state = { ...this.#state, ...patch }
    for (const listener of this.#listeners) listener()
  }

  async #start(): Promise<void> {
    this.#starting = true
    let shownKey: Uint8Array | null = null
    if (this.#state.source === 'none') {
      const snapshot = await (this.#snapshot ?? loadSnapshot(this.#space))
      this.#snapshot = null
      if (snapshot && this.#state.source === 'none') {
        shownKey = snapshot.key
        this.#modelKey = snapshot.key
        this.#set({
          model: CatalogModel.of(snapshot.entries, snapshot.orders, this.#slots),
          source: 'snapshot',
        })
      }
    } else if (this.#state.source === 'live') {
      this.#set({ source: 'snapshot' })
    }
    // The shown catalog is painted before the document's (long) decoding starts, and before the
    // search worker starts loading its index (on two cores, it competes with the page).
    if (this.#state.source === 'snapshot') await afterPaint()
    void this.#loadSearch().then(async (search) => {
      // Search is complete at once if the worker's cached index was built from the shown version.
      if (shownKey && sameVersion(await search.whenOpened, shownKey)) search.markCurrent()
    })
    this.#starting = false
    if (this.#leases === 0) return
    this.#open()
  }

  #open(): void {
    const lease = docStore().open(this.#space, INDEX_DOC_ID)
    const { doc } = lease.handle
    const map = catalogMap(doc)
    let loaded = false
    let dirty = new Set<string>()
    let flushes = 0
    let batchTimer: ReturnType<typeof setTimeout> | null = null
    let saveTimer: ReturnType<typeof setTimeout> | null = null
    const onChange = (event: Y.YMapEvent<CatalogEntry>) => {
      for (const key of event.keysChanged) dirty.add(key)
      if (loaded && !batchTimer) batchTimer = setTimeout(flush, BATCH_MS)
    }
    const run: Run = {
      lease,
      stopped: false,
      stop: () => {
        run.stopped = true
        map.unobserve(onChange)
        if (batchTimer) clearTimeout(batchTimer)
        if (saveTimer) clearTimeout(saveTimer)
        lease.release()
        this.#set({ handle: null })
      },
    }
    this.#run = run
    map.observe(onChange)
    this.#set({ handle: lease.handle })

    const save = () => {
      saveTimer = null
      // Saved with the version the model shows (not the document's, which may be ahead of it).
      if (!run.stopped && this.#modelKey) void saveSnapshot(this.#space, this.#modelKey, this.#state.model)
    }
    const scheduleSave = (delay: number) => {
      if (saveTimer) clearTimeout(saveTimer)
      saveTimer = setTimeout(save, delay)
    }

    const flush = () => {
      batchTimer = null
      if (run.stopped || dirty.size === 0) return
      const keys = dirty
      dirty = new Set()
      flushes++
      const upserts: CatalogEntry[] = []
      const removed: string[] = []
      for (const key of keys) {
        const entry = map.has(key) ? parseEntry(map.get(key)) : null
        if (entry) upserts.push(entry)
        else removed.push(key)
      }
      const key = Y.encodeSnapshot(Y.snapshot(doc))
      this.#modelKey = key
      this.#set({ model: this.#state.model.withChanges(upserts, removed) })
      // Before the search is loaded, the reset below (after the document's load) covers the change.
      this.#state.search?.patch(key, upserts.map(searchDocOf), removed)
      scheduleSave(SAVE_DELAY_MS)
    }

    void lease.handle.whenLocal.then(async () => {
      if (run.stopped) return
      // Everything observed so far is in the document now: compared or read whole below.
      dirty = new Set()
      loaded = true
      const current = sameVersion(this.#modelKey, doc)
      let entries: CatalogEntry[] | null = null
      const flushed = flushes
      if (current) {
        this.#set({ source: 'live' })
      } else {
        entries = readEntries(doc)
        this.#modelKey = Y.encodeSnapshot(Y.snapshot(doc))
        this.#set({ model: CatalogModel.of(entries, undefined, this.#slots), source: 'live' })
        // Saved once this catalog is painted (sorting it for the snapshot is not free either).
        void afterPaint().then(save)
      }
      const search = await this.#loadSearch()
      const indexed = await search.whenOpened
      if (run.stopped) return
      if (sameVersion(indexed, doc)) {
        search.markCurrent()
        return
      }
      // Read now: changes may have come in meanwhile (the worker had them as patches already).
      if (!entries || flushes !== flushed || dirty.size > 0) entries = readEntries(doc)
      search.reset(Y.encodeSnapshot(Y.snapshot(doc)), entries.map(searchDocOf))
    })
  }
}

const stores = new Map<string, CatalogStore>()

export const catalogStoreFor = (space: string): CatalogStore => {
  let store = stores.get(space)
  if (!store) {
    store = new CatalogStore(space)
    stores.set(space, store)
  }
  return store
}
