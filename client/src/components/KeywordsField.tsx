import { addToList, listArray, removeFromList } from '@kenlabour/shared/ficheDoc'
import { FIELD_LABELS, KEYWORD_VOCABULARY } from '@kenlabour/shared/form'
import { useMemo } from 'react'
import type * as Y from 'yjs'
import { type UndoScope, useFieldUndo } from '../hooks/useUndo.ts'
import { useYArray } from '../hooks/useYArray.ts'
import { useI18n } from '../i18n/context.ts'
import { LOCAL_EDIT } from '../sync/localOrigin.ts'
import { FieldPresence } from './FieldPresence.tsx'

const FIELD_KEY = 'list:keywords'

/** "Mot Clef": the keyword vocabulary as checkboxes, bound to the keywords list (adds and removes merge). */
export const KeywordsField = ({
  doc,
  readOnly = false,
}: {
  readonly doc: Y.Doc
  readonly readOnly?: boolean
}) => {
  const { t, label, lang } = useI18n()
  const array = useMemo(() => listArray(doc, 'keywords'), [doc])
  useFieldUndo(
    FIELD_KEY,
    useMemo(() => [array] as UndoScope[], [array]),
  )
  const keywords = useYArray(array)
  const selected = new Set(keywords)
  const unknown = keywords.filter((k) => !KEYWORD_VOCABULARY.some((term) => term.key === k))
  const options = [
    ...KEYWORD_VOCABULARY.map((term) => ({ key: term.key, text: term[lang] })),
    ...unknown.map((key) => ({ key, text: t.otherKeyword(key) })),
  ]
  return (
    <fieldset className="form-field choice-field" data-field={FIELD_KEY}>
      <legend>{label(FIELD_LABELS.keywords)}</legend>
      <FieldPresence field={FIELD_KEY} />
      <div className="options options-columns">
        {options.map((option) => (
          <label key={option.key} className="option">
            <input
              type="checkbox"
              checked={selected.has(option.key)}
              disabled={readOnly}
              onChange={(e) =>
                e.target.checked
                  ? addToList(doc, 'keywords', option.key, LOCAL_EDIT)
                  : removeFromList(doc, 'keywords', option.key, LOCAL_EDIT)
              }
            />
            {option.text}
          </label>
        ))}
      </div>
    </fieldset>
  )
}
