/**
 * The directory's search index (client/src/search): accent- and case-insensitive matches over the
 * whole fiche text, incremental updates, and highlighting of the matched words.
 */
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import { describe, expect, it } from 'vitest'
import { CatalogSearch } from '../../client/src/search/catalogSearch.ts'
import { highlight, snippet } from '../../client/src/search/highlight.ts'

const entry = (id: string, title: string, searchText?: string): CatalogEntry => ({
  id,
  title,
  actorType: null,
  scale: null,
  keywords: [],
  city: '',
  excerpt: '',
  createdAt: 0,
  updatedAt: 0,
  trashedAt: null,
  ...(searchText === undefined ? {} : { searchText }),
})

const ids = (search: CatalogSearch, text: string) => [...(search.search(text)?.ids.keys() ?? [])].sort()

describe('CatalogSearch', () => {
  it('finds words of any section, whatever their accents and case', async () => {
    const search = new CatalogSearch()
    await search.sync([
      entry('A', 'Cantine', 'Cantine\nLes élèves cuisinent.'),
      entry('B', 'Jardin', 'Jardin\nUn potager partagé à Brest.'),
      entry('C', 'ÉCOLE', 'ÉCOLE'),
    ])
    expect(search.ready).toBe(true)
    expect(ids(search, 'eleve')).toEqual(['A'])
    expect(ids(search, 'ÉLÈVES')).toEqual(['A'])
    expect(ids(search, 'ecole')).toEqual(['C'])
    expect(ids(search, 'potag brest')).toEqual(['B'])
    expect(ids(search, 'potager cantine')).toEqual([])
    expect(search.search('e')).toBeNull()
    expect(search.search('el')).toBeNull()
    // A short last word, still being typed, does not empty the results.
    expect(ids(search, 'potager b')).toEqual(['B'])
    expect(search.search('élèves')?.ids.get('A')).toEqual(['eleves'])
  })

  it('follows the catalog: changed entries re-indexed, removed ones dropped', async () => {
    const search = new CatalogSearch()
    const a = entry('A', 'Cantine', 'Cantine bio')
    const b = entry('B', 'Jardin', 'Jardin')
    await search.sync([a, b])
    await search.sync([entry('A', 'Cantine', 'Cantine végétarienne')])
    expect(ids(search, 'bio')).toEqual([])
    expect(ids(search, 'vegetarienne')).toEqual(['A'])
    expect(ids(search, 'jardin')).toEqual([])
  })

  it('searches the summary of entries written before searchText existed', async () => {
    const search = new CatalogSearch()
    await search.sync([{ ...entry('A', 'Cantine'), city: 'Quimper' }])
    expect(ids(search, 'quimper')).toEqual(['A'])
  })
})

describe('highlight', () => {
  it('marks matched words with their own accents and case', () => {
    const terms = new Set(['eleves'])
    expect(highlight('Les Élèves cuisinent', terms)).toEqual([
      { text: 'Les ', mark: false },
      { text: 'Élèves', mark: true },
      { text: ' cuisinent', mark: false },
    ])
    expect(highlight('rien', terms)).toEqual([{ text: 'rien', mark: false }])
  })

  it('marks whole words only, overlapping terms included', () => {
    const marked = (text: string, terms: string[]) =>
      highlight(text, new Set(terms))
        .filter((s) => s.mark)
        .map((s) => s.text)
    expect(marked('Un partage partagé, partageons', ['partag', 'partage'])).toEqual(['partage', 'partagé'])
    expect(marked('ß Straße strasse', ['strasse'])).toEqual(['strasse'])
  })

  it('cuts a snippet around the first match', () => {
    const text = `${'a '.repeat(100)}les élèves ${'b '.repeat(100)}`
    const cut = snippet(text, new Set(['eleves']), undefined, 10)
    expect(cut).toMatch(/^….*élèves.*…$/)
    expect(snippet('rien', new Set(['eleves']))).toBeNull()
  })
})
