import { choicesMap } from '@kenlabour/shared/ficheDoc'
import { CHOICE_VOCABULARIES, type ChoiceFieldKey, FIELD_LABELS } from '@kenlabour/shared/form'
import { useId, useMemo } from 'react'
import type * as Y from 'yjs'
import { useYMap } from '../hooks/useYMap.ts'
import { useI18n } from '../i18n/context.ts'

export interface ChoiceFieldProps {
  readonly doc: Y.Doc
  readonly field: ChoiceFieldKey
}

/** A single choice (Type d'acteurs, Echelle d'action) as a radio group, last writer wins. */
export const ChoiceField = ({ doc, field }: ChoiceFieldProps) => {
  const { t, label, lang } = useI18n()
  const name = useId()
  const map = useMemo(() => choicesMap(doc), [doc])
  const choices = useYMap(map)
  const raw = choices[field]
  const current = typeof raw === 'string' ? raw : ''
  const terms = CHOICE_VOCABULARIES[field]
  const options = [
    { key: '', text: t.noChoice },
    ...terms.map((term) => ({ key: term.key, text: term[lang] })),
    // A value from a newer form stays visible and selected rather than silently dropped.
    ...(current && !terms.some((term) => term.key === current) ? [{ key: current, text: current }] : []),
  ]
  return (
    <fieldset className="form-field choice-field">
      <legend>{label(FIELD_LABELS[field])}</legend>
      <div className="options">
        {options.map((option) => (
          <label key={option.key || '-'} className="option">
            <input
              type="radio"
              name={name}
              value={option.key}
              checked={current === option.key}
              onChange={() => map.set(field, option.key === '' ? null : option.key)}
            />
            {option.text}
          </label>
        ))}
      </div>
    </fieldset>
  )
}
