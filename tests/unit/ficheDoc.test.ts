import { readFileSync } from 'node:fs'
import { emptyFiche } from '@kenlabour/shared/fiche'
import { addToList, fieldText, hasFiche, readFiche, titleText, writeFiche } from '@kenlabour/shared/ficheDoc'
import { bulletList, paragraph, text } from '@kenlabour/shared/richtext'
import { parseInspirations } from '@kenlabour/shared/seed'
import { setYText } from '@kenlabour/shared/ytext'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

const fiches = parseInspirations(
  readFileSync(new URL('../../shared/seed/inspirations.txt', import.meta.url), 'utf8'),
)

/** Sends each doc's missing updates to the other, as two replicas meeting would. */
const exchange = (a: Y.Doc, b: Y.Doc): void => {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, toB)
  Y.applyUpdate(a, toA)
}

const countUpdates = (doc: Y.Doc): { count: number } => {
  const counter = { count: 0 }
  doc.on('update', () => {
    counter.count++
  })
  return counter
}

describe('writeFiche / readFiche', () => {
  it.each(fiches.map((f) => [f.id, f] as const))('round-trips %s exactly', (_id, fiche) => {
    const doc = new Y.Doc()
    expect(hasFiche(doc)).toBe(false)
    writeFiche(doc, fiche)
    expect(hasFiche(doc)).toBe(true)
    expect(readFiche(doc)).toEqual(fiche)
  })

  it('round-trips through an encoded update into a fresh replica', () => {
    const source = new Y.Doc()
    for (const fiche of fiches) {
      writeFiche(source, fiche)
      const replica = new Y.Doc()
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(source))
      expect(readFiche(replica)).toEqual(fiche)
    }
  })

  it('keeps plain text after a link plain', () => {
    const href = 'https://example.org/'
    const fiche = emptyFiche('Links', 'Links', 1)
    fiche.sections.description = [
      paragraph([text('see '), text(href, [{ type: 'link', attrs: { href } }]), text(' and more')]),
      bulletList([[text(href, [{ type: 'link', attrs: { href } }]), text(' then text')]]),
    ]
    const doc = new Y.Doc()
    writeFiche(doc, fiche)
    expect(readFiche(doc)).toEqual(fiche)
  })

  it('produces no update when the same fiche is written twice', () => {
    for (const fiche of fiches) {
      const doc = new Y.Doc()
      writeFiche(doc, fiche)
      const updates = countUpdates(doc)
      writeFiche(doc, fiche)
      writeFiche(doc, structuredClone(fiche))
      expect(updates.count, fiche.id).toBe(0)
    }
  })

  it('produces one update for a changed fiche, then none', () => {
    const fiche = fiches[0]!
    const doc = new Y.Doc()
    writeFiche(doc, fiche)
    const updates = countUpdates(doc)
    const changed = { ...fiche, city: 'Brest', tags: [...fiche.tags, 'épicerie'] }
    writeFiche(doc, changed)
    writeFiche(doc, changed)
    expect(updates.count).toBe(1)
    expect(readFiche(doc)).toEqual(changed)
  })

  it('rejects an invalid fiche without touching the doc', () => {
    const doc = new Y.Doc()
    const updates = countUpdates(doc)
    expect(() => writeFiche(doc, { ...fiches[0]!, id: '../etc' })).toThrow()
    expect(updates.count).toBe(0)
  })
})

describe('concurrent edits', () => {
  it('keeps both values of concurrent addToList on two replicas', () => {
    const a = new Y.Doc()
    writeFiche(a, fiches[0]!)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))

    addToList(a, 'tags', 'coopération')
    addToList(b, 'tags', 'bio')
    exchange(a, b)

    const expected = [...fiches[0]!.tags, 'coopération', 'bio']
    for (const doc of [a, b]) {
      const tags = readFiche(doc).tags
      expect([...tags].sort()).toEqual([...expected].sort())
      expect(tags).toHaveLength(expected.length)
    }
    expect(readFiche(a)).toEqual(readFiche(b))
  })

  it('adds a value already present only once', () => {
    const doc = new Y.Doc()
    writeFiche(doc, fiches[0]!)
    addToList(doc, 'tags', 'Brest')
    expect(readFiche(doc).tags).toEqual(fiches[0]!.tags)
  })

  it('setYText keeps an insert made concurrently on another replica', () => {
    const a = new Y.Doc()
    setYText(titleText(a), 'Au restaurant avec les voisins')
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))

    // a rewrites the end, b inserts at the start, concurrently.
    setYText(titleText(a), 'Au restaurant avec les voisins du quartier')
    titleText(b).insert(0, '[Brest] ')
    exchange(a, b)

    expect(titleText(a).toString()).toBe('[Brest] Au restaurant avec les voisins du quartier')
    expect(titleText(b).toString()).toBe(titleText(a).toString())
  })

  it('writeFiche on one replica keeps a concurrent edit of another field elsewhere', () => {
    const a = new Y.Doc()
    writeFiche(a, fiches[0]!)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))

    writeFiche(a, { ...fiches[0]!, city: `${fiches[0]!.city} (Finistère)` })
    fieldText(b, 'city').insert(0, 'Magasin : ')
    exchange(a, b)

    const city = 'Magasin : 209 rue Jean Jaurès 29200 Brest (Finistère)'
    expect(readFiche(a).city).toBe(city)
    expect(readFiche(b).city).toBe(city)
  })

  it('setYText does not split a surrogate pair', () => {
    const doc = new Y.Doc()
    const ytext = doc.getText('t')
    setYText(ytext, 'a😀b')
    setYText(ytext, 'a😃b')
    expect(ytext.toString()).toBe('a😃b')
  })
})
