/** An import's write recorded in the fiche's history (`writeImportedFiche`). */
import { emptyFiche, type Fiche } from '@kenlabour/shared/fiche'
import { readFiche, writeFiche } from '@kenlabour/shared/ficheDoc'
import { deleterOf, readDeletions } from '@kenlabour/shared/history/deletions'
import { writeImportedFiche } from '@kenlabour/shared/history/importVersion'
import { expandIds, liveFieldIds } from '@kenlabour/shared/history/itemIds'
import { listVersions, recordOrigin, versionFiche } from '@kenlabour/shared/history/versions'
import type { Participant } from '@kenlabour/shared/participants'
import { paragraph, text } from '@kenlabour/shared/richtext'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

const GWEN: Participant = { id: 'gwen', name: 'Gwen', color: '#1d4e89', device: 'test' }
const CREATED = Date.UTC(2021, 2, 4)
const NOW = Date.UTC(2026, 11, 2)

const withDescription = (fiche: Fiche, words: string): Fiche => ({
  ...fiche,
  sections: { ...fiche.sections, description: [paragraph([text(words)])] },
})

const stored = (fiche: Fiche): Y.Doc => {
  const doc = new Y.Doc()
  writeFiche(doc, fiche)
  return doc
}

describe('writeImportedFiche', () => {
  it('a fiche the import creates starts its history with the imported text, by the importer', () => {
    const fiche = withDescription(emptyFiche('RepairCafe', 'Repair Café', CREATED), 'Réparer.')
    const doc = new Y.Doc()
    const history = new Y.Doc()
    writeImportedFiche(doc, history, fiche, GWEN, NOW)
    expect(readFiche(doc)).toEqual(fiche)
    const versions = listVersions(history)
    expect(versions).toMatchObject([{ kind: 'origin', at: CREATED, unknownAuthors: 0 }])
    expect(versions[0]!.authors).toEqual([GWEN])
    expect(versionFiche(history, versions[0]!, fiche).fiche).toEqual(fiche)
  })

  it('a fiche that existed without history: its state before becomes the origin, then an import version', () => {
    const before = withDescription(
      emptyFiche('RepairCafe', 'Repair Café', CREATED),
      'Réparer plutôt que jeter.',
    )
    const doc = stored(before)
    const history = new Y.Doc()
    const oldIds = expandIds(liveFieldIds(doc, 'description'))
    const after = withDescription(before, 'Tout se répare.')
    writeImportedFiche(doc, history, after, GWEN, NOW)

    const [origin, imported, ...rest] = listVersions(history)
    expect(rest).toEqual([])
    expect(origin!.kind).toBe('origin')
    expect(versionFiche(history, origin!, after).fiche).toEqual(before)
    expect(imported).toMatchObject({ kind: 'import', at: NOW, by: GWEN, unknownAuthors: 0 })
    expect(imported!.authors).toEqual([GWEN])
    expect(imported!.summary.fields).toEqual(['description'])
    // What the import removed is logged under its client id: compares show it in Gwen's colour.
    const deletions = readDeletions(history)
    expect(oldIds.length).toBeGreaterThan(0)
    for (const id of oldIds) expect(deleterOf(deletions, id)).toBe(doc.clientID)
  })

  it('a fiche whose history has versions gets only the import version', () => {
    const before = withDescription(emptyFiche('RepairCafe', 'Repair Café', CREATED), 'Réparer.')
    const doc = stored(before)
    const history = new Y.Doc()
    recordOrigin(history, doc, NOW - 1000)
    writeImportedFiche(doc, history, { ...before, city: 'Auray' }, GWEN, NOW)
    expect(listVersions(history).map((v) => v.kind)).toEqual(['origin', 'import'])
    expect(listVersions(history)[1]!.summary.fields).toEqual(['city'])
  })
})
