/**
 * The directory's search (client/src/search): accent- and case-insensitive matches over the whole
 * fiche text, the worker's engine kept in step incrementally and cached, the page's side over a real
 * MessageChannel (as with the worker), and highlighting of the matched words.
 */
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { SlotRegistry } from '../../client/src/search/catalogModel.ts'
import { CatalogSearch, type SearchHits } from '../../client/src/search/catalogSearch.ts'
import { fold } from '../../client/src/search/fold.ts'
import { highlight, snippet } from '../../client/src/search/highlight.ts'
import { type IndexCache, SearchEngine, textHash } from '../../client/src/search/searchEngine.ts'
import { createIndex, runQuery } from '../../client/src/search/searchIndex.ts'
import type { FromWorker, Port, ToWorker } from '../../client/src/search/searchProtocol.ts'
import { queryKey, searchDocOf } from '../../client/src/search/searchQuery.ts'
import { catalogEntry } from '../helpers/catalogEntry.ts'

const entry = (id: string, title: string, searchText?: string): CatalogEntry =>
  catalogEntry(id, searchText === undefined ? { title } : { title, searchText })

/** An index cache in memory, cloning like IndexedDB does; counts writes. */
const memoryCache = () => {
  const records = new Map<string, unknown>()
  let writes = 0
  const cache: IndexCache = {
    read: async (space) => structuredClone(records.get(space)),
    write: async (space, value) => {
      records.set(space, structuredClone(value))
      writes++
      return true
    },
  }
  return { cache, writes: () => writes }
}

const channels: MessageChannel[] = []
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close()
    channel.port2.close()
  }
})

/** A page-side search talking to an engine over a real MessageChannel, as with the worker. */
const connect = (cache: IndexCache, registry = new SlotRegistry()) => {
  const channel = new MessageChannel()
  channels.push(channel)
  new SearchEngine(channel.port2 as unknown as Port<ToWorker, FromWorker>, cache)
  channel.port2.start()
  const search = new CatalogSearch(
    () => channel.port1 as unknown as Port<FromWorker, ToWorker>,
    'demo',
    registry,
  )
  channel.port1.start()
  search.start()
  return search
}

const KEY = (n: number) => new Uint8Array([n])

/** Resolves with the complete answer to `text`, asking (and asking again) as the page does. */
const answer = (search: CatalogSearch, text: string): Promise<SearchHits | null> => {
  const key = queryKey(text)
  if (key === null) return Promise.resolve(null)
  return new Promise((resolve) => {
    const check = () => {
      const hits = search.results(key)
      if (hits?.complete && search.ready) {
        stop()
        resolve(hits)
      }
    }
    const stop = search.subscribe(check)
    check()
  })
}

const ids = async (search: CatalogSearch, text: string) =>
  [...((await answer(search, text))?.ids ?? [])].sort()

describe('queryKey', () => {
  it('folds the words, leaves out a short last word, and does not filter on too little', () => {
    expect(queryKey('ÉLÈVES')).toBe('eleves')
    expect(queryKey('  Jardin, partagé ')).toBe('jardin partage')
    expect(queryKey('jardin p')).toBe('jardin')
    expect(queryKey('e')).toBeNull()
    expect(queryKey('el')).toBeNull()
    expect(queryKey('a b')).toBeNull()
  })
})

