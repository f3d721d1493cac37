import { addToList, listArray, removeFromList } from '@kenlabour/shared/ficheDoc'
import { FIELD_LABELS, KEYWORD_VOCABULARY } from '@kenlabour/shared/form'
import { useMemo } from 'react'
import type * as Y from 'yjs'
import { useYArray } from '../hooks/useYArray.ts'
import { useI18n } from '../i18n/context.ts'

/** "Mot Clef": the keyword vocabulary as checkboxes, bound to the keywords list (adds and removes merge). */
export const KeywordsField = ({ doc }: { readonly doc: Y.Doc }) => {
  const { t, label, lang } = useI18n()
  const array = useMemo(() => listArray(doc, 'keywords'), [doc])
  const keywords = useYArray(array)
  const selected = new Set(keywords)
  const unknown = keywords.filter((k) => !KEYWORD_VOCABULARY.some((term) => term.key === k))
  const options = [
    ...KEYWORD_VOCABULARY.map((term) => ({ key: term.key, text: term[lang] })),
    ...unknown.map((key) => ({ key, text: t.otherKeyword(key) })),
  ]
  return (
    <fieldset className="form-field choice-field">
      <legend>{label(FIELD_LABELS.keywords)}</legend>
      <div className="options options-columns">
        {options.map((option) => (
          <label key={option.key} className="option">
            <input
              type="checkbox"
              checked={selected.has(option.key)}
              onChange={(e) =>
                e.target.checked
                  ? addToList(doc, 'keywords', option.key)
                  : removeFromList(doc, 'keywords', option.key)
              }
            />
            {option.text}
          </label>
        ))}
      </div>
    </fieldset>
  )
}
