/**
 * Sync state in the words the interface uses, per fiche and per space:
 * - "Enregistré sur cet appareil" (in IndexedDB, the relay not reached yet),
 * - "N modifications en attente" (changed here, not yet sent),
 * - "Synchronisé avec le serveur": the relay acknowledged every local change as stored ("durable
 *   up to", `durability.ts`), or, with no local change, the relay's state was received (what the
 *   relay sends is already durable, relay/PROTOCOL.md);
 * and the catalog's marker of fiches changed elsewhere since this device last opened them.
 *
 * No React: hooks subscribe to the small stores here.
 */
import type { DocState } from './docStore.ts'
import type { DurabilityState } from './durability.ts'

export type FicheSync =
  | { readonly kind: 'loading' }
  | { readonly kind: 'local' }
  | { readonly kind: 'waiting'; readonly count: number }
  | { readonly kind: 'synced' }

/**
 * The state of one document, from its load/connection state, its changes waiting across reloads
 * (`pending.ts`) and the relay's acknowledgements in this page (`durability.ts`).
 */
export const ficheSyncState = (
  state: DocState,
  pendingCount: number,
  durable: DurabilityState,
): FicheSync => {
  const waiting = Math.max(pendingCount, durable.waiting)
  if (waiting > 0 || state.pending) return { kind: 'waiting', count: Math.max(1, waiting) }
  if (durable.savedOnServer) return { kind: 'synced' }
  if (state.connection.kind === 'connected' && state.connection.synced) return { kind: 'synced' }
  return state.localLoaded ? { kind: 'local' } : { kind: 'loading' }
}

// --- Changed elsewhere since last opened ------------------------------------------------------

const changedKey = (space: string) => `kenlabour.changedElsewhere.${space}`
const changedListeners = new Set<() => void>()
const changedCache = new Map<string, ReadonlySet<string>>()

const readChanged = (space: string): ReadonlySet<string> => {
  const cached = changedCache.get(space)
  if (cached) return cached
  let ids = new Set<string>()
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(changedKey(space)) ?? '[]')
    if (Array.isArray(parsed)) ids = new Set(parsed.filter((v): v is string => typeof v === 'string'))
  } catch {}
  changedCache.set(space, ids)
  return ids
}

const writeChanged = (space: string, ids: ReadonlySet<string>): void => {
  changedCache.set(space, ids)
  try {
    if (ids.size === 0) localStorage.removeItem(changedKey(space))
    else localStorage.setItem(changedKey(space), JSON.stringify([...ids]))
  } catch {}
  for (const listener of changedListeners) listener()
}

/** Fiches of `space` changed elsewhere since this device last opened them (a stable set). */
export const changedElsewhere = (space: string): ReadonlySet<string> => readChanged(space)

export const subscribeChangedElsewhere = (listener: () => void): (() => void) => {
  changedListeners.add(listener)
  return () => changedListeners.delete(listener)
}

export const markChangedElsewhere = (space: string, ids: readonly string[]): void => {
  const current = readChanged(space)
  const fresh = ids.filter((id) => !current.has(id) && !id.startsWith('_'))
  if (fresh.length > 0) writeChanged(space, new Set([...current, ...fresh]))
}

export const clearChangedElsewhere = (space: string, id: string): void => {
  const current = readChanged(space)
  if (!current.has(id)) return
  const next = new Set(current)
  next.delete(id)
  writeChanged(space, next)
}

// --- Whole-space sync status ------------------------------------------------------------------

export interface SpaceSyncStatus {
  readonly running: boolean
  /** When the last whole-space sync finished (ms since epoch), null if never in this page. */
  readonly lastSyncedAt: number | null
  /** How many documents the last sync brought up to date. */
  readonly lastChanged: number
  /** Why the last attempt failed (offline, refused…), null after a success. */
  readonly error: string | null
}

const IDLE: SpaceSyncStatus = { running: false, lastSyncedAt: null, lastChanged: 0, error: null }
const spaceStatuses = new Map<string, SpaceSyncStatus>()
const spaceListeners = new Set<() => void>()

export const spaceSyncStatus = (space: string): SpaceSyncStatus => spaceStatuses.get(space) ?? IDLE

export const setSpaceSyncStatus = (space: string, patch: Partial<SpaceSyncStatus>): void => {
  spaceStatuses.set(space, { ...spaceSyncStatus(space), ...patch })
  for (const listener of spaceListeners) listener()
}

export const subscribeSpaceSync = (listener: () => void): (() => void) => {
  spaceListeners.add(listener)
  return () => spaceListeners.delete(listener)
}
