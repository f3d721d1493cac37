/**
 * The directory's query: facets, filters and sort over catalog entries, and its URL form so a
 * filtered view can be shared and bookmarked. Pure functions; full-text search is done by the
 * client's search index and passed in as a set of matching ids.
 */
import type { CatalogEntry } from './spaceIndex.ts'

export const FACET_KEYS = ['keywords', 'scale', 'actorType'] as const
export type FacetKey = (typeof FACET_KEYS)[number]

export const SORT_KEYS = ['title', 'updated', 'created'] as const
export type SortKey = (typeof SORT_KEYS)[number]

export interface CatalogQuery {
  /** Selected values per facet: OR within a facet, AND across facets (as Bazar's facets do). */
  facets: Record<FacetKey, string[]>
  text: string
  sort: SortKey
}

export const emptyQuery = (): CatalogQuery => ({
  facets: { keywords: [], scale: [], actorType: [] },
  text: '',
  sort: 'title',
})

const valuesOf = (entry: CatalogEntry, facet: FacetKey): string[] => {
  if (facet === 'keywords') return entry.keywords
  const value = entry[facet]
  return value ? [value] : []
}

const matchesFacet = (entry: CatalogEntry, facet: FacetKey, selected: string[]): boolean =>
  selected.length === 0 || valuesOf(entry, facet).some((v) => selected.includes(v))

const matchesAll = (entry: CatalogEntry, query: CatalogQuery, except?: FacetKey): boolean =>
  FACET_KEYS.every((f) => f === except || matchesFacet(entry, f, query.facets[f]))

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })

const compare: Record<SortKey, (a: CatalogEntry, b: CatalogEntry) => number> = {
  title: (a, b) => collator.compare(a.title, b.title),
  updated: (a, b) => b.updatedAt - a.updatedAt || collator.compare(a.title, b.title),
  created: (a, b) => b.createdAt - a.createdAt || collator.compare(a.title, b.title),
}

/**
 * Entries matching the facets (and `textMatches`, the ids the search index found, when the query
 * has text), sorted. Trashed entries are never listed here.
 */
export const filterCatalog = (
  entries: readonly CatalogEntry[],
  query: CatalogQuery,
  textMatches?: ReadonlySet<string>,
): CatalogEntry[] =>
  entries
    .filter((e) => e.trashedAt === null && (!textMatches || textMatches.has(e.id)) && matchesAll(e, query))
    .sort(compare[query.sort])

/**
 * Live counts per facet option: how many entries would match if that option were added, given every
 * other active filter (the usual faceted-search rule, so counts never lie about a click's result).
 */
export const facetCounts = (
  entries: readonly CatalogEntry[],
  query: CatalogQuery,
  textMatches?: ReadonlySet<string>,
): Record<FacetKey, Map<string, number>> => {
  const counts = { keywords: new Map(), scale: new Map(), actorType: new Map() } as Record<
    FacetKey,
    Map<string, number>
  >
  for (const entry of entries) {
    if (entry.trashedAt !== null || (textMatches && !textMatches.has(entry.id))) continue
    for (const facet of FACET_KEYS) {
      if (!matchesAll(entry, query, facet)) continue
      for (const value of new Set(valuesOf(entry, facet))) {
        counts[facet].set(value, (counts[facet].get(value) ?? 0) + 1)
      }
    }
  }
  return counts
}

const PARAM: Record<FacetKey, string> = { keywords: 'motclef', scale: 'echelle', actorType: 'acteur' }

/** The query as URL search parameters (stable order, empty parts omitted). */
export const queryToParams = (query: CatalogQuery): string => {
  const params: [string, string][] = []
  if (query.text.trim()) params.push(['q', query.text.trim()])
  for (const facet of FACET_KEYS) {
    for (const value of [...query.facets[facet]].sort()) params.push([PARAM[facet], value])
  }
  if (query.sort !== 'title') params.push(['tri', query.sort])
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
}

/** Parses URL search parameters back into a query; unknown parameters and values are ignored. */
export const queryFromParams = (search: string): CatalogQuery => {
  const query = emptyQuery()
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (!part) continue
    const [rawKey = '', rawValue = ''] = part.split('=')
    let key: string
    let value: string
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '))
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '))
    } catch {
      continue
    }
    if (key === 'q') query.text = value
    else if (key === 'tri' && (SORT_KEYS as readonly string[]).includes(value)) query.sort = value as SortKey
    else {
      const facet = FACET_KEYS.find((f) => PARAM[f] === key)
      if (facet && value && !query.facets[facet].includes(value)) query.facets[facet].push(value)
    }
  }
  return query
}
