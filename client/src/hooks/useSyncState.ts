/**
 * React adapters of `sync/syncState.ts`: a fiche's sync state, a space's whole-space sync status,
 * and the fiches changed elsewhere since this device last opened them (the catalog's marker).
 */
import { useSyncExternalStore } from 'react'
import type { DocHandle } from '../sync/docStore.ts'
import type { DurabilityState } from '../sync/durability.ts'
import { pendingChanges, pendingDocs, subscribePendingChanges } from '../sync/pending.ts'
import {
  changedElsewhere,
  type FicheSync,
  ficheSyncState,
  type SpaceSyncStatus,
  spaceSyncStatus,
  subscribeChangedElsewhere,
  subscribeSpaceSync,
} from '../sync/syncState.ts'
import { useDocState } from './useDoc.ts'

const NO_DURABILITY: DurabilityState = { waiting: 0, savedOnServer: false, refused: null }
const noSubscription = () => () => {}

export const useFicheSync = (handle: DocHandle | null): FicheSync => {
  const state = useDocState(handle)
  const count = useSyncExternalStore(subscribePendingChanges, () =>
    handle ? pendingChanges(handle.name) : 0,
  )
  const durable = useSyncExternalStore(
    handle ? handle.durability.subscribe : noSubscription,
    handle ? handle.durability.getState : () => NO_DURABILITY,
  )
  return handle ? ficheSyncState(state, count, durable) : { kind: 'loading' }
}

export const useSpaceSync = (space: string): { status: SpaceSyncStatus; waitingFiches: number } => {
  const status = useSyncExternalStore(subscribeSpaceSync, () => spaceSyncStatus(space))
  const waitingFiches = useSyncExternalStore(
    subscribePendingChanges,
    () => pendingDocs().filter((name) => name.startsWith(`${space}/`) && !name.endsWith('/_index')).length,
  )
  return { status, waitingFiches }
}

/** True when fiche `id` of `space` changed elsewhere since this device last opened it. */
export const useChangedElsewhere = (space: string, id: string): boolean =>
  useSyncExternalStore(subscribeChangedElsewhere, () => changedElsewhere(space).has(id))
