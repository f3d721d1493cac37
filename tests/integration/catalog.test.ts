/** The relay keeps each space's index document in step with its fiches, live. */

import { emptyFiche } from '@kenlabour/shared/fiche'
import { fieldText, titleText, writeFiche } from '@kenlabour/shared/ficheDoc'
import { DEMO_SPACE, docName, INDEX_DOC_ID } from '@kenlabour/shared/names'
import { catalogMap, readCatalog } from '@kenlabour/shared/spaceIndex'
import { setYText } from '@kenlabour/shared/ytext'
import { describe, expect, it } from 'vitest'
import { useRelayStage } from '../helpers/relayStage.ts'
import { withDefaultToken } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'

const TI_COOP = 'TiCoopLeSupermarcheCooperatifDeBrest'

const stage = useRelayStage()
const { clients } = stage

describe('catalog maintained by the relay', () => {
  it("updates a fiche's catalog entry live when its title is edited", async () => {
    const index = await clients.connectSynced(stage.relay, docName(DEMO_SPACE, INDEX_DOC_ID))
    const fiche = await clients.connectSynced(stage.relay, docName(DEMO_SPACE, TI_COOP))
    const before = readCatalog(index.doc).find((e) => e.id === TI_COOP)!
    const entryUpdates: string[] = []
    catalogMap(index.doc).observe((event) => {
      if (event.keysChanged.has(TI_COOP)) entryUpdates.push(catalogMap(index.doc).get(TI_COOP)!.title)
    })

    setYText(titleText(fiche.doc), 'Ti Coop, supermarché coopératif')
    fieldText(fiche.doc, 'city').insert(0, 'Centre-ville, ')
    await waitFor(
      () => catalogMap(index.doc).get(TI_COOP)?.title === 'Ti Coop, supermarché coopératif',
      5_000,
      'the catalog entry to follow the title',
    )
    const after = catalogMap(index.doc).get(TI_COOP)!
    expect(after.city.startsWith('Centre-ville, ')).toBe(true)
    expect(after.createdAt).toBe(before.createdAt)
    expect(after.updatedAt).toBeGreaterThan(before.updatedAt)
    // Debounced: the two edits above produce one entry write, not one per keystroke.
    expect(entryUpdates).toEqual(['Ti Coop, supermarché coopératif'])
    expect(readCatalog(index.doc)).toHaveLength(20)
  })

  it('adds an entry for a fiche created in a new space', async () => {
    const fiche = await clients.connectSynced(stage.relay, 'atelier/NewFiche')
    writeFiche(fiche.doc, {
      ...emptyFiche('NewFiche', 'Une nouvelle fiche', 1_700_000_000_000),
      city: 'Morlaix',
    })
    const index = await clients.connectSynced(stage.relay, docName('atelier', INDEX_DOC_ID))
    await waitFor(() => readCatalog(index.doc).length === 1, 5_000, 'the new entry')
    expect(readCatalog(index.doc)[0]).toMatchObject({
      id: 'NewFiche',
      title: 'Une nouvelle fiche',
      city: 'Morlaix',
    })
    const res = await fetch(await withDefaultToken(`${stage.relay.url}/api/spaces/atelier/fiches`))
    expect(((await res.json()) as { count: number }).count).toBe(1)
  })

  it('leaves the index alone for a document that holds no fiche', async () => {
    const doc = await clients.connectSynced(stage.relay, 'scratch/NotAFiche')
    doc.doc.getText('t').insert(0, 'just text')
    const marker = await clients.connectSynced(stage.relay, 'scratch/Marker')
    writeFiche(marker.doc, emptyFiche('Marker', 'Marker', 1))
    const index = await clients.connectSynced(stage.relay, docName('scratch', INDEX_DOC_ID))
    await waitFor(() => readCatalog(index.doc).length > 0, 5_000, 'the marker entry')
    // Raw keys, not readCatalog (which would hide an invalid entry written for the non-fiche).
    expect([...catalogMap(index.doc).keys()]).toEqual(['Marker'])
  })

  it("does not let a document write another fiche's entry", async () => {
    const victim = await clients.connectSynced(stage.relay, 'spoof/Victim')
    writeFiche(victim.doc, emptyFiche('Victim', 'The real title', 1))
    const index = await clients.connectSynced(stage.relay, docName('spoof', INDEX_DOC_ID))
    await waitFor(() => catalogMap(index.doc).has('Victim'), 5_000, 'the victim entry')

    const attacker = await clients.connectSynced(stage.relay, 'spoof/Attacker')
    writeFiche(attacker.doc, emptyFiche('Victim', 'Overwritten', 2))
    // Refreshes run in the order of the changes: once the later fiche is listed, the attacker's ran.
    const after = await clients.connectSynced(stage.relay, 'spoof/After')
    writeFiche(after.doc, emptyFiche('After', 'After', 3))
    await waitFor(() => catalogMap(index.doc).has('After'), 5_000, 'the later entry')
    expect(catalogMap(index.doc).get('Victim')?.title).toBe('The real title')
    expect([...catalogMap(index.doc).keys()].sort()).toEqual(['After', 'Victim'])
    const res = await fetch(await withDefaultToken(`${stage.relay.url}/api/spaces/spoof/fiches`))
    const body = (await res.json()) as { fiches: { id: string; title: string }[] }
    expect(body.fiches.map((f) => [f.id, f.title])).toEqual([
      ['Victim', 'The real title'],
      ['After', 'After'],
    ])
  })
})
