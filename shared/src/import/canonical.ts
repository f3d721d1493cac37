/**
 * A fiche as its Y.Doc holds it. Rich text and fields go through the same `writeFiche`/`readFiche`
 * the app uses, so imported data compares equal to what a document stores (adjacent text runs
 * merged, mark order as Yjs returns it) and importing the same file twice changes nothing.
 */
import * as Y from 'yjs'
import type { Fiche } from '../fiche.ts'
import { readFiche, writeFiche } from '../ficheDoc.ts'

export const canonicalFiche = (fiche: Fiche): Fiche => {
  const doc = new Y.Doc()
  try {
    writeFiche(doc, fiche)
    return readFiche(doc)
  } finally {
    doc.destroy()
  }
}

/** True when writing `next` over a document holding `current` would change it. */
export const ficheWouldChange = (current: Fiche, next: Fiche): boolean => {
  const doc = new Y.Doc()
  try {
    writeFiche(doc, current)
    let changed = false
    doc.on('update', () => {
      changed = true
    })
    writeFiche(doc, next)
    return changed
  } finally {
    doc.destroy()
  }
}
