/**
 * A large fiche built the way a long fiche grows: paragraphs of text added to its sections over
 * many edits, some text later deleted (tombstones), each edit one update. Deterministic (seeded), so
 * every run and every server sees the same document.
 */
import { emptyFiche } from '@kenlabour/shared/fiche'
import { writeFiche } from '@kenlabour/shared/ficheDoc'
import { SECTION_KEYS } from '@kenlabour/shared/form'
import * as Y from 'yjs'

const WORDS =
  'coopérative quartier jardin partagé habitants réseau commune association énergie circuit court atelier réparation mobilité école solidarité monnaie locale'.split(
    ' ',
  )

/** mulberry32: a tiny seeded generator, enough for reproducible workloads. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const paragraphText = (random: () => number, chars: number): string => {
  let text = ''
  while (text.length < chars) text += `${WORDS[Math.floor(random() * WORDS.length)]} `
  return text.slice(0, chars)
}

/**
 * Writes the fiche, then edits of ~`chunkBytes` each until its encoded size reaches `targetBytes`.
 * `apply` runs each edit (a change to `doc`) and sends it. Returns the encoded size.
 */
export const buildLargeFiche = async (
  doc: Y.Doc,
  id: string,
  targetBytes: number,
  chunkBytes: number,
  apply: (change: () => void) => Promise<void>,
): Promise<number> => {
  const random = seededRandom(42)
  await apply(() => writeFiche(doc, emptyFiche(id, `Grande fiche ${id}`, 0)))
  let size = 0
  for (let edit = 0; size < targetBytes; edit++) {
    await apply(() => {
      const key = SECTION_KEYS[edit % SECTION_KEYS.length]!
      const fragment = doc.getXmlFragment(`section:${key}`)
      for (let written = 0; written < chunkBytes; written += 1000) {
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText(paragraphText(random, 1000))])
        fragment.insert(fragment.length, [paragraph])
      }
      // Someone rewrites a sentence of an earlier paragraph: deleted text stays as tombstones.
      const earlier = fragment.get(Math.floor(random() * fragment.length))
      const text = earlier instanceof Y.XmlElement ? earlier.get(0) : null
      if (text instanceof Y.XmlText && text.length > 100) {
        text.delete(20, 40)
        text.insert(20, paragraphText(random, 30))
      }
    })
    // Encoding the whole document is the costly part of building it: measure every tenth edit.
    if (edit % 10 === 9 || size + chunkBytes * 1.2 >= targetBytes) size = Y.encodeStateAsUpdate(doc).length
  }
  return size
}

/** Size of one edit while uploading a large fiche: well under any sane frame limit. */
export const largeFicheChunkBytes = 50_000
