/**
 * The directory's compact catalog model (client/src/search/catalogModel.ts) gives exactly what the
 * reference functions of shared/catalogQuery give (`filterCatalog`, `facetCounts`), for any catalog,
 * query and text matches (property tests), also after incremental changes and from cached orders.
 */
import {
  type CatalogQuery,
  emptyQuery,
  FACET_KEYS,
  facetCounts,
  filterCatalog,
  SORT_KEYS,
} from '@kenlabour/shared/catalogQuery'
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CatalogModel, SlotRegistry, type TextMatches } from '../../client/src/search/catalogModel.ts'
import { catalogEntry } from '../helpers/catalogEntry.ts'

const ACTORS = ['association', 'commune', 'entreprise', 'inconnu-ailleurs']
const SCALES = ['commune', 'region', 'national']
const KEYWORDS = ['alimentation', 'communs', 'energie', 'solidarites', 'hors-vocabulaire']
const TITLES = ['Jardin', 'jardin', 'École', 'ecole', 'Zèbre', 'abc 2', 'abc 10', '', 'Épicerie']

const entryArb = (id: string): fc.Arbitrary<CatalogEntry> =>
  fc.record({
    id: fc.constant(id),
    title: fc.constantFrom(...TITLES),
    actorType: fc.option(fc.constantFrom(...ACTORS), { nil: null }),
    scale: fc.option(fc.constantFrom(...SCALES), { nil: null }),
    keywords: fc.array(fc.constantFrom(...KEYWORDS), { maxLength: 4 }),
    city: fc.constant(''),
    excerpt: fc.constant(''),
    createdAt: fc.integer({ min: 0, max: 5 }),
    updatedAt: fc.integer({ min: 0, max: 5 }),
    trashedAt: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null, freq: 5 }),
  })

const catalogArb = (max = 30): fc.Arbitrary<CatalogEntry[]> =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 99 }), { maxLength: max })
    .chain((ids) => fc.tuple(...ids.map((i) => entryArb(`F${i}`))))

const queryArb: fc.Arbitrary<CatalogQuery> = fc.record({
  facets: fc.record({
    keywords: fc.uniqueArray(fc.constantFrom(...KEYWORDS, 'jamais-vu'), { maxLength: 3 }),
    scale: fc.uniqueArray(fc.constantFrom(...SCALES), { maxLength: 2 }),
    actorType: fc.uniqueArray(fc.constantFrom(...ACTORS), { maxLength: 2 }),
  }),
  text: fc.constant(''),
  sort: fc.constantFrom(...SORT_KEYS),
  layout: fc.constant('cards' as const),
  trash: fc.constant(false),
})

const textArb = fc.option(
  fc
    .uniqueArray(fc.integer({ min: 0, max: 99 }), { maxLength: 40 })
    .map((ids) => new Set(ids.map((i) => `F${i}`))),
  { nil: null },
)

const expectSame = (
  model: CatalogModel,
  entries: readonly CatalogEntry[],
  query: CatalogQuery,
  text: Set<string> | null,
) => {
  const view = model.query(query, text)
  expect(view.shown.map((e) => e.id)).toEqual(
    filterCatalog(entries, query, text ?? undefined).map((e) => e.id),
  )
  const counts = facetCounts(entries, query, text ?? undefined)
  for (const facet of FACET_KEYS) expect(new Map(view.counts[facet])).toEqual(counts[facet])
}

describe('CatalogModel', () => {
  it('lists and counts exactly as filterCatalog and facetCounts', () => {
    fc.assert(
      fc.property(catalogArb(), queryArb, textArb, (entries, query, text) => {
        expectSame(CatalogModel.of(entries), entries, query, text)
      }),
      { numRuns: 300 },
    )
  })

  it('lists every value present in the catalog, trashed entries left out', () => {
    fc.assert(
      fc.property(catalogArb(), (entries) => {
        const present = CatalogModel.of(entries).present()
        const counts = facetCounts(entries, emptyQuery())
        for (const facet of FACET_KEYS) expect(new Map(present[facet])).toEqual(counts[facet])
      }),
    )
  })

  it('after changes, equals a model of the changed catalog (orders carried over)', () => {
    fc.assert(
      fc.property(
        catalogArb(),
        catalogArb(12),
        fc.array(fc.integer({ min: 0, max: 99 })),
        queryArb,
        textArb,
        (entries, upserts, removedNumbers, query, text) => {
          const removed = removedNumbers.map((i) => `F${i}`)
          const before = CatalogModel.of(entries)
          // Orders computed before the change are the ones carried over.
          for (const sort of SORT_KEYS) before.query({ ...query, sort }, null)
          const after = before.withChanges(upserts, removed)
          const upserted = new Set(upserts.map((e) => e.id))
          const gone = new Set(removed.filter((id) => !upserted.has(id)))
          const expected = [
            ...entries.filter((e) => !gone.has(e.id)).map((e) => upserts.find((u) => u.id === e.id) ?? e),
            ...upserts.filter((u) => !entries.some((e) => e.id === u.id)),
          ]
          expect(after.entries.map((e) => e.id)).toEqual(expected.map((e) => e.id))
          for (const sort of SORT_KEYS) expectSame(after, expected, { ...query, sort }, text)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('reuses cached sort orders, and ignores ones that do not fit the entries', () => {
    fc.assert(
      fc.property(catalogArb(), queryArb, (entries, query) => {
        const orders = CatalogModel.of(entries).orders()
        expectSame(CatalogModel.of(entries, orders), entries, query, null)
        const wrong = { ...orders, title: new Int32Array(entries.length).fill(0) }
        expectSame(CatalogModel.of(entries, wrong), entries, query, null)
      }),
    )
  })

  it('reads the search worker answer as a byte per slot of its registry, or by id otherwise', () => {
    fc.assert(
      fc.property(catalogArb(), queryArb, textArb, (entries, query, text) => {
        const registry = new SlotRegistry()
        registry.slot('F-elsewhere')
        const model = CatalogModel.of(entries, undefined, registry)
        const matches = (of: SlotRegistry): TextMatches | null => {
          if (!text) return null
          const mask = new Uint8Array(of.ids.length)
          for (const id of text) if (of.find(id) >= 0) mask[of.find(id)] = 1
          // `has` tells the truth; the mask is only used when it is over the model's own registry.
          return { has: (id) => text.has(id), bySlot: { registry: of, mask } }
        }
        const view = model.query(query, matches(registry))
        expect(view.shown.map((e) => e.id)).toEqual(
          filterCatalog(entries, query, text ?? undefined).map((e) => e.id),
        )
        const other = new SlotRegistry()
        expect(model.query(query, matches(other)).shown.map((e) => e.id)).toEqual(view.shown.map((e) => e.id))
      }),
    )
  })

  it('counts the trash and finds entries by id', () => {
    const entries = [catalogEntry('A', { trashedAt: 3 }), catalogEntry('B')]
    const model = CatalogModel.of(entries)
    expect(model.trashedCount).toBe(1)
    expect(model.size).toBe(2)
    expect(model.get('B')?.title).toBe('B')
    expect(model.withChanges([{ ...entries[0]!, trashedAt: null }]).trashedCount).toBe(0)
    expect(model.withChanges([], [])).toBe(model)
  })
})
