/**
 * The facets' options with live counts, as the directory computes them (same shared
 * `facetCounts`, same order: vocabulary order, selected values always listed), for the map page,
 * which filters the same catalog with the same query.
 */
import {
  type CatalogQuery,
  emptyQuery,
  FACET_KEYS,
  type FacetKey,
  facetCounts,
  type IdFilter,
} from '@kenlabour/shared/catalogQuery'
import { CHOICE_VOCABULARIES, KEYWORD_VOCABULARY } from '@kenlabour/shared/form'
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import { type Lang, termLabel, type VocabularyTerm } from '@kenlabour/shared/vocabularies'
import { useMemo } from 'react'
import type { FacetOption } from '../components/FacetGroup.tsx'

export const FACET_VOCABULARY: Record<FacetKey, readonly VocabularyTerm[]> = {
  keywords: KEYWORD_VOCABULARY,
  scale: CHOICE_VOCABULARIES.scale,
  actorType: CHOICE_VOCABULARIES.actorType,
}

export const useFacetOptions = (
  entries: readonly CatalogEntry[],
  query: CatalogQuery,
  textMatches: IdFilter | undefined,
  lang: Lang,
): Record<FacetKey, FacetOption[]> => {
  const present = useMemo(() => facetCounts(entries, emptyQuery()), [entries])
  return useMemo(() => {
    const counts = facetCounts(entries, query, textMatches)
    const result = {} as Record<FacetKey, FacetOption[]>
    for (const facet of FACET_KEYS) {
      const vocabulary = FACET_VOCABULARY[facet]
      const keys = new Set([...present[facet].keys(), ...query.facets[facet]])
      const order = (key: string) => {
        const i = vocabulary.findIndex((term) => term.key === key)
        return i === -1 ? vocabulary.length : i
      }
      result[facet] = [...keys]
        .map((key) => ({ key, count: counts[facet].get(key) ?? 0, label: termLabel(vocabulary, key, lang) }))
        .sort((a, b) => order(a.key) - order(b.key) || a.label.localeCompare(b.label))
    }
    return result
  }, [entries, present, query, textMatches, lang])
}
