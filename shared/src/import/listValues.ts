/**
 * List values of Bazar fields. A Bazar list field stores its list's keys (`"1,3"` or
 * `"alimentation,communs"`); the CSV export may hold labels instead, and labels may themselves
 * contain commas ("Alimentation, circuit court"). Values are resolved to Kenlabour vocabulary keys
 * through the Bazar list's labels when known, then by key or label; an unknown value is kept as
 * it is (shown raw, never lost), and reported.
 */
import { z } from 'zod'
import { findTerm, type VocabularyTerm } from '../vocabularies.ts'
import { bazarListName } from './targets.ts'

/** A Bazar list: its keys and labels. */
export type BazarList = Record<string, string>
/** Bazar lists by list name (`ListeMotClef`) or field id (`checkboxListeMotClef`). */
export type BazarLists = Record<string, BazarList>

/**
 * Accepts `{ "ListeMotClef": { "label": { "1": "…" } } }` (Bazar's list JSON) or
 * `{ "ListeMotClef": { "1": "…" } }`.
 */
export const bazarListsSchema = z
  .record(
    z.string(),
    z.union([
      z.object({ label: z.record(z.string(), z.string()) }).loose(),
      z.record(z.string(), z.string()),
    ]),
  )
  .transform(
    (lists): BazarLists =>
      Object.fromEntries(
        Object.entries(lists).map(([name, list]) => [
          name,
          'label' in list && typeof list.label === 'object' ? (list.label as BazarList) : (list as BazarList),
        ]),
      ),
  )

const normalise = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')

/** The Bazar list of a source field: by exact field id, else by the list name inside the id. */
export const listForField = (lists: BazarLists, field: string): BazarList | undefined => {
  if (lists[field]) return lists[field]
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
  const label = list?.[value]
  const term = (label ? findTerm(vocabulary, label) : undefined) ?? findTerm(vocabulary, value)
  if (term) return { value: term.key, known: true }
  return { value: label ?? value, known: false }
}

const isKnown = (candidate: string, vocabulary: readonly VocabularyTerm[], list: BazarList | undefined) =>
  list?.[candidate.trim()] !== undefined || findTerm(vocabulary, candidate.trim()) !== undefined

/**
 * Splits a multi-valued cell on commas, re-joining neighbouring pieces that together form a known
 * label ("Alimentation, circuit court,Communs" → 2 values). Empty pieces are dropped.
 */
export const splitListValue = (
  raw: string,
  vocabulary: readonly VocabularyTerm[],
  list?: BazarList,
): string[] => {
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
