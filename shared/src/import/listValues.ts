/**
 * List values of Bazar fields. A Bazar list field stores its list's keys (`"1,3"` or
 * `"alimentation,communs"`); the CSV export may hold labels instead, and labels may themselves
 * contain commas ("Alimentation, circuit court"). Values are resolved to Kenlabour vocabulary keys
 * through the Bazar list's labels when known, then by key or label; an unknown value is kept as
 * it is (shown raw, never lost), and reported.
 */
import Papa from 'papaparse'
import { findTerm, type VocabularyTerm } from '../vocabularies.ts'
import { bazarListName } from './targets.ts'

/** A Bazar list: its keys and labels. */
export type BazarList = Record<string, string>
/**
 * Bazar lists by list name (`ListeMotClef`), field id (`checkboxListeMotClef`) or field label
 * (`Mot Clef`); read from the person's file by `bazarVocabularies.ts`.
 */
export type BazarLists = Record<string, BazarList>

const normalise = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')

/** The Bazar list of a source field: by exact field id, else by the list name inside the id. */
export const listForField = (lists: BazarLists, field: string): BazarList | undefined => {
  if (Object.hasOwn(lists, field)) return lists[field]
  const name = bazarListName(field) ?? normalise(field)
  const found = Object.entries(lists).find(([key]) => {
    const n = normalise(key).replace(/^liste/, '')
    return n === name || normalise(key) === name
  })
  return found?.[1]
}

export interface ResolvedValue {
  /** The vocabulary key, or the raw value when nothing matched. */
  readonly value: string
  readonly known: boolean
}

/** One value (a Bazar key or a label) as a vocabulary key. */
export const resolveValue = (
  raw: string,
  vocabulary: readonly VocabularyTerm[],
  list: BazarList | undefined,
): ResolvedValue => {
  const value = raw.trim()
  const label = list && Object.hasOwn(list, value) ? list[value] : undefined
  const term = (label ? findTerm(vocabulary, label) : undefined) ?? findTerm(vocabulary, value)
  if (term) return { value: term.key, known: true }
  return { value: label ?? value, known: false }
}

const isKnown = (candidate: string, vocabulary: readonly VocabularyTerm[], list: BazarList | undefined) =>
  (list !== undefined && Object.hasOwn(list, candidate.trim())) ||
  findTerm(vocabulary, candidate.trim()) !== undefined

/**
 * Bazar's CSV export writes a list cell as a CSV line of labels itself (PHP `fputcsv`, which quotes
 * any label holding a comma or a space): `"Alimentation, circuit court",Communs`. Such a cell is
 * read as that line; null when the cell is not one (no quote, or not valid CSV).
 */
const quotedLabels = (raw: string): string[] | null => {
  const text = raw.trim()
  if (!text.startsWith('"')) return null
  const parsed = Papa.parse<string[]>(text, { header: false, delimiter: ',', newline: '\n' })
  return parsed.errors.length === 0 && parsed.data.length === 1 ? (parsed.data[0] ?? null) : null
}

/**
 * Splits a multi-valued cell: as a quoted CSV line when it is one (Bazar's CSV export), otherwise on
 * commas, re-joining neighbouring pieces that together form a known label ("Alimentation, circuit
 * court,Communs" → 2 values). Empty pieces are dropped.
 */
export const splitListValue = (
  raw: string,
  vocabulary: readonly VocabularyTerm[],
  list?: BazarList,
): string[] => {
  const quoted = quotedLabels(raw)
  if (quoted) return quoted.map((v) => v.trim()).filter((v) => v !== '')
  const pieces = raw.split(',')
  const out: string[] = []
  for (let i = 0; i < pieces.length; i++) {
    let taken = 1
    for (let j = pieces.length; j > i + 1; j--) {
      if (isKnown(pieces.slice(i, j).join(','), vocabulary, list)) {
        taken = j - i
        break
      }
    }
    const value = pieces
      .slice(i, i + taken)
      .join(',')
      .trim()
    if (value !== '') out.push(value)
    i += taken - 1
  }
  return out
}
