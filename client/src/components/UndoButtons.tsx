import { useContext } from 'react'
import { UndoContext, useUndoState } from '../hooks/useUndo.ts'
import { useWorkshopText } from '../i18n/workshopMessages.ts'

/**
 * "Annuler" / "Rétablir" for the field the person was last in (or for `field` when given: a
 * section's own toolbar). Mouse-down keeps the focus (and the caret) where it was.
 */
export const UndoButtons = ({ field }: { readonly field?: string }) => {
  const w = useWorkshopText()
  const registry = useContext(UndoContext)
  const state = useUndoState(registry)
  const manager = field ? registry?.managerOf(field) : null
  const canUndo = field ? (manager?.canUndo() ?? false) : state.canUndo
  const canRedo = field ? (manager?.canRedo() ?? false) : state.canRedo
  const keep = (event: { preventDefault(): void }) => event.preventDefault()
  return (
    <span className="undo-buttons">
      <button
        type="button"
        className="button button-small"
        title={w.undoTitle}
        disabled={!canUndo}
        onMouseDown={keep}
        onClick={() => registry?.undo(field)}
      >
        {w.undo}
      </button>
      <button
        type="button"
        className="button button-small"
        title={w.redoTitle}
        disabled={!canRedo}
        onMouseDown={keep}
        onClick={() => registry?.redo(field)}
      >
        {w.redo}
      </button>
    </span>
  )
}
