/**
 * The device's storage as the person should know it: ask the browser to keep our data
 * (`navigator.storage.persist`, so IndexedDB is not evicted under pressure), and turn a full disk
 * (`QuotaExceededError`, raised by IndexedDB writes, y-indexeddb's included) into one clear message
 * instead of a silent failure. Nothing is lost when that happens while online: the relay still gets
 * every change over the websocket.
 */

export type PersistResult = 'granted' | 'denied' | 'unsupported'

/** Asks once for persistent storage; browsers may grant it silently, ask, or refuse. */
export const requestPersistentStorage = async (): Promise<PersistResult> => {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
  if (!storage?.persist) return 'unsupported'
  try {
    if (await storage.persisted()) return 'granted'
    return (await storage.persist()) ? 'granted' : 'denied'
  } catch {
    return 'unsupported'
  }
}

/** True for the errors browsers raise when the origin's storage quota is exhausted. */
export const isQuotaError = (error: unknown): boolean => {
  if (!error || typeof error !== 'object') return false
  const { name, code } = error as { name?: unknown; code?: unknown }
  return (
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    code === 22 ||
    code === 1014 ||
    // An IndexedDB transaction aborted because of the quota carries it as its `error`.
    (name === 'AbortError' && isQuotaError((error as { target?: { error?: unknown } }).target?.error))
  )
}

export interface StorageProblem {
  readonly kind: 'quota'
  /** What the browser said, for the details. */
  readonly detail: string
}

let problem: StorageProblem | null = null
const listeners = new Set<() => void>()

export const storageProblem = {
  get: (): StorageProblem | null => problem,
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  dismiss: (): void => {
    problem = null
    for (const listener of listeners) listener()
  },
}

/** Records a storage error if it is a quota error; returns whether it was one. */
export const reportStorageError = (error: unknown): boolean => {
  if (!isQuotaError(error)) return false
  const detail = error instanceof Error ? error.message : String((error as { name?: unknown }).name)
  problem = { kind: 'quota', detail }
  for (const listener of listeners) listener()
  return true
}

/**
 * A full disk shows when an IndexedDB transaction commits: it aborts with a `QuotaExceededError`
 * while each of its requests already succeeded, so no promise of y-indexeddb's rejects. Abort and
 * error events bubble from a transaction to its database: listen there, for every database
 * y-indexeddb opens (`docStore`).
 */
export const watchDatabase = (db: IDBDatabase): void => {
  const onFailure = (event: Event) => {
    reportStorageError((event.target as { error?: unknown } | null)?.error)
  }
  db.addEventListener('abort', onFailure)
  db.addEventListener('error', onFailure)
}

/**
 * y-indexeddb writes in promises nobody awaits, so a full disk surfaces as an unhandled rejection:
 * catch those that are quota errors (and only those) and report them.
 */
export const watchStorageErrors = (target: Pick<Window, 'addEventListener'> = window): void => {
  target.addEventListener('unhandledrejection', (event) => {
    if (reportStorageError(event.reason)) event.preventDefault()
  })
}
