import { readFileSync } from 'node:fs'
import { fichesToCsv } from '@kenlabour/shared/export/csv'
import { ficheExport, formats } from '@kenlabour/shared/export/formats'
import { fichesToGeoJson, fichesToGoGoCartoCsv, fichesToGoGoCartoJson } from '@kenlabour/shared/export/geo'
import { spaceToJson } from '@kenlabour/shared/export/json'
import { DEFAULT_LICENCE, spaceDisplayName, spaceLicence } from '@kenlabour/shared/export/licence'
import { ficheToMarkdown } from '@kenlabour/shared/export/markdown'
import { richToMarkdown } from '@kenlabour/shared/export/richMarkdown'
import type { SpaceExport } from '@kenlabour/shared/export/spaceExport'
import { emptyFiche, type Fiche } from '@kenlabour/shared/fiche'
import { readFiche, writeFiche } from '@kenlabour/shared/ficheDoc'
import { canonicalFiche } from '@kenlabour/shared/import/canonical'
import { parseImport } from '@kenlabour/shared/import/parseImport'
import { planImport } from '@kenlabour/shared/import/plan'
import { parseInspirations } from '@kenlabour/shared/seed'
import { spaceInfoMap } from '@kenlabour/shared/spaceIndex'
import { KEYWORDS, termLabel } from '@kenlabour/shared/vocabularies'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import * as Y from 'yjs'

const seed = parseInspirations(
  readFileSync(new URL('../../shared/seed/inspirations.txt', import.meta.url), 'utf8'),
)
const withLocation = seed.map((f, i) =>
  i < 3 ? { ...f, location: { lat: 48.39 + i / 100, lng: -4.48 } } : f,
)
const trashed: Fiche = {
  ...emptyFiche('Jetee', 'Une fiche à la corbeille', 1_600_000_000_000),
  trashedAt: 1_700_000_000_000,
}
const space: SpaceExport = {
  space: 'inspirations',
  name: 'Inspirations',
  licence: DEFAULT_LICENCE,
  fiches: [...withLocation, trashed],
  exportedAt: Date.UTC(2026, 0, 1),
}

describe('JSON export round trip', () => {
  it('export → import gives identical fiches (trash and locations included)', () => {
    const { parsed, format, info } = parseImport(spaceToJson(space))
    expect(format).toBe('kenlabour-json')
    expect(info).toEqual({ name: 'Inspirations', licence: DEFAULT_LICENCE })
    expect(parsed.entries.map((e) => e.fiche)).toEqual(space.fiches.map(canonicalFiche))
    expect(parsed.entries).toHaveLength(21)
  })

  it('export → import into documents → export gives the same file', () => {
    const docs = parseImport(spaceToJson(space)).parsed.entries.map((e) => {
      const doc = new Y.Doc()
      writeFiche(doc, e.fiche)
      return doc
    })
    const again = spaceToJson({ ...space, fiches: docs.map(readFiche) })
    expect(again).toBe(spaceToJson({ ...space, fiches: space.fiches.map(canonicalFiche) }))
    // The seed's rich text is already what a document stores: nothing is normalised away.
    expect(docs.map(readFiche)).toEqual(space.fiches)
  })

  it('re-importing the same export changes nothing', () => {
    const { parsed } = parseImport(spaceToJson(space))
    const existing = new Map(space.fiches.map((f) => [f.id, f]))
    const plan = planImport(parsed, existing, Date.now())
    expect(plan.counts).toEqual({ created: 0, updated: 0, unchanged: 21, skipped: 0 })
    expect(plan.writes).toEqual([])
  })
})

describe('Markdown export', () => {
  it('one file per visible fiche, front matter with every field and the licence', () => {
    const files = formats.markdown.files(space)
    expect(files).toHaveLength(20)
    const first = files[0]!
    expect(first.name).toBe(`${seed[0]!.id}.md`)
    const [, front, body] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(first.content)!
    expect(parseYaml(front!)).toMatchObject({
      id: seed[0]!.id,
      title: seed[0]!.title,
      keywords: seed[0]!.keywords,
      city: seed[0]!.city,
      location: { lat: 48.39, lng: -4.48 },
      licence: 'CC BY-SA 4.0',
    })
    expect(body).toMatch(
      /^# Ti Coop Le supermarché coopératif de Brest\n\n## Description de cette initiative\n\n/,
    )
    expect(body).toContain('- Coopératif : : vous êtes propriétaire du magasin')
  })

  it('keeps YAML-special values as strings', () => {
    const tricky = {
      ...emptyFiche('T', 'yes: no # "quoted" — été', 0),
      city: '- Brest',
      tags: ['null', 'true'],
    }
    const md = ficheToMarkdown(tricky, 'CC0 1.0')
    const front = parseYaml(/^---\n([\s\S]*?)\n---/.exec(md)![1]!)
    expect(front).toMatchObject({
      title: tricky.title,
      city: '- Brest',
      tags: ['null', 'true'],
      licence: 'CC0 1.0',
    })
  })

  it.each([
    [[{ type: 'paragraph', content: [{ type: 'text', text: 'a *b* #c' }] }], 'a \\*b\\* \\#c'],
    [[{ type: 'paragraph', content: [{ type: 'text', text: '1. pas une liste' }] }], '1\\. pas une liste'],
    [
      [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'gras ', marks: [{ type: 'bold' }] },
            { type: 'text', text: 'fin' },
          ],
        },
      ],
      '**gras** fin',
    ],
    [
      [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href: 'https://a.fr/' } }] },
          ],
        },
      ],
      '[site](<https://a.fr/>)',
    ],
    [
      [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
          ],
        },
      ],
      'x',
    ],
    [
      [
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'un' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'deux' }] }] },
          ],
        },
      ],
      '- un\n- deux',
    ],
    [[{ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'T' }] }], '### T'],
    [
      [{ type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'q' }] }] }],
      '> q',
    ],
  ])('richToMarkdown %#', (blocks, expected) => {
    expect(richToMarkdown(blocks)).toBe(expected)
  })
})

