/** The durability of a document's local changes (`sync/durability.ts`), as React state. */
import { useSyncExternalStore } from 'react'
import type { DocHandle } from '../sync/docStore.ts'
import type { DurabilityState } from '../sync/durability.ts'

const NONE: DurabilityState = { waiting: 0, savedOnServer: false, refused: null }
const noop = () => () => {}

export const useDurability = (handle: DocHandle | null): DurabilityState =>
  useSyncExternalStore(
    handle ? handle.durability.subscribe : noop,
    handle ? handle.durability.getState : () => NONE,
  )
