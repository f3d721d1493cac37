import {
  type CatalogQuery,
  emptyQuery,
  facetCounts,
  filterCatalog,
  matchCatalog,
  queryFromParams,
  queryToParams,
  sortCatalog,
  trashedEntries,
} from '@kenlabour/shared/catalogQuery'
import { describe, expect, it } from 'vitest'
import { catalogEntry } from '../helpers/catalogEntry.ts'

const entry = catalogEntry

const entries = [
  entry('A', {
    actorType: 'association',
    scale: 'commune',
    keywords: ['alimentation', 'communs'],
    updatedAt: 3,
  }),
  entry('B', { actorType: 'association', scale: 'national', keywords: ['alimentation'], updatedAt: 1 }),
  entry('C', { actorType: 'commune', scale: 'commune', keywords: ['solidarites'], updatedAt: 2 }),
  entry('D', { actorType: 'association', trashedAt: 5, keywords: ['alimentation'] }),
]

const query = (over: Partial<CatalogQuery['facets']>, text = ''): CatalogQuery => ({
  ...emptyQuery(),
  text,
  facets: { ...emptyQuery().facets, ...over },
})

describe('filterCatalog', () => {
  it.each([
    [{}, ['A', 'B', 'C']],
    [{ actorType: ['association'] }, ['A', 'B']],
    [{ actorType: ['association', 'commune'] }, ['A', 'B', 'C']],
    [{ actorType: ['association'], scale: ['commune'] }, ['A']],
    [{ keywords: ['communs', 'solidarites'] }, ['A', 'C']],
    [{ keywords: ['energie'] }, []],
  ])('facets %j → %j (trashed never listed)', (facets, ids) => {
    expect(filterCatalog(entries, query(facets)).map((e) => e.id)).toEqual(ids)
  })

  it('intersects with the text matches', () => {
    expect(filterCatalog(entries, query({}), new Set(['B', 'C', 'D'])).map((e) => e.id)).toEqual(['B', 'C'])
  })

  it('sorts by last modified', () => {
    expect(filterCatalog(entries, { ...emptyQuery(), sort: 'updated' }).map((e) => e.id)).toEqual([
      'A',
      'C',
      'B',
    ])
  })
})

describe('facetCounts', () => {
  it('counts each option given the other facets, not its own', () => {
    const counts = facetCounts(entries, query({ actorType: ['association'] }))
    expect(Object.fromEntries(counts.actorType)).toEqual({ association: 2, commune: 1 })
    expect(Object.fromEntries(counts.keywords)).toEqual({ alimentation: 2, communs: 1 })
    expect(Object.fromEntries(counts.scale)).toEqual({ commune: 1, national: 1 })
  })
})

describe('URL form', () => {
  it('round-trips a query with accents and spaces', () => {
    const q: CatalogQuery = {
      text: 'élève coopé',
      sort: 'created',
      facets: { keywords: ['communs', 'alimentation'], scale: ['autre'], actorType: [] },
      layout: 'list',
      trash: true,
    }
    const parsed = queryFromParams(`?${queryToParams(q)}`)
    expect(parsed.layout).toBe('list')
    expect(parsed.trash).toBe(true)
    expect(parsed.text).toBe(q.text)
    expect(parsed.sort).toBe('created')
    expect([...parsed.facets.keywords].sort()).toEqual(['alimentation', 'communs'])
    expect(parsed.facets.scale).toEqual(['autre'])
  })

  it('ignores malformed and unknown parameters', () => {
    expect(queryFromParams('?q=%E0%A4%A&tri=evil&foo=bar&acteur=&vue=x&corbeille=oui')).toEqual(emptyQuery())
  })

  it('leaves the default view out of the URL', () => {
    expect(queryToParams(emptyQuery())).toBe('')
  })
})

describe('sortCatalog, matchCatalog and trashedEntries', () => {
  it('filtering a presorted catalog gives the same list as filterCatalog', () => {
    for (const sort of ['title', 'updated', 'created'] as const) {
      const q = { ...query({ keywords: ['alimentation'] }), sort }
      expect(matchCatalog(sortCatalog(entries, sort), q).map((e) => e.id)).toEqual(
        filterCatalog(entries, q).map((e) => e.id),
      )
    }
  })

  it('lists only trashed entries, latest first', () => {
    const more = [...entries, entry('E', { trashedAt: 9 })]
    expect(trashedEntries(more).map((e) => e.id)).toEqual(['E', 'D'])
  })
})
