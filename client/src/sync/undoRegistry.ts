/**
 * One `Y.UndoManager` per field of the edit page (each section's is TipTap's own, the others are
 * created by `useFieldUndo`), and which one "Annuler"/"Rétablir" and Ctrl+Z act on: the field the
 * person was last in. No React here; `useUndoRegistry` adapts it.
 */
import type * as Y from 'yjs'

export interface UndoState {
  readonly active: string | null
  readonly canUndo: boolean
  readonly canRedo: boolean
  /** Bumped on every change of any field's stack (a section's own buttons follow it). */
  readonly version: number
}

const EMPTY: UndoState = { active: null, canUndo: false, canRedo: false, version: 0 }
const STACK_EVENTS = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const

export class UndoRegistry {
  readonly #managers = new Map<string, Y.UndoManager>()
  readonly #listeners = new Set<() => void>()
  #active: string | null = null
  #state: UndoState = EMPTY

  /** Registers the manager of field `key`; returns the unregistration. */
  register(key: string, manager: Y.UndoManager): () => void {
    this.#managers.set(key, manager)
    const changed = () => this.#refresh(true)
    for (const event of STACK_EVENTS) manager.on(event, changed)
    this.#refresh(true)
    return () => {
      for (const event of STACK_EVENTS) manager.off(event, changed)
      if (this.#managers.get(key) === manager) this.#managers.delete(key)
      this.#refresh(true)
    }
  }

  /** The field the person is now in (kept when focus leaves for a button). */
  activate(key: string): void {
    if (this.#active === key) return
    this.#active = key
    this.#refresh()
  }

  managerOf(key: string | null): Y.UndoManager | null {
    return key === null ? null : (this.#managers.get(key) ?? null)
  }

  /** Undoes the last own change of the active field; false when there was none. */
  undo(key: string | null = this.#active): boolean {
    const manager = this.managerOf(key)
    return manager?.canUndo() ? manager.undo() !== null : false
  }

  redo(key: string | null = this.#active): boolean {
    const manager = this.managerOf(key)
    return manager?.canRedo() ? manager.redo() !== null : false
  }

  getState = (): UndoState => this.#state

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #refresh(stacksChanged = false): void {
    const manager = this.managerOf(this.#active)
    const next: UndoState = {
      active: this.#active,
      canUndo: manager?.canUndo() ?? false,
      canRedo: manager?.canRedo() ?? false,
      version: this.#state.version + (stacksChanged ? 1 : 0),
    }
    if (
      !stacksChanged &&
      next.active === this.#state.active &&
      next.canUndo === this.#state.canUndo &&
      next.canRedo === this.#state.canRedo
    )
      return
    this.#state = next
    for (const listener of this.#listeners) listener()
  }
}
