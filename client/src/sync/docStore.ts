/**
 * Opens each document once per name, whoever asks for it: a `Y.Doc` stored in IndexedDB
 * (y-indexeddb) and synced with the relay (stock y-websocket provider). Callers take a lease and
 * release it; the document is closed a little while after its last lease is released, so that going
 * from a fiche to its edit mode and back does not reopen it.
 *
 * No React here: the hooks in `src/hooks/` adapt this to components.
 */
import { docName, parseDocName } from '@kenlabour/shared/names'
import { IndexeddbPersistence } from 'y-indexeddb'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { roleFor, storedToken } from './accessTokens.ts'
import { muteAwarenessEcho } from './awarenessCoalescing.ts'
import { type CloseInfo, type ConnectionState, closeInfo, shouldReconnect } from './connection.ts'
import { createDurabilityTracker, type DurabilityTracker } from './durability.ts'
import { clearPending, markPending, pendingDocs } from './pending.ts'
import { batchRemoteWrites } from './remoteWriteBatching.ts'
import { watchDatabase } from './storage.ts'
import { clearChangedElsewhere } from './syncState.ts'

export interface DocState {
  /** The local copy (IndexedDB) has been loaded into the doc, or there is none to load. */
  readonly localLoaded: boolean
  /** The relay answered the initial sync at least once since the document was opened. */
  readonly everSynced: boolean
  readonly connection: ConnectionState
  /** Changed here while the relay could not be told; true until the next sync with the relay. */
  readonly pending: boolean
}

export interface DocHandle {
  readonly name: string
  readonly space: string
  readonly id: string
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  readonly awareness: Awareness
  /** "Saved on the server" vs "on this device" (the relay's durable acknowledgements). */
  readonly durability: DurabilityTracker
  /** False for readers (no editor link for this space): the UI shows the fiche read-only. */
  readonly canWrite: boolean
  /** Resolves once the local copy is in the doc: render it at once, before the network answers. */
  readonly whenLocal: Promise<void>
  /** Resolves once the document holds something to show: local copy loaded, or relay synced. */
  readonly whenReady: Promise<void>
  getState(): DocState
  subscribe(listener: () => void): () => void
  /** Tries to connect again after the relay refused the connection (`closed` state). */
  reconnect(): void
}

export interface DocLease {
  readonly handle: DocHandle
  /** Idempotent. */
  release(): void
}

export interface DocStoreOptions {
  /** `ws://host:port` or `wss://host`; the provider connects to `<wsOrigin>/sync/<space>/<id>`. */
  readonly wsOrigin: string
  /** Keep documents in IndexedDB (false where IndexedDB is unavailable). */
  readonly persist: boolean
  /** How long a document stays open after its last lease is released. */
  readonly closeDelayMs: number
}

interface Entry {
  readonly handle: DocHandle
  readonly destroy: () => void
  leases: number
  closeTimer: ReturnType<typeof setTimeout> | null
}

