/**
 * What a Bazar site says about its form besides the entries: the list vocabularies (list keys →
 * labels, so that `checkboxListeMotClef: "1,3"` becomes two Kenlabour keywords) and the field
 * labels (so that the field mapping can match `bf_presentation` by its label "Description de cette
 * initiative"). The entries JSON carries neither, so the person gives one more file, in whichever
 * of Bazar's shapes they have:
 *
 * - the form, `/api/forms/<id>` (one form), `/api/forms` (forms by id) or the old
 *   `?BazaR&vue=json&demand=forms` (an array): each form's `prepared` fields carry `propertyname`,
 *   `label`, and for list fields `linkedObjectName` (the list) and `options` (key → label);
 * - the lists, as Bazar stores them (`{ "ListeMotClef": { "titre_liste": "Mot Clef", "label": {…} } }`)
 *   or as its list page shows them (`{ "ListeMotClef": { "title": …, "options": {…} } }`);
 * - plain `{ "ListeMotClef": { "1": "…" } }`.
 *
 * Anything else is refused with a clear message rather than silently ignored: a vocabulary that
 * does not apply would leave raw keys ("1", "3") in the imported fiches.
 */
import { z } from 'zod'
import { ImportError } from './importError.ts'
import type { BazarList, BazarLists } from './listValues.ts'

export interface BazarVocabularies {
  /** By field id (`checkboxListeMotClef`), list name (`ListeMotClef`) and field label (`Mot Clef`). */
  readonly lists: BazarLists
  /** Field id → its label in the form (empty without a form). */
  readonly labels: Readonly<Record<string, string>>
  /** The lists found, by their Bazar name, to tell the person what was read. */
  readonly names: readonly string[]
}

export const VOCABULARIES_WHERE = 'listes Bazar'

/** PHP encodes an empty associative array as `[]`: accepted as an empty list. */
const optionsSchema = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])

const formSchema = z
  .object({ bn_label_nature: z.string().optional(), prepared: z.array(z.unknown()) })
  .loose()

/** A list in any of the accepted shapes. */
const listSchema = z.union([
  z.object({ label: optionsSchema }).loose(),
  z.object({ options: optionsSchema }).loose(),
  z.record(z.string(), z.string()),
])

/** Keeps the string labels of a key → label object (PHP may give `[]` for none). */
const asList = (options: unknown): BazarList => {
  const list: BazarList = Object.create(null)
  if (!options || typeof options !== 'object' || Array.isArray(options)) return list
  for (const [key, label] of Object.entries(options)) if (typeof label === 'string') list[key] = label
  return list
}

/** A label as plain text: Bazar allows a little HTML and a trailing colon in labels. */
const plainLabel = (label: string): string =>
  label
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*:\s*$/, '')
    .trim()

/** A non-empty string, or nothing: field properties vary with the field type and Bazar version. */
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined

const refuse = (message: string): never => {
  throw new ImportError([{ where: VOCABULARIES_WHERE, message }])
}

/** The forms inside the value, if it is one form, an array of forms or forms by id. */
const formsIn = (data: unknown): z.infer<typeof formSchema>[] | null => {
  const one = formSchema.safeParse(data)
  if (one.success) return [one.data]
  const values = Array.isArray(data) ? data : data && typeof data === 'object' ? Object.values(data) : []
  const forms = values.map((v) => formSchema.safeParse(v))
  return forms.length > 0 && forms.every((f) => f.success) ? forms.map((f) => f.data!) : null
}

const fromForms = (forms: readonly z.infer<typeof formSchema>[]): BazarVocabularies => {
  // No prototype: keys come from the file (a field could be called "__proto__").
  const lists: Record<string, BazarList> = Object.create(null)
  const labels: Record<string, string> = Object.create(null)
  const names: string[] = []
  for (const form of forms) {
    for (const [i, raw] of form.prepared.entries()) {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        refuse(`formulaire « ${form.bn_label_nature ?? '?'} », champ ${i + 1} illisible`)
      }
      // Tabs, titles and other layout fields have no id: nothing to map, skipped.
      const field = raw as Record<string, unknown>
      const fieldId = text(field.propertyname) ?? text(field.propertyName) ?? text(field.id)
      if (!fieldId) continue
      const label = plainLabel(text(field.label) ?? '')
      if (label !== '' && !Object.hasOwn(labels, fieldId)) labels[fieldId] = label
      if (!field.options || typeof field.options !== 'object') continue
      const list = asList(field.options)
      const listName = text(field.linkedObjectName)
      names.push(listName ?? fieldId)
      lists[fieldId] ??= list
      if (listName) lists[listName] ??= list
      if (label !== '') lists[label] ??= list
    }
  }
  return { lists, labels, names: [...new Set(names)] }
}

const fromLists = (data: unknown): BazarVocabularies => {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return refuse(
      'fichier non reconnu : formulaire Bazar (/api/forms/<id>) ou listes ({ "ListeMotClef": { "label": { "1": "…" } } }) attendus',
    )
  }
  const lists: Record<string, BazarList> = Object.create(null)
  for (const [name, value] of Object.entries(data)) {
    if (value && typeof value === 'object' && ('bf_titre' in value || 'id_fiche' in value)) {
      return refuse('ce fichier contient des fiches Bazar, pas des listes ni un formulaire')
    }
    const list = listSchema.safeParse(value)
    if (!list.success) return refuse(`liste "${name}" : un objet clé → libellé est attendu`)
    const entries =
      'label' in list.data && typeof list.data.label === 'object'
        ? list.data.label
        : 'options' in list.data && typeof list.data.options === 'object'
          ? list.data.options
          : list.data
    lists[name] = asList(entries)
    const { titre_liste, title } = value as { titre_liste?: unknown; title?: unknown }
    const listTitle = titre_liste ?? title
    if (typeof listTitle === 'string' && plainLabel(listTitle) !== '')
      lists[plainLabel(listTitle)] ??= lists[name]
  }
  return { lists, labels: {}, names: Object.keys(data) }
}

/** Reads Bazar lists or forms (parsed JSON); throws `ImportError` for anything else. */
export const readBazarVocabularies = (data: unknown): BazarVocabularies => {
  const forms = formsIn(data)
  return forms ? fromForms(forms) : fromLists(data)
}
