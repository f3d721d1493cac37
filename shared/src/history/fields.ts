/**
 * A fiche seen by the history: a flat record of its fields, each of which can be compared and
 * restored on its own. Keys are the form's keys (`title`, text fields, choices, lists, sections),
 * which never collide with one another.
 */
import type { Fiche } from '../fiche.ts'
import {
  CHOICE_FIELD_KEYS,
  type ChoiceFieldKey,
  FIELD_LABELS,
  type Label,
  LIST_FIELD_KEYS,
  type ListFieldKey,
  SECTION_KEYS,
  SECTION_LABELS,
  type SectionKey,
  type TextFieldKey,
  TITLE_LABEL,
} from '../form.ts'
import type { RichBlocks } from '../richtext.ts'

export type HistoryField = 'title' | TextFieldKey | ChoiceFieldKey | ListFieldKey | SectionKey

/** Form order: title, sections except "En complément", short fields, then "En complément". */
export const HISTORY_FIELDS: readonly HistoryField[] = [
  'title',
  ...SECTION_KEYS.filter((k) => k !== 'complement'),
  'actorName',
  'author',
  'actorType',
  'scale',
  'scaleOther',
  'keywords',
  'city',
  'contacts',
  'website',
  'tags',
  'partners',
  'complement',
]

export type FieldKind = 'text' | 'choice' | 'list' | 'section'

export const fieldKind = (field: HistoryField): FieldKind =>
  (SECTION_KEYS as readonly string[]).includes(field)
    ? 'section'
    : (CHOICE_FIELD_KEYS as readonly string[]).includes(field)
      ? 'choice'
      : (LIST_FIELD_KEYS as readonly string[]).includes(field)
        ? 'list'
        : 'text'

export const isHistoryField = (key: string): key is HistoryField =>
  (HISTORY_FIELDS as readonly string[]).includes(key)

export const fieldLabel = (field: HistoryField): Label =>
  field === 'title'
    ? TITLE_LABEL
    : fieldKind(field) === 'section'
      ? SECTION_LABELS[field as SectionKey]
      : FIELD_LABELS[field as TextFieldKey | ChoiceFieldKey | ListFieldKey]

export type FieldValue = string | null | readonly string[] | RichBlocks

/** The value of one field of a fiche. */
export const fieldValue = (fiche: Fiche, field: HistoryField): FieldValue => {
  switch (fieldKind(field)) {
    case 'section':
      return fiche.sections[field as SectionKey]
    default:
      return fiche[field as Exclude<HistoryField, SectionKey>]
  }
}

/** Every field of a fiche, in `HISTORY_FIELDS` order. */
export const fieldsOf = (fiche: Fiche): Record<HistoryField, FieldValue> =>
  Object.fromEntries(HISTORY_FIELDS.map((f) => [f, fieldValue(fiche, f)])) as Record<HistoryField, FieldValue>

/** `base` with the given fields replaced (a version's fields over the current fiche's meta). */
export const withFields = (base: Fiche, fields: Partial<Record<HistoryField, FieldValue>>): Fiche => {
  const sections = { ...base.sections }
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(fields)) {
    if (!isHistoryField(key) || value === undefined) continue
    if (fieldKind(key) === 'section') sections[key as SectionKey] = value as RichBlocks
    else out[key] = value
  }
  return { ...(out as unknown as Fiche), sections }
}
