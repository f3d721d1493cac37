/**
 * The catalog entry's full-text part: every field and section of the fiche is in `searchText`, so
 * the directory can search the whole fiche from the index document alone; entries written before
 * the field existed stay readable.
 */
import { emptyFiche } from '@kenlabour/shared/fiche'
import { paragraph, text } from '@kenlabour/shared/richtext'
import {
  catalogEntryOf,
  catalogMap,
  readCatalog,
  SEARCH_TEXT_LENGTH,
  searchTextOf,
  upsertCatalogEntry,
} from '@kenlabour/shared/spaceIndex'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

const fiche = () => ({
  ...emptyFiche('Elevage', 'Élevage de chèvres', 1_700_000_000_000),
  actorName: 'GAEC des Prés',
  city: 'Quimper',
  actorType: 'association',
  keywords: ['alimentation'],
  contacts: ['contact@chevres.bzh'],
  tags: ['fromage'],
  partners: 'La Biocoop du coin',
  sections: {
    ...emptyFiche('x', 'x').sections,
    description: [paragraph([text('Des chèvres heureuses.')])],
    limits: [paragraph([text('Le prix du foin.')])],
    complement: [paragraph([text('Visites le samedi.')])],
  },
})

describe('searchTextOf', () => {
  it('holds the title, every field, every section and the vocabulary labels', () => {
    const textOf = searchTextOf(fiche())
    for (const part of [
      'Élevage de chèvres',
      'GAEC des Prés',
      'Quimper',
      'Association',
      'contact@chevres.bzh',
      'fromage',
      'La Biocoop du coin',
      'Des chèvres heureuses.',
      'Le prix du foin.',
      'Visites le samedi.',
    ]) {
      expect(textOf).toContain(part)
    }
  })

  it('is bounded', () => {
    const long = { ...fiche(), partners: 'x'.repeat(SEARCH_TEXT_LENGTH * 2) }
    expect(searchTextOf(long).length).toBe(SEARCH_TEXT_LENGTH)
  })
})

describe('catalog entries', () => {
  it('a change in any section rewrites the entry', () => {
    const index = new Y.Doc()
    expect(upsertCatalogEntry(index, catalogEntryOf(fiche(), 1))).toBe(true)
    expect(upsertCatalogEntry(index, catalogEntryOf(fiche(), 2))).toBe(false)
    const changed = {
      ...fiche(),
      sections: { ...fiche().sections, levers: [paragraph([text('Un levier.')])] },
    }
    expect(upsertCatalogEntry(index, catalogEntryOf(changed, 3))).toBe(true)
    expect(readCatalog(index)[0]?.searchText).toContain('Un levier.')
  })

  it('an entry without searchText (written by an older version) is still read', () => {
    const index = new Y.Doc()
    const { searchText: _dropped, ...old } = catalogEntryOf(fiche(), 1)
    catalogMap(index).set(old.id, old)
    expect(readCatalog(index).map((e) => e.id)).toEqual(['Elevage'])
  })
})
