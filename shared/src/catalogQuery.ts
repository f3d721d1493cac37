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

export const LAYOUT_KEYS = ['cards', 'list'] as const
export type LayoutKey = (typeof LAYOUT_KEYS)[number]

/** The ids the search index found (a Set, or a Map from id to its matched terms). */
export interface IdFilter {
  has(id: string): boolean
}

export interface CatalogQuery {
  /** Selected values per facet: OR within a facet, AND across facets (as Bazar's facets do). */
  facets: Record<FacetKey, string[]>
  text: string
  sort: SortKey
  /** Cards (the original site's look) or a compact list. */
  layout: LayoutKey
  /** The "Corbeille" view: trashed fiches, to restore. */
  trash: boolean
}

export const emptyQuery = (): CatalogQuery => ({
  facets: { keywords: [], scale: [], actorType: [] },
  text: '',
  sort: 'title',
  layout: 'cards',
  trash: false,
})

/** An entry's values for one facet (keywords: all of them; the others: none or one). */
export const facetValues = (entry: CatalogEntry, facet: FacetKey): readonly string[] => {
  if (facet === 'keywords') return entry.keywords
  const value = entry[facet]
  return value ? [value] : []
}

const matchesFacet = (entry: CatalogEntry, facet: FacetKey, selected: string[]): boolean =>
  selected.length === 0 || facetValues(entry, facet).some((v) => selected.includes(v))

const matchesAll = (entry: CatalogEntry, query: CatalogQuery, except?: FacetKey): boolean => {
  for (const f of FACET_KEYS) {
    if (f !== except && !matchesFacet(entry, f, query.facets[f])) return false
  }
  return true
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })

/** Ties (same title) are broken by id, so every device lists the same catalog in the same order. */
const byTitle = (a: CatalogEntry, b: CatalogEntry): number =>
  collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const compare: Record<SortKey, (a: CatalogEntry, b: CatalogEntry) => number> = {
  title: byTitle,
  updated: (a, b) => b.updatedAt - a.updatedAt || byTitle(a, b),
  created: (a, b) => b.createdAt - a.createdAt || byTitle(a, b),
}

/** The order `sort` lists entries in (the directory's compact model sorts with it too). */
export const compareEntries = (sort: SortKey): ((a: CatalogEntry, b: CatalogEntry) => number) => compare[sort]

/**
 * Entries matching the facets (and `textMatches`, the ids the search index found, when the query
 * has text), sorted. Trashed entries are never listed here.
 */
export const filterCatalog = (
  entries: readonly CatalogEntry[],
  query: CatalogQuery,
  textMatches?: IdFilter,
): CatalogEntry[] => matchCatalog(entries, query, textMatches).sort(compare[query.sort])

/**
 * `filterCatalog` without the sort: keeps the order of `entries`. With 10,000 entries a collated
 * sort costs several frames, so the directory sorts once per catalog change (`sortCatalog`) and
 * only filters per keystroke or facet click.
 */
export const matchCatalog = (
  entries: readonly CatalogEntry[],
  query: CatalogQuery,
  textMatches?: IdFilter,
): CatalogEntry[] =>
  entries.filter(
    (e) => e.trashedAt === null && (!textMatches || textMatches.has(e.id)) && matchesAll(e, query),
  )

/** A sorted copy of `entries`, in the order `sort` lists them. */
export const sortCatalog = (entries: readonly CatalogEntry[], sort: SortKey): CatalogEntry[] =>
  [...entries].sort(compare[sort])

/** Trashed entries, most recently trashed first: the "Corbeille" view. */
export const trashedEntries = (entries: readonly CatalogEntry[]): CatalogEntry[] =>
  entries.filter((e) => e.trashedAt !== null).sort((a, b) => (b.trashedAt ?? 0) - (a.trashedAt ?? 0))

/**
 * Live counts per facet option: how many entries would match if that option were added, given every
 * other active filter (the usual faceted-search rule, so counts never lie about a click's result).
 */
export const facetCounts = (
  entries: readonly CatalogEntry[],
  query: CatalogQuery,
  textMatches?: IdFilter,
): Record<FacetKey, Map<string, number>> => {
  const counts = { keywords: new Map(), scale: new Map(), actorType: new Map() } as Record<
    FacetKey,
    Map<string, number>
  >
  // Runs on every keystroke over the whole catalog (10,000 entries in 16 ms): no allocation per entry.
  const count = (map: Map<string, number>, value: string) => map.set(value, (map.get(value) ?? 0) + 1)
  for (const entry of entries) {
    if (entry.trashedAt !== null || (textMatches && !textMatches.has(entry.id))) continue
    for (const facet of FACET_KEYS) {
      if (!matchesAll(entry, query, facet)) continue
      if (facet !== 'keywords') {
        const value = entry[facet]
        if (value) count(counts[facet], value)
        continue
      }
      const keywords = entry.keywords
      for (let i = 0; i < keywords.length; i++) {
        if (keywords.indexOf(keywords[i]!) === i) count(counts.keywords, keywords[i]!)
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
  if (query.layout === 'list') params.push(['vue', 'liste'])
  if (query.trash) params.push(['corbeille', '1'])
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
    else if (key === 'vue') query.layout = value === 'liste' ? 'list' : 'cards'
    else if (key === 'corbeille') query.trash = value === '1'
    else {
      const facet = FACET_KEYS.find((f) => PARAM[f] === key)
      if (facet && value && !query.facets[facet].includes(value)) query.facets[facet].push(value)
    }
  }
  return query
}