const openDocument = (space: string, id: string, options: DocStoreOptions, onSettled: () => void): Entry => {
  const name = docName(space, id)
  const doc = new Y.Doc()
  // Before the provider: it must count a local change before the provider sends it.
  const durability = createDurabilityTracker(doc)
  const token = storedToken(space)
  const provider = new WebsocketProvider(`${options.wsOrigin}/sync`, name, doc, {
    shouldReconnect: (event) => shouldReconnect(event),
    params: token ? { token, durable: '1' } : { durable: '1' },
  })
  durability.attach(provider)
  const role = roleFor(space)
  muteAwarenessEcho(provider)
  const persistence = options.persist ? new IndexeddbPersistence(name, doc) : null
  const stopBatchingWrites = persistence ? batchRemoteWrites(persistence, provider) : () => {}

  let state: DocState = {
    localLoaded: persistence === null,
    everSynced: false,
    connection: { kind: 'connecting' },
    pending: pendingDocs().includes(name),
  }
  const listeners = new Set<() => void>()
  const update = (patch: Partial<DocState>) => {
    state = { ...state, ...patch }
    for (const listener of listeners) listener()
  }

  let resolveLocal: () => void = () => {}
  const whenLocal = new Promise<void>((resolve) => {
    resolveLocal = resolve
  })
  let resolveReady: () => void = () => {}
  const whenReady = new Promise<void>((resolve) => {
    resolveReady = resolve
  })
  const localDone = () => {
    if (!state.localLoaded) update({ localLoaded: true })
    resolveLocal()
    resolveReady()
  }
  if (persistence) {
    persistence.whenSynced.then(localDone, localDone)
    // A browser that refuses IndexedDB (private mode, quota) must not keep the page loading forever.
    persistence._db.then(watchDatabase, localDone)
  } else {
    localDone()
  }

  let lastClose: CloseInfo | null = null
  provider.on('status', ({ status }) => {
    if (status === 'connected') {
      lastClose = null
      update({ connection: { kind: 'connected', synced: false } })
    } else if (status === 'disconnected') {
      update({ connection: { kind: 'offline', close: lastClose } })
    } else if (state.connection.kind === 'connected') {
      update({ connection: { kind: 'connecting' } })
    }
  })
  provider.on('connection-close', (event) => {
    // `null` when we closed the socket ourselves (destroy, watchdog): nothing to explain.
    if (!event) return
    const info = closeInfo(event.code, event.reason)
    lastClose = info.name ? info : null
    if (state.connection.kind !== 'closed') update({ connection: { kind: 'offline', close: lastClose } })
  })
  provider.on('closed', ({ code, reason }) => {
    update({ connection: { kind: 'closed', close: closeInfo(code, reason) } })
  })
  provider.on('sync', (synced) => {
    if (!synced || state.connection.kind !== 'connected') return
    // The relay sends its state vector first; our reply (everything it lacks) went out before its
    // answer to ours marked us synced, so local changes made offline are on their way.
    const wasPending = state.pending
    if (wasPending) clearPending(name)
    update({ connection: { kind: 'connected', synced: true }, everSynced: true, pending: false })
    resolveReady()
    if (wasPending) onSettled()
  })
  doc.on('update', (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    const live = state.connection.kind === 'connected' && state.connection.synced
    if (!transaction.local || live) return
    // Every offline change is counted ("N modifications en attente"), the state changes once.
    markPending(name)
    if (!state.pending) update({ pending: true })
  })

  const handle: DocHandle = {
    name,
    space,
    id,
    doc,
    provider,
    awareness: provider.awareness,
    durability,
    canWrite: role === 'editor' || role === 'admin',
    whenLocal,
    whenReady,
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    reconnect: () => {
      if (state.connection.kind === 'closed') update({ connection: { kind: 'connecting' } })
      provider.connect()
    },
  }
  const destroy = () => {
    listeners.clear()
    durability.destroy()
    provider.destroy()
    // Others' edits still waiting are written now; closing the database lets the pending writes
    // finish.
    stopBatchingWrites()
    void persistence?.destroy()
    doc.destroy()
  }
  return { handle, destroy, leases: 0, closeTimer: null }
}

export class DocStore {
  readonly #entries = new Map<string, Entry>()
  readonly #options: DocStoreOptions

  constructor(options: DocStoreOptions) {
    this.#options = options
  }

  /** A lease on `<space>/<id>`, opening the document if no one holds it. */
  open(space: string, id: string): DocLease {
    const name = docName(space, id)
    // Opened: whatever changed elsewhere is now seen (the catalog's marker goes away).
    clearChangedElsewhere(space, id)
    let entry = this.#entries.get(name)
    if (!entry) {
      entry = openDocument(space, id, this.#options, () => this.#scheduleClose(name))
      this.#entries.set(name, entry)
    }
    const opened = entry
    if (opened.closeTimer) {
      clearTimeout(opened.closeTimer)
      opened.closeTimer = null
    }
    opened.leases++
    let released = false
    return {
      handle: opened.handle,
      release: () => {
        if (released) return
        released = true
        opened.leases--
        this.#scheduleClose(name)
      },
    }
  }

  /**
   * Closes a document a while after its last lease is released, unless it holds changes the relay
   * has not had yet: those stay open (and connected) until they sync.
   */
  #scheduleClose(name: string): void {
    const entry = this.#entries.get(name)
    if (!entry || entry.leases > 0 || entry.closeTimer) return
    entry.closeTimer = setTimeout(() => {
      entry.closeTimer = null
      if (entry.leases > 0 || this.#entries.get(name) !== entry || entry.handle.getState().pending) return
      this.#entries.delete(name)
      entry.destroy()
    }, this.#options.closeDelayMs)
  }

  /** Reopens the documents changed offline in an earlier visit, so they sync in the background. */
  resumePending(): void {
    for (const name of pendingDocs()) {
      const address = parseDocName(name)
      if (address) this.open(address.space, address.id).release()
      else clearPending(name)
    }
  }

  /** Closes every document at once (tests, page teardown). */
  closeAll(): void {
    for (const entry of this.#entries.values()) {
      if (entry.closeTimer) clearTimeout(entry.closeTimer)
      entry.destroy()
    }
    this.#entries.clear()
  }
}

/** The relay's WebSocket origin for the page's own origin: the relay serves the client. */
export const wsOriginOf = (location: { protocol: string; host: string }): string =>
  `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`

let shared: DocStore | null = null

/** The store of this page. */
export const docStore = (): DocStore => {
  shared ??= new DocStore({
    wsOrigin: wsOriginOf(window.location),
    persist: typeof indexedDB !== 'undefined',
    closeDelayMs: 15_000,
  })
  return shared
}