describe('CSV export', () => {
  const csv = fichesToCsv(space)
  const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data

  it('starts with a UTF-8 BOM and has one row per visible fiche', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(rows).toHaveLength(20)
  })

  it('keeps accents, commas and newlines, with multi-valued fields joined', () => {
    const ti = rows[0]!
    expect(ti["Titre de l'initiative"]).toBe('Ti Coop Le supermarché coopératif de Brest')
    expect(ti['Mot Clef']).toBe(seed[0]!.keywords.map((k) => termLabel(KEYWORDS, k)).join(', '))
    expect(ti['Mot Clef']).toMatch(/^Alimentation, circuit court, Solidarités, entraide/)
    expect(ti.latitude).toBe('48.39')
    expect(ti.licence).toBe('CC BY-SA 4.0')
    const multi = rows.find((r) => r['Comment contacter cette initiative?']?.includes('\n'))
    expect(multi).toBeDefined()
    expect(rows.some((r) => r['Description de cette initiative']?.includes(','))).toBe(true)
  })

  it('is read back by the Bazar CSV importer (labels as headers)', () => {
    const { parsed } = parseImport(csv, { fileName: 'x.csv' })
    expect(parsed.entries).toHaveLength(20)
    expect(parsed.entries[0]!.fiche).toMatchObject({
      id: seed[0]!.id,
      title: seed[0]!.title,
      keywords: seed[0]!.keywords,
      location: { lat: 48.39, lng: -4.48 },
    })
  })
})

describe('map exports', () => {
  it('GeoJSON has the located fiches as [lng, lat] points, with the licence', () => {
    const geo = JSON.parse(fichesToGeoJson(space))
    expect(geo.type).toBe('FeatureCollection')
    expect(geo.licence).toBe('CC BY-SA 4.0')
    expect(geo.features).toHaveLength(3)
    expect(geo.features[0]).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [-4.48, 48.39] },
      properties: { id: seed[0]!.id, name: seed[0]!.title, licence: 'CC BY-SA 4.0' },
    })
  })

  it('GoGoCarto JSON and CSV carry id, name, taxonomy, coordinates and address', () => {
    const json = JSON.parse(fichesToGoGoCartoJson(space))
    expect(json.data).toHaveLength(20)
    expect(json.data[0]).toMatchObject({
      id: seed[0]!.id,
      name: seed[0]!.title,
      taxonomy: seed[0]!.keywords.map((k) => termLabel(KEYWORDS, k)),
      latitude: 48.39,
      longitude: -4.48,
      addressLocality: seed[0]!.city,
      licence: 'CC BY-SA 4.0',
    })
    const csv = fichesToGoGoCartoCsv(space)
    const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data
    expect(rows[0]).toMatchObject({
      id: seed[0]!.id,
      taxonomy: expect.stringMatching(/^Alimentation - circuit court,Solidarités - entraide/),
      latitude: '48.39',
    })
    expect(rows[5]!.latitude).toBe('')
  })

  it('exports one fiche in any format', () => {
    const [file] = ficheExport('geojson', space, withLocation[1]!)
    expect(file!.name).toBe(`${withLocation[1]!.id}.geojson`)
    expect(JSON.parse(file!.content).features).toHaveLength(1)
  })
})

describe('licence per space', () => {
  it('defaults to CC BY-SA 4.0 and follows the index document', () => {
    const index = new Y.Doc()
    expect(spaceLicence(index)).toBe('CC BY-SA 4.0')
    expect(spaceDisplayName(index, 'essai')).toBe('essai')
    spaceInfoMap(index).set('licence', 'CC0 1.0')
    spaceInfoMap(index).set('name', 'Essai')
    expect(spaceLicence(index)).toBe('CC0 1.0')
    expect(spaceDisplayName(index, 'essai')).toBe('Essai')
    const data = { ...space, licence: spaceLicence(index) }
    expect(JSON.parse(spaceToJson(data)).licence).toBe('CC0 1.0')
    expect(fichesToCsv(data)).toContain(',CC0 1.0')
    expect(JSON.parse(fichesToGeoJson(data)).features[0].properties.licence).toBe('CC0 1.0')
    expect(formats.markdown.files(data)[0]!.content).toContain('licence: CC0 1.0')
  })
})
