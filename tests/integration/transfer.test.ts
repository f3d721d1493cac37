/**
 * Import and export through a real relay: the HTTP routes (auth, validation, idempotence, live
 * catalog), the JSON round trip between two spaces, and the CLI against a running relay and a data
 * directory.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFiche } from '@kenlabour/shared/ficheDoc'
import { historyDocId } from '@kenlabour/shared/history/docId'
import { listVersions, previousVersion, versionFiche } from '@kenlabour/shared/history/versions'
import { readCatalog } from '@kenlabour/shared/spaceIndex'
import { unzipSync } from 'fflate'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { ROOT, tempDataDir } from '../helpers/relay.ts'
import { useRelayStage } from '../helpers/relayStage.ts'
import { readStoredDoc } from '../helpers/storeReader.ts'
import { tokenFor } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'

const fixture = (name: string) => readFileSync(join(ROOT, 'tests/fixtures', name), 'utf8')

const stage = useRelayStage({ args: ['--catalog-debounce-ms', '20'] })
const { clients } = stage

const importInto = async (space: string, body: Record<string, unknown>, token?: string | null) => {
  const t = token === undefined ? await tokenFor(stage.relay, space, 'editor') : token
  return fetch(`${stage.relay.url}/api/spaces/${space}/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(t ? { authorization: `Bearer ${t}` } : {}) },
    body: JSON.stringify(body),
  })
}

const exportOf = async (space: string, format: string, path = 'export') =>
  fetch(
    `${stage.relay.url}/api/spaces/${space}/${path}?format=${format}&token=${await tokenFor(stage.relay, space, 'reader')}`,
  )

describe('POST /api/spaces/<space>/import', () => {
  it('imports Bazar JSON, reports per entry, and feeds the live catalog with locations', async () => {
    const index = await clients.connectSynced(stage.relay, 'bazar/_index')
    const res = await importInto('bazar', {
      content: fixture('bazar-entries.json'),
      lists: JSON.parse(fixture('bazar-lists.json')),
    })
    expect(res.status).toBe(200)
    const report = await res.json()
    expect(report.counts).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 1 })
    expect(report.lines).toContainEqual(
      expect.objectContaining({
        id: 'JardinPartageDeMorlaix',
        action: 'created',
        notes: ['mot clef inconnu gardé tel quel : permaculture'],
      }),
    )
    await waitFor(() => readCatalog(index.doc).length === 3, 10_000, 'three catalog entries')
    const ti = readCatalog(index.doc).find((e) => e.id === 'TiCoopLeSupermarcheCooperatifDeBrest')
    expect(ti).toMatchObject({
      city: 'Brest',
      keywords: ['alimentation', 'solidarites'],
      location: { lat: 48.3904, lng: -4.4861 },
    })

    const fiche = await clients.connectSynced(stage.relay, 'bazar/LaGrainerieDeRennes')
    expect(readFiche(fiche.doc)).toMatchObject({
      title: 'La Grainerie de Rennes',
      keywords: ['communs', 'environnement'],
    })
    expect(JSON.stringify(readFiche(fiche.doc).sections)).not.toMatch(/<script|alert|javascript:|onerror/)
  })

  it('is idempotent: re-importing writes nothing and creates no duplicate', async () => {
    const body = { content: fixture('bazar-export.csv'), fileName: 'export.csv' }
    expect((await (await importInto('csv', body)).json()).counts).toMatchObject({ created: 3 })
    const fiche = await clients.connectSynced(stage.relay, 'csv/TiCoopLeSupermarcheCooperatifDeBrest')
    let updates = 0
    fiche.doc.on('update', () => updates++)
    const again = await (await importInto('csv', body)).json()
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 3, skipped: 0 })
    const json = await (await exportOf('csv', 'json')).json()
    expect(json.fiches).toHaveLength(3)
    expect(updates).toBe(0)
  })

  it("is part of each fiche's history: a created fiche's origin, then an import version naming who imported", async () => {
    const id = 'TiCoopLeSupermarcheCooperatifDeBrest'
    const maiwenn = { id: 'maiwenn-1', name: 'Maïwenn', color: '#1d4e89', device: 'Firefox · Linux' }
    const yann = { id: 'yann-1', name: 'Yann', color: '#b3261e', device: 'Chrome · Android' }
    const csv = fixture('bazar-export.csv')
    const first = await importInto('hist', { content: csv, fileName: 'export.csv', by: maiwenn })
    expect((await first.json()).counts).toMatchObject({ created: 3 })
    const history = await clients.connectSynced(stage.relay, `hist/${historyDocId(id)}`)
    const fiche = await clients.connectSynced(stage.relay, `hist/${id}`)
    const [origin] = listVersions(history.doc)
    expect(listVersions(history.doc)).toHaveLength(1)
    expect(origin).toMatchObject({ kind: 'origin', at: readFiche(fiche.doc).createdAt, unknownAuthors: 0 })
    expect(origin!.authors.map((a) => a.name)).toEqual(['Maïwenn'])

    const edited = csv.replace(
      'Un vrai supermarché, bio et local.',
      'Un supermarché coopératif, bio et local.',
    )
    const second = await importInto('hist', { content: edited, fileName: 'export-2.csv', by: yann })
    expect((await second.json()).counts).toMatchObject({ created: 0, updated: 1 })
    await waitFor(() => listVersions(history.doc).length === 2, 10_000, 'the import version')
    const imported = listVersions(history.doc)[1]!
    expect(imported).toMatchObject({ kind: 'import', by: yann, unknownAuthors: 0 })
    expect(imported.authors.map((a) => a.name)).toEqual(['Yann'])
    expect(imported.summary.fields).toEqual(['description'])
    expect(previousVersion(listVersions(history.doc), imported)?.id).toBe(origin!.id)
    const now = readFiche(fiche.doc)
    expect(versionFiche(history.doc, imported, now).fiche.sections.description).toEqual(
      now.sections.description,
    )
    expect(JSON.stringify(now.sections.description)).toContain('Un supermarché coopératif')
  })

  it('a broken file is refused with the line, and nothing is written', async () => {
    const broken = `${fixture('bazar-export.csv')}pas de fin,"ouvert\n`
    const res = await importInto('broken', { content: broken, fileName: 'x.csv' })
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.problems[0]).toEqual({ where: 'ligne 7', message: expect.stringMatching(/CSV invalide/) })
    expect((await exportOf('broken', 'json')).status).toBe(404)

    const badEntry = await importInto('broken', {
      content: '{"A": {"bf_titre": "bon"}, "B": {"bf_titre": ""}}',
    })
    expect(badEntry.status).toBe(422)
    expect((await badEntry.json()).problems).toEqual([{ where: 'entrée "B"', message: 'titre manquant' }])
    expect((await exportOf('broken', 'json')).status).toBe(404)
  })

  it('takes the Bazar form as its API gives it (lists and labels), and refuses a wrong lists file', async () => {
    const form = JSON.parse(fixture('bazar-form.json'))
    const content = fixture('bazar-form-entries.json')
    const wrong = await importInto('formulaire', { content, lists: { ListeThematiques: 'Alimentation' } })
    expect(wrong.status).toBe(422)
    expect((await wrong.json()).problems).toEqual([
      { where: 'listes Bazar', message: expect.stringMatching(/ListeThematiques/) },
    ])
    expect((await exportOf('formulaire', 'json')).status).toBe(404)

    // The old `?BazaR&vue=json&demand=forms` answers an array of forms.
    const res = await importInto('formulaire', { content, lists: [form] })
    expect(res.status).toBe(200)
    const report = await res.json()
    expect(report.mapping).toMatchObject({ bf_presentation: 'description', listeListeTerritoire: 'scale' })
    expect(report.counts).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 0 })
    const fiche = await clients.connectSynced(stage.relay, 'formulaire/AteliersVeloDeLorient')
    expect(readFiche(fiche.doc)).toMatchObject({
      actorType: 'groupe-collectif',
      scale: 'region',
      keywords: ['alimentation', 'energie'],
    })
  })

  it('needs an editor or admin token', async () => {
    const content = fixture('bazar-entries.json')
    expect((await importInto('guarded', { content }, null)).status).toBe(401)
    expect(
      (await importInto('guarded', { content }, await tokenFor(stage.relay, 'guarded', 'reader'))).status,
    ).toBe(403)
    expect(
      (await importInto('guarded', { content }, await tokenFor(stage.relay, 'other', 'editor'))).status,
    ).toBe(403)
    expect((await importInto('guarded', { content: 42 })).status).toBe(400)
    expect((await importInto('guarded', { content, dryRun: true })).status).toBe(200)
    expect((await exportOf('guarded', 'json')).status).toBe(404)
  })
})

describe('exports', () => {
  it('JSON export → import into another space → identical fiches, licence included', async () => {
    const seedJson = await (await exportOf('inspirations', 'json')).text()
    const seed = JSON.parse(seedJson)
    expect(seed).toMatchObject({
      format: 'kenlabour',
      version: 1,
      name: 'Inspirations',
      licence: 'CC BY-SA 4.0',
    })
    expect(seed.fiches).toHaveLength(20)
    const res = await importInto('copie', { content: seedJson })
    expect((await res.json()).counts).toMatchObject({ created: 20 })
    const copy = await (await exportOf('copie', 'json')).json()
    expect(copy.fiches).toEqual(seed.fiches)
    expect(copy.name).toBe('Inspirations')
  })

  it('CSV with a BOM, Markdown as a zip, one fiche as GeoJSON', async () => {
    const csvRes = await exportOf('inspirations', 'csv')
    expect(csvRes.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csvRes.headers.get('content-disposition')).toMatch(/attachment; filename="inspirations.csv"/)
    const bytes = new Uint8Array(await csvRes.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = Papa.parse<Record<string, string>>(
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1),
      {
        header: true,
      },
    ).data
    expect(rows.filter((r) => r.id)).toHaveLength(20)

    const zip = unzipSync(new Uint8Array(await (await exportOf('inspirations', 'markdown')).arrayBuffer()))
    expect(Object.keys(zip)).toHaveLength(20)
    expect(new TextDecoder().decode(Object.values(zip)[0])).toMatch(/^---\nid: /)

    await importInto('geo', { content: fixture('bazar-entries.json') })
    const one = await exportOf('geo', 'geojson', 'fiches/TiCoopLeSupermarcheCooperatifDeBrest/export')
    expect(one.status).toBe(200)
    expect((await one.json()).features).toHaveLength(1)
    expect((await exportOf('geo', 'geojson', 'fiches/Nope/export')).status).toBe(404)
    expect((await exportOf('geo', 'pdf')).status).toBe(400)
  })
})

const cli = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'relay/src/cli/kenlabour.ts'), ...args],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.once('exit', (code) => resolve({ code, stdout, stderr }))
  })

describe('CLI', () => {
  it('imports into a running relay and exports from it', async () => {
    const token = await tokenFor(stage.relay, 'cli', 'editor')
    const target = ['--space', 'cli', '--relay', stage.relay.url, '--token', token]
    const first = await cli(['import', join(ROOT, 'tests/fixtures/bazar-entries.json'), ...target])
    expect(first.stderr).toBe('')
    expect(first.stdout).toMatch(/3 créées, 0 mises à jour, 0 inchangées, 1 ignorées/)
    const again = await cli(['import', join(ROOT, 'tests/fixtures/bazar-entries.json'), ...target])
    expect(again.stdout).toMatch(/0 créées, 0 mises à jour, 3 inchangées/)
    const out = join(mkdtempSync(join(tmpdir(), 'kenlabour-md-')), 'md')
    const exported = await cli(['export', '--format', 'markdown', '--out', out, ...target])
    expect(exported.code).toBe(0)
    expect(readdirSync(out).sort()).toEqual([
      'JardinPartageDeMorlaix.md',
      'LaGrainerieDeRennes.md',
      'TiCoopLeSupermarcheCooperatifDeBrest.md',
    ])
  })

  it('works on a data directory, and refuses a broken file with exit code 1', async () => {
    const data = tempDataDir()
    const ok = await cli([
      'import',
      join(ROOT, 'tests/fixtures/bazar-export.csv'),
      '--space',
      'dir',
      '--data',
      data,
    ])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/3 créées/)
    // Written straight into the store, the fiches' histories too, signed with the file's name.
    const history = readStoredDoc(data, `dir/${historyDocId('LeRepairCafeDAuray')}`)
    expect(listVersions(history).map((v) => [v.kind, v.authors.map((a) => a.name)])).toEqual([
      ['origin', ['Import (bazar-export.csv)']],
    ])
    const csv = await cli(['export', '--space', 'dir', '--data', data, '--format', 'gogocarto-csv'])
    expect(csv.stdout.split('\n')[0]).toMatch(/^\uFEFFid,name,taxonomy,latitude,longitude/)
    const broken = await cli([
      'import',
      join(ROOT, 'tests/fixtures/bazar-lists.json'),
      '--space',
      'dir',
      '--data',
      data,
      '--format',
      'bazar-csv',
    ])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(/Import refusé, rien n'a été écrit/)
  })

  it('maps and translates list keys with --lists (the Bazar form), and refuses a broken lists file', async () => {
    const data = tempDataDir()
    const entries = join(ROOT, 'tests/fixtures/bazar-form-entries.json')
    const target = ['--space', 'formcli', '--data', data]
    const ok = await cli([
      'import',
      entries,
      ...target,
      '--lists',
      join(ROOT, 'tests/fixtures/bazar-form.json'),
    ])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/2 créées/)
    const exported = await cli(['export', ...target, '--format', 'json'])
    const fiches = JSON.parse(exported.stdout).fiches as { id: string; keywords: string[]; scale: string }[]
    expect(fiches.map((f) => [f.id, f.scale, f.keywords])).toEqual([
      ['EpicerieSolidaireDeQuimper', 'quartier', ['alimentation', 'mobilite']],
      ['AteliersVeloDeLorient', 'region', ['alimentation', 'energie']],
    ])

    const dir = mkdtempSync(join(tmpdir(), 'kenlabour-lists-'))
    const brokenLists = join(dir, 'listes.json')
    writeFileSync(brokenLists, '{\n  "ListeA": {"1": "A"},\n  "ListeB": \n')
    const broken = await cli([
      'import',
      entries,
      '--space',
      'formcli2',
      '--data',
      data,
      '--lists',
      brokenLists,
    ])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain(`${brokenLists}, ligne `)
    const none = await cli(['export', '--space', 'formcli2', '--data', data, '--format', 'json'])
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/no space "formcli2"/)
  })
})
