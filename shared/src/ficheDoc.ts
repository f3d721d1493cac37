/**
 * The Y.Doc layout of one fiche. Every field is its own top-level shared type so that two
 * replicas that never met still address the same types (nested types created concurrently under
 * one map key would overwrite each other):
 *
 * | field kind                     | shared type                                  |
 * | ------------------------------ | -------------------------------------------- |
 * | title                          | `Y.Text` "title"                             |
 * | text fields (Ville, …)         | `Y.Text` "field:<key>"                       |
 * | single choices (Echelle, Type) | `Y.Map` "choices" (last writer wins per key) |
 * | every pick of a single choice   | `Y.Array` "choiceLog:<key>" (`choiceLog.ts`) |
 * | lists (Mot Clef, contacts, …)  | `Y.Array<string>` "list:<key>"               |
 * | rich-text sections             | `Y.XmlFragment` "section:<key>" (TipTap)     |
 * | id, createdAt, trashedAt       | `Y.Map` "meta"                               |
 * | location (optional)            | `Y.Map` "meta", key "location": `{lat, lng}` |
 *
 * The location is one plain value (not two keys) so that a concurrent move keeps a coherent pair
 * (last writer wins on the whole point); absent or null means "no location".
 */
import type * as Y from 'yjs'
import { type Fiche, type FicheLocation, type FicheSections, ficheSchema, locationSchema } from './fiche.ts'
import {
  CHOICE_FIELD_KEYS,
  type ChoiceFieldKey,
  LIST_FIELD_KEYS,
  type ListFieldKey,
  SECTION_KEYS,
  type SectionKey,
  TEXT_FIELD_KEYS,
  type TextFieldKey,
} from './form.ts'
import { readRichBlocks, writeRichBlocks } from './xmlfragment.ts'
import { setYText } from './ytext.ts'

export const titleText = (doc: Y.Doc): Y.Text => doc.getText('title')
export const fieldText = (doc: Y.Doc, key: TextFieldKey): Y.Text => doc.getText(`field:${key}`)
export const choicesMap = (doc: Y.Doc): Y.Map<string | null> => doc.getMap('choices')
export const listArray = (doc: Y.Doc, key: ListFieldKey): Y.Array<string> => doc.getArray(`list:${key}`)
export const sectionFragment = (doc: Y.Doc, key: SectionKey): Y.XmlFragment =>
  doc.getXmlFragment(`section:${key}`)
export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('meta')

/** The name TipTap's Collaboration extension is given (`field` option) for a section. */
export const sectionFieldName = (key: SectionKey): string => `section:${key}`

/** True once the document holds a fiche (its id was written), false for a doc still loading. */
export const hasFiche = (doc: Y.Doc): boolean => typeof metaMap(doc).get('id') === 'string'

/** Reads the fiche out of its Y.Doc. Values a newer or broken peer put in are coerced, never thrown. */
export const readFiche = (doc: Y.Doc): Fiche => {
  const meta = metaMap(doc)
  const choices = choicesMap(doc)
  const choice = (key: ChoiceFieldKey): string | null => {
    const v = choices.get(key)
    return typeof v === 'string' && v !== '' ? v : null
  }
  const list = (key: ListFieldKey): string[] =>
    listArray(doc, key)
      .toArray()
      .filter((v) => typeof v === 'string')
  const sections = Object.fromEntries(
    SECTION_KEYS.map((k) => [k, readRichBlocks(sectionFragment(doc, k))]),
  ) as unknown as FicheSections
  const texts = Object.fromEntries(TEXT_FIELD_KEYS.map((k) => [k, fieldText(doc, k).toString()])) as Record<
    TextFieldKey,
    string
  >
  const createdAt = meta.get('createdAt')
  const trashedAt = meta.get('trashedAt')
  const location = readLocation(doc)
  return {
    id: String(meta.get('id') ?? ''),
    title: titleText(doc).toString(),
    ...texts,
    actorType: choice('actorType'),
    scale: choice('scale'),
    keywords: list('keywords'),
    contacts: list('contacts'),
    tags: list('tags'),
    sections,
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    trashedAt: typeof trashedAt === 'number' ? trashedAt : null,
    // Only when set, so fiches without a location read back exactly as they were written.
    ...(location ? { location } : {}),
  }
}

/** The fiche's location, or null when it has none (or a peer wrote something that is not a point). */
export const readLocation = (doc: Y.Doc): FicheLocation | null => {
  const parsed = locationSchema.safeParse(metaMap(doc).get('location'))
  return parsed.success ? parsed.data : null
}

/** Sets or clears the location (one LWW value); writes nothing when it is already that point. */
export const writeLocation = (doc: Y.Doc, location: FicheLocation | null, origin: unknown = null): void => {
  const next = location ? locationSchema.parse(location) : null
  if (JSON.stringify(readLocation(doc)) === JSON.stringify(next)) return
  doc.transact(() => metaMap(doc).set('location', next), origin)
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i])

/**
 * Writes a (validated) fiche into its Y.Doc in one transaction, changing only what differs so that
 * writing the same fiche twice produces no update (imports are idempotent).
 */
export const writeFiche = (doc: Y.Doc, input: Fiche, origin: unknown = null): void => {
  const fiche = ficheSchema.parse(input)
  doc.transact(() => {
    const meta = metaMap(doc)
    if (meta.get('id') !== fiche.id) meta.set('id', fiche.id)
    if (meta.get('createdAt') !== fiche.createdAt) meta.set('createdAt', fiche.createdAt)
    if ((meta.get('trashedAt') ?? null) !== fiche.trashedAt) meta.set('trashedAt', fiche.trashedAt)
    writeLocation(doc, fiche.location ?? null)
    setYText(titleText(doc), fiche.title)
    for (const key of TEXT_FIELD_KEYS) setYText(fieldText(doc, key), fiche[key])
    const choices = choicesMap(doc)
    for (const key of CHOICE_FIELD_KEYS) {
      if ((choices.get(key) ?? null) !== fiche[key]) choices.set(key, fiche[key])
    }
    for (const key of LIST_FIELD_KEYS) {
      const array = listArray(doc, key)
      if (!sameList(array.toArray(), fiche[key])) {
        array.delete(0, array.length)
        array.insert(0, fiche[key])
      }
    }
    for (const key of SECTION_KEYS) {
      const fragment = sectionFragment(doc, key)
      if (JSON.stringify(readRichBlocks(fragment)) !== JSON.stringify(fiche.sections[key])) {
        writeRichBlocks(fragment, fiche.sections[key])
      }
    }
  }, origin)
}

/** Adds a value to a list field unless present: concurrent additions on two replicas both survive. */
export const addToList = (doc: Y.Doc, key: ListFieldKey, value: string, origin: unknown = null): void => {
  const array = listArray(doc, key)
  if (!array.toArray().includes(value)) doc.transact(() => array.push([value]), origin)
}

/** Removes every occurrence of a value from a list field. */
export const removeFromList = (
  doc: Y.Doc,
  key: ListFieldKey,
  value: string,
  origin: unknown = null,
): void => {
  const array = listArray(doc, key)
  doc.transact(() => {
    for (let i = array.length - 1; i >= 0; i--) if (array.get(i) === value) array.delete(i, 1)
  }, origin)
}
