/**
 * Restoring writes old values into the live fiche as new changes (never by rewinding the CRDT):
 * collaborators and offline replicas merge them like any edit, and the history keeps everything,
 * the restore included. Each field is written with the same shared functions the editor uses, and
 * only when it differs, so restoring one field leaves every other field (and concurrent edits to
 * them) untouched.
 */
import type * as Y from 'yjs'
import { setChoice } from '../choiceLog.ts'
import type { Fiche } from '../fiche.ts'
import { fieldText, listArray, sectionFragment, titleText } from '../ficheDoc.ts'
import type { ChoiceFieldKey, ListFieldKey, SectionKey, TextFieldKey } from '../form.ts'
import type { RichBlocks } from '../richtext.ts'
import { readRichBlocks, writeRichBlocks } from '../xmlfragment.ts'
import { setYText } from '../ytext.ts'
import { fieldKind, fieldValue, HISTORY_FIELDS, type HistoryField } from './fields.ts'

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * Writes `field` of `from` into the fiche document. `by` is the display name logged with a choice
 * pick. Returns true if something was written.
 */
export const restoreField = (
  doc: Y.Doc,
  from: Fiche,
  field: HistoryField,
  by: string,
  origin: unknown = null,
): boolean => {
  const value = fieldValue(from, field)
  let changed = false
  doc.transact(() => {
    switch (fieldKind(field)) {
      case 'section': {
        const fragment = sectionFragment(doc, field as SectionKey)
        if (same(readRichBlocks(fragment), value)) return
        writeRichBlocks(fragment, value as RichBlocks)
        break
      }
      case 'choice': {
        const key = field as ChoiceFieldKey
        if ((doc.getMap('choices').get(key) ?? null) === value) return
        setChoice(doc, key, value as string | null, by, origin)
        break
      }
      case 'list': {
        const array = listArray(doc, field as ListFieldKey)
        if (same(array.toArray(), value)) return
        array.delete(0, array.length)
        array.insert(0, [...(value as readonly string[])])
        break
      }
      default: {
        const text = field === 'title' ? titleText(doc) : fieldText(doc, field as TextFieldKey)
        if (text.toString() === value) return
        setYText(text, value as string, origin)
      }
    }
    changed = true
  }, origin)
  return changed
}

/** Writes every field of `from` (not its id, dates or trash state). Returns the fields written. */
export const restoreFiche = (doc: Y.Doc, from: Fiche, by: string, origin: unknown = null): HistoryField[] => {
  const written: HistoryField[] = []
  doc.transact(() => {
    for (const field of HISTORY_FIELDS) if (restoreField(doc, from, field, by, origin)) written.push(field)
  }, origin)
  return written
}