describe('runQuery', () => {
  const WORDS = [
    'jardin',
    'jardins',
    'jardinage',
    'partagé',
    'partage',
    'partenaires',
    'école',
    'écoles',
    'eleve',
  ]
  const textArb = fc
    .array(fc.constantFrom(...WORDS, 'jardin12', 'Jardín', 'PARTAGE'), { maxLength: 8 })
    .map((w) => w.join(' '))
  const queryArb = fc
    .array(
      fc.oneof(
        fc.constantFrom(...WORDS),
        fc.constantFrom(...WORDS).map((w) => w.slice(0, 3 + (w.length % 3))),
        fc.constantFrom('jardim', 'partaje', 'ecolle', 'de', 'zzz'),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((w) => w.join(' '))

  it('finds the same documents as MiniSearch.search (prefix, typos, every word), also after removals', () => {
    fc.assert(
      fc.property(
        fc.array(textArb, { maxLength: 25 }),
        queryArb,
        fc.array(fc.nat(24)),
        (texts, query, gone) => {
          const index = createIndex()
          index.addAll(texts.map((text, i) => ({ id: `F${i}`, text })))
          for (const i of new Set(gone)) if (i < texts.length) index.discard(`F${i}`)
          const key = queryKey(query)
          if (key === null) return
          const expected = index.search(key).map((hit) => String(hit.id))
          const result = runQuery(index, key)
          expect([...result.ids].sort()).toEqual(expected.sort())
          // Every term a hit matched is among the terms reported for highlighting.
          const terms = new Set(result.terms)
          for (const hit of index.search(key))
            for (const term of hit.terms) expect(terms.has(term)).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('search engine and page side', () => {
  it('finds words of any section, whatever their accents and case', async () => {
    const search = connect(memoryCache().cache)
    expect(await search.whenOpened).toBeNull()
    search.reset(KEY(1), [
      searchDocOf(entry('A', 'Cantine', 'Cantine\nLes élèves cuisinent.')),
      searchDocOf(entry('B', 'Jardin', 'Jardin\nUn potager partagé à Brest.')),
      searchDocOf(entry('C', 'ÉCOLE', 'ÉCOLE')),
    ])
    expect(await ids(search, 'eleve')).toEqual(['A'])
    expect(await ids(search, 'ÉLÈVES')).toEqual(['A'])
    expect(await ids(search, 'ecole')).toEqual(['C'])
    expect(await ids(search, 'potag brest')).toEqual(['B'])
    expect(await ids(search, 'potager cantine')).toEqual([])
    // A short last word, still being typed, does not empty the results.
    expect(await ids(search, 'potager b')).toEqual(['B'])
    // A small typo in a longer word still finds it.
    expect(await ids(search, 'cuisinnent')).toEqual(['A'])
    expect([...((await answer(search, 'élèves'))?.terms ?? [])]).toEqual(['eleves'])
    // A known answer is given at once, without asking the worker again.
    expect([...(search.results('eleves')?.ids ?? [])]).toEqual(['A'])
    expect(search.results('eleves')?.ids.has('A')).toBe(true)
    expect(search.results('eleves')?.ids.has('B')).toBe(false)
  })

  it('follows the catalog: changed entries re-indexed, removed ones dropped', async () => {
    const search = connect(memoryCache().cache)
    search.reset(KEY(1), [
      searchDocOf(entry('A', 'Cantine', 'Cantine bio')),
      searchDocOf(entry('B', 'Jardin', 'Jardin')),
    ])
    expect(await ids(search, 'bio')).toEqual(['A'])
    search.patch(KEY(2), [searchDocOf(entry('A', 'Cantine', 'Cantine végétarienne'))], ['B'])
    expect(await ids(search, 'bio')).toEqual([])
    expect(await ids(search, 'vegetarienne')).toEqual(['A'])
    expect(await ids(search, 'jardin')).toEqual([])
    // A reset with the whole catalog drops what it does not list.
    search.reset(KEY(3), [searchDocOf(entry('C', 'Compost', 'Compost'))])
    expect(await ids(search, 'vegetarienne')).toEqual([])
    expect(await ids(search, 'compost')).toEqual(['C'])
  })

  it('searches the summary of entries written before searchText existed', async () => {
    const search = connect(memoryCache().cache)
    search.reset(KEY(1), [searchDocOf({ ...entry('A', 'Cantine'), city: 'Quimper' })])
    expect(await ids(search, 'quimper')).toEqual(['A'])
  })

  it('keeps the built index: the next page loads it, with the version it was built from', async () => {
    const { cache, writes } = memoryCache()
    const docs = Array.from({ length: 1_200 }, (_, i) =>
      searchDocOf(entry(`F${i}`, `Fiche ${i}`, `Fiche ${i}\n${i % 2 ? 'potager' : 'compost'}`)),
    )
    const first = connect(cache)
    first.reset(KEY(7), docs)
    expect((await ids(first, 'compost')).length).toBe(600)
    // A large build is saved before the index says it is ready.
    expect(writes()).toBe(1)

    // The next page numbers its catalog's entries (its model does) before it searches.
    const registry = new SlotRegistry()
    for (const doc of docs) registry.slot(doc.id)
    const second = connect(cache, registry)
    expect(await second.whenOpened).toEqual(KEY(7))
    second.markCurrent()
    expect((await ids(second, 'potager')).length).toBe(600)
    // The catalog with one fiche changed: it is re-indexed, the others are kept.
    second.reset(KEY(8), [...docs.slice(0, 1_199), searchDocOf(entry('F1199', 'Fiche', 'Fiche renommée'))])
    expect(await ids(second, 'renommee')).toEqual(['F1199'])
    expect((await ids(second, 'potager')).length).toBe(599)
  })

  it('marks answers incomplete until the page confirms the index is that of its catalog', async () => {
    const search = connect(memoryCache().cache)
    await search.whenOpened
    const key = queryKey('potager')!
    const partial = await new Promise<SearchHits>((resolve) => {
      const stop = search.subscribe(() => {
        const hits = search.results(key)
        if (hits) {
          stop()
          resolve(hits)
        }
      })
      search.results(key)
    })
    expect(partial.complete).toBe(false)
    expect(search.ready).toBe(false)
    search.markCurrent()
    expect(search.ready).toBe(true)
  })

  it('hashes texts stably and tells them apart', () => {
    expect(textHash('jardin')).toBe(textHash('jardin'))
    expect(textHash('jardin')).not.toBe(textHash('jardim'))
    expect(Number.isSafeInteger(textHash('x'.repeat(10_000)))).toBe(true)
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

  it('marks exactly the words whose folded form is a term, and keeps the text whole', () => {
    const pieces = [
      'Élève',
      'eleve',
      ' ',
      ', ',
      'ß',
      'İstanbul',
      'ǅ',
      'jardin',
      'Jardín',
      '2024',
      'ﬁ',
      '-',
      'n°',
      '😀',
      '𝒜b',
    ]
    const naive = (text: string, terms: Set<string>) =>
      [...text.matchAll(/[\p{L}\p{N}]+/gu)].filter((m) => terms.has(fold(m[0]))).map((m) => m[0])
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join('')),
        fc.uniqueArray(fc.constantFrom(...pieces.map(fold)), { maxLength: 4 }),
        (text, termList) => {
          const terms = new Set(termList)
          const segments = highlight(text, terms)
          expect(segments.map((s) => s.text).join('')).toBe(text)
          if (terms.size > 0)
            expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(naive(text, terms))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('cuts a snippet around the first match', () => {
    const text = `${'a '.repeat(100)}les élèves ${'b '.repeat(100)}`
    const cut = snippet(text, new Set(['eleves']), 10)
    expect(cut).toMatch(/^….*élèves.*…$/)
    expect(snippet('rien', new Set(['eleves']))).toBeNull()
  })
})
