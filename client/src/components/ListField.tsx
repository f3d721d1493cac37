import { addToList, listArray, removeFromList } from '@kenlabour/shared/ficheDoc'
import { FIELD_LABELS } from '@kenlabour/shared/form'
import { type FormEvent, useId, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import { type UndoScope, useFieldUndo } from '../hooks/useUndo.ts'
import { useYArray } from '../hooks/useYArray.ts'
import { useI18n } from '../i18n/context.ts'
import { LOCAL_EDIT } from '../sync/localOrigin.ts'
import { FieldPresence } from './FieldPresence.tsx'

export interface ListFieldProps {
  readonly doc: Y.Doc
  readonly field: 'contacts' | 'tags'
  readonly readOnly?: boolean
}

/**
 * A free list (contacts, free keywords): each value with a remove button, and a field to add one.
 * Concurrent additions both survive (Y.Array); undo reverts only this person's additions/removals.
 */
export const ListField = ({ doc, field, readOnly = false }: ListFieldProps) => {
  const { t, label } = useI18n()
  const inputId = useId()
  const array = useMemo(() => listArray(doc, field), [doc, field])
  const fieldKey = `list:${field}`
  useFieldUndo(
    fieldKey,
    useMemo(() => [array] as UndoScope[], [array]),
  )
  const values = useYArray(array)
  const [draft, setDraft] = useState('')
  const fieldLabel = label(FIELD_LABELS[field])

  const add = (event: FormEvent) => {
    event.preventDefault()
    const value = draft.trim()
    if (!value) return
    addToList(doc, field, value, LOCAL_EDIT)
    setDraft('')
  }

  return (
    <fieldset className="form-field list-field" data-field={fieldKey}>
      <legend>{fieldLabel}</legend>
      <FieldPresence field={fieldKey} />
      {values.length === 0 ? (
        <p className="muted">{t.emptyList}</p>
      ) : (
        <ul className="list-values">
          {values.map((value) => (
            <li key={value}>
              <span className="list-value">{value}</span>
              <button
                type="button"
                className="button button-small"
                aria-label={t.remove(value)}
                disabled={readOnly}
                onClick={() => removeFromList(doc, field, value, LOCAL_EDIT)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form className="list-add" onSubmit={add}>
          <label htmlFor={inputId} className="visually-hidden">
            {t.newValue(fieldLabel)}
          </label>
          <input
            id={inputId}
            type="text"
            className="text-input"
            maxLength={field === 'tags' ? 200 : 2000}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button" aria-label={t.addTo(fieldLabel)} disabled={!draft.trim()}>
            {t.add}
          </button>
        </form>
      )}
    </fieldset>
  )
}
