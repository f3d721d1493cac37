import { choiceConflicts, choiceLogArray, setChoice } from '@kenlabour/shared/choiceLog'
import { choicesMap } from '@kenlabour/shared/ficheDoc'
import { CHOICE_VOCABULARIES, type ChoiceFieldKey, FIELD_LABELS } from '@kenlabour/shared/form'
import { useCallback, useId, useMemo } from 'react'
import type * as Y from 'yjs'
import { type UndoScope, useFieldUndo } from '../hooks/useUndo.ts'
import { useYMap } from '../hooks/useYMap.ts'
import { useYVersion } from '../hooks/useYVersion.ts'
import { useI18n } from '../i18n/context.ts'
import { useWorkshopText } from '../i18n/workshopMessages.ts'
import { LOCAL_EDIT } from '../sync/localOrigin.ts'
import { FieldPresence } from './FieldPresence.tsx'

export interface ChoiceFieldProps {
  readonly doc: Y.Doc
  readonly field: ChoiceFieldKey
  /** The display name recorded with each pick (shown to others when picks collide). */
  readonly by: string
  readonly readOnly?: boolean
}

/**
 * A single choice (Type d'acteurs, Echelle d'action) as a radio group. The map key is last writer
 * wins; every pick is also logged (`@kenlabour/shared/choiceLog`), so a pick that lost to a
 * concurrent one is shown under the field ("Valeur concurrente : …") instead of vanishing.
 */
export const ChoiceField = ({ doc, field, by, readOnly = false }: ChoiceFieldProps) => {
  const { t, label, lang } = useI18n()
  const w = useWorkshopText()
  const name = useId()
  const map = useMemo(() => choicesMap(doc), [doc])
  const log = useMemo(() => choiceLogArray(doc, field), [doc, field])
  const fieldKey = `choices:${field}`
  // The choices map is shared by both choice fields: only transactions touching this key count.
  const capture = useCallback(
    (tr: Y.Transaction) => {
      for (const [type, keys] of tr.changed) if ((type as unknown) === map) return keys.has(field)
      return true
    },
    [map, field],
  )
  useFieldUndo(
    fieldKey,
    useMemo(() => [map, log] as UndoScope[], [map, log]),
    capture,
  )
  const choices = useYMap(map)
  const logVersion = useYVersion(log)
  const raw = choices[field]
  const current = typeof raw === 'string' ? raw : ''
  // biome-ignore lint/correctness/useExhaustiveDependencies: the versions stand for the map and the log
  const losers = useMemo(() => choiceConflicts(doc, field), [doc, field, choices, logVersion])
  const terms = CHOICE_VOCABULARIES[field]
  const textOf = (key: string | null): string =>
    key === null ? t.noChoice : (terms.find((term) => term.key === key)?.[lang] ?? key)
  const options = [
    { key: '', text: t.noChoice },
    ...terms.map((term) => ({ key: term.key, text: term[lang] })),
    // A value from a newer form stays visible and selected rather than silently dropped.
    ...(current && !terms.some((term) => term.key === current) ? [{ key: current, text: current }] : []),
  ]
  return (
    <fieldset className="form-field choice-field" data-field={fieldKey}>
      <legend>{label(FIELD_LABELS[field])}</legend>
      <FieldPresence field={fieldKey} />
      <div className="options">
        {options.map((option) => (
          <label key={option.key || '-'} className="option">
            <input
              type="radio"
              name={name}
              value={option.key}
              checked={current === option.key}
              disabled={readOnly}
              onChange={() => setChoice(doc, field, option.key === '' ? null : option.key, by, LOCAL_EDIT)}
            />
            {option.text}
          </label>
        ))}
      </div>
      {losers.map((loser, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: attempts have no identity of their own
        <p key={i} className="concurrent-value" role="status">
          {w.concurrentValue(textOf(loser.value), loser.by || '?')}
        </p>
      ))}
    </fieldset>
  )
}
