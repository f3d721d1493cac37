/**
 * React side of the undo registry: the page provides one `UndoRegistry`, each field registers its
 * own `Y.UndoManager` scoped to its shared types and tracking only `LOCAL_EDIT`, so undo never
 * reverts what others typed.
 */
import { createContext, useContext, useEffect, useSyncExternalStore } from 'react'
import * as Y from 'yjs'
import { LOCAL_EDIT } from '../sync/localOrigin.ts'
import type { UndoRegistry, UndoState } from '../sync/undoRegistry.ts'

export const UndoContext = createContext<UndoRegistry | null>(null)

/** A shared type an undo manager can watch. */
export type UndoScope = Exclude<Y.UndoManager['scope'][number], Y.Doc>

/** Typing pauses longer than this start a new undo step. */
const CAPTURE_TIMEOUT_MS = 500

/**
 * A `Y.UndoManager` over `types` (a memoized array: a new array makes a new manager) for the field
 * `key`, registered while mounted. `capture` narrows which transactions count (a choice shares the
 * `choices` map with the other choice); it is read when the manager is made.
 */
export const useFieldUndo = (
  key: string,
  types: readonly UndoScope[],
  capture?: (transaction: Y.Transaction) => boolean,
): void => {
  const registry = useContext(UndoContext)
  // Made in the effect, not in a memo: an effect cleanup may run before the same render is reused
  // (StrictMode, fast refresh), and a destroyed manager no longer tracks anything.
  // biome-ignore lint/correctness/useExhaustiveDependencies: capture is read once, with the types
  useEffect(() => {
    const manager = new Y.UndoManager([...types], {
      trackedOrigins: new Set([LOCAL_EDIT]),
      captureTimeout: CAPTURE_TIMEOUT_MS,
      ...(capture ? { captureTransaction: capture } : {}),
    })
    const unregister = registry?.register(key, manager)
    return () => {
      unregister?.()
      manager.destroy()
    }
  }, [registry, key, types])
}

const NO_STATE: UndoState = { active: null, canUndo: false, canRedo: false, version: 0 }
const noSubscription = () => () => {}

export const useUndoState = (registry: UndoRegistry | null): UndoState =>
  useSyncExternalStore(
    registry ? registry.subscribe : noSubscription,
    registry ? registry.getState : () => NO_STATE,
  )
