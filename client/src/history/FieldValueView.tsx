import { CHOICE_VOCABULARIES, type ChoiceFieldKey, KEYWORD_VOCABULARY } from '@kenlabour/shared/form'
import { type FieldValue, fieldKind, type HistoryField } from '@kenlabour/shared/history/fields'
import type { RichBlocks } from '@kenlabour/shared/richtext'
import { termLabel } from '@kenlabour/shared/vocabularies'
import { RichText } from '../components/RichText.tsx'
import { useI18n } from '../i18n/context.ts'
import { historyMessages } from './messages.ts'

/** A field's value as text for "before → after" (choices and keywords by their label). */
export const useValueText = () => {
  const { lang } = useI18n()
  return (field: HistoryField, value: FieldValue): string => {
    const m = historyMessages[lang]
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return m.empty
    if (fieldKind(field) === 'choice')
      return termLabel(CHOICE_VOCABULARIES[field as ChoiceFieldKey], value as string, lang)
    if (field === 'keywords')
      return (value as unknown as string[]).map((k) => termLabel(KEYWORD_VOCABULARY, k, lang)).join(', ')
    if (Array.isArray(value)) return (value as unknown as string[]).join(', ')
    return value as string
  }
}

/** One field of a version, read-only. */
export const FieldValueView = ({
  field,
  value,
}: {
  readonly field: HistoryField
  readonly value: FieldValue
}) => {
  const text = useValueText()
  if (fieldKind(field) === 'section') return <RichText blocks={value as RichBlocks} />
  return <p className="pre-line">{text(field, value)}</p>
}
