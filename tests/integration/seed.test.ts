/** The demo space is created once from the seed file, readable over the API and over sync. */

import { readFiche, titleText } from '@kenlabour/shared/ficheDoc'
import { historyDocId } from '@kenlabour/shared/history/docId'
import { listVersions, versionFiche } from '@kenlabour/shared/history/versions'
import { DEMO_SPACE, docName, INDEX_DOC_ID } from '@kenlabour/shared/names'
import { readParticipants } from '@kenlabour/shared/participants'
import { readCatalog, spaceInfoMap } from '@kenlabour/shared/spaceIndex'
import { describe, expect, it } from 'vitest'
import { type RelayHandle, startRelay, tempDataDir } from '../helpers/relay.ts'
import { useRelayStage } from '../helpers/relayStage.ts'
import { withDefaultToken } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'

const TI_COOP = 'TiCoopLeSupermarcheCooperatifDeBrest'

interface ApiSection {
  text: string
  html: string
}
interface ApiFiche {
  id: string
  title: string
  actorName: string
  city: string
  website: string
  keywords: string[]
  contacts: string[]
  scale: string | null
  actorType: string | null
  createdAt: number
  trashedAt: number | null
  sections: Record<string, ApiSection>
}
interface ApiFiches {
  space: string
  count: number
  fiches: ApiFiche[]
}

const getFiches = async (relay: RelayHandle): Promise<ApiFiches> => {
  const res = await fetch(`${relay.url}/api/spaces/${DEMO_SPACE}/fiches`)
  expect(res.status).toBe(200)
  return (await res.json()) as ApiFiches
}

const dataDir = tempDataDir()
const stage = useRelayStage({ dataDir })
const { clients } = stage

describe('demo space seed', () => {
  it('serves the 20 seeded fiches with their fields and sections over the API', async () => {
    const body = await getFiches(stage.relay)
    expect(body.space).toBe(DEMO_SPACE)
    expect(body.count).toBe(20)
    expect(body.fiches).toHaveLength(20)
    expect(new Set(body.fiches.map((f) => f.id)).size).toBe(20)
    const tiCoop = body.fiches.find((f) => f.id === TI_COOP)
    expect(tiCoop).toBeDefined()
    expect(tiCoop).toMatchObject({
      title: 'Ti Coop Le supermarché coopératif de Brest',
      website: 'https://ticoop.fr/',
      trashedAt: null,
    })
    expect(tiCoop!.city).toContain('Brest')
    expect(tiCoop!.actorName).not.toBe('')
    expect(tiCoop!.keywords.length).toBeGreaterThan(0)
    expect(tiCoop!.contacts).toContain('contact@ticoop.fr')
    const description = tiCoop!.sections.description!
    expect(description.text).toContain('Un vrai supermarché qui vous appartient')
    expect(description.html).toMatch(/^<(p|ul)>/)
    expect(description.html).toContain('<li>')
    expect(Object.keys(tiCoop!.sections).sort()).toEqual(
      ['adaptable', 'complement', 'description', 'levers', 'limits', 'positive', 'stopBefore'].sort(),
    )
  })

  it("starts each fiche's history with its origin: the seeded fiche, dated by its last change", async () => {
    const fiche = await clients.connectSynced(stage.relay, docName(DEMO_SPACE, TI_COOP))
    const history = await clients.connectSynced(stage.relay, docName(DEMO_SPACE, historyDocId(TI_COOP)))
    const versions = listVersions(history.doc)
    expect(versions.map((v) => v.kind)).toEqual(['origin'])
    const seeded = readFiche(fiche.doc)
    expect(versions[0]!.at).toBe(seeded.createdAt)
    expect(new Date(seeded.createdAt).getFullYear()).toBeLessThan(2026)
    const { fiche: origin, missing } = versionFiche(history.doc, versions[0]!, seeded)
    expect(missing).toEqual([])
    expect(origin).toEqual(seeded)
    // Signed by the fiche's author on the original site, who is a contributor of the fiche.
    expect(seeded.author).toBe('Michel Briand')
    expect(versions[0]!.authors.map((a) => a.name)).toEqual(['Michel Briand'])
    expect(versions[0]!.unknownAuthors).toBe(0)
    expect([...readParticipants(fiche.doc).values()].map((p) => p.name)).toEqual(['Michel Briand'])
  })

  it('syncs an index document with one catalog entry per fiche and the space name', async () => {
    const index = await clients.connectSynced(stage.relay, docName(DEMO_SPACE, INDEX_DOC_ID))
    const catalog = readCatalog(index.doc)
    expect(catalog).toHaveLength(20)
    const entry = catalog.find((e) => e.id === TI_COOP)
    expect(entry).toMatchObject({ title: 'Ti Coop Le supermarché coopératif de Brest' })
    expect(entry!.updatedAt).toBe(entry!.createdAt)
    expect(entry!.excerpt).toContain('Un vrai supermarché')
    expect(spaceInfoMap(index.doc).get('name')).toBe('Inspirations')
  })

  it('answers 401 without a token, 404 for an unknown space and 400 for an invalid one', async () => {
    // Without a token a private (or not yet existing) space is not revealed.
    expect((await fetch(`${stage.relay.url}/api/spaces/no-such-space/fiches`)).status).toBe(401)
    const unknown = await fetch(await withDefaultToken(`${stage.relay.url}/api/spaces/no-such-space/fiches`))
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: string }).error).toMatch(/unknown space/)
    const invalid = await fetch(`${stage.relay.url}/api/spaces/Bad%20Space/fiches`)
    expect(invalid.status).toBe(400)
    expect(invalid.headers.get('content-type')).toMatch(/application\/json/)
  })

  it('does not seed again or duplicate anything on a second start', async () => {
    const before = await getFiches(stage.relay)
    await stage.relay.stop()
    stage.relay = await startRelay({ dataDir })
    const after = await getFiches(stage.relay)
    expect(after.count).toBe(20)
    expect(after.fiches.map((f) => [f.id, f.title])).toEqual(before.fiches.map((f) => [f.id, f.title]))
    expect(stage.relay.output()).not.toContain('seeded the demo space')
    const fiche = await clients.connectSynced(stage.relay, docName(DEMO_SPACE, TI_COOP))
    expect(titleText(fiche.doc).toString()).toBe('Ti Coop Le supermarché coopératif de Brest')
    const index = await clients.connectSynced(stage.relay, docName(DEMO_SPACE, INDEX_DOC_ID))
    await waitFor(() => readCatalog(index.doc).length === 20, 5_000, '20 catalog entries')
  })
})
