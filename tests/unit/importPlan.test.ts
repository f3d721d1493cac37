import { readFileSync } from 'node:fs'
import type { Fiche } from '@kenlabour/shared/fiche'
import { findTown } from '@kenlabour/shared/gazetteer'
import { ImportError } from '@kenlabour/shared/import/importError'
import { parseImport } from '@kenlabour/shared/import/parseImport'
import { planImport } from '@kenlabour/shared/import/plan'
import { parseInspirations } from '@kenlabour/shared/seed'
import { describe, expect, it } from 'vitest'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const seedText = readFileSync(new URL('../../shared/seed/inspirations.txt', import.meta.url), 'utf8')
const NOW = Date.UTC(2026, 0, 1)

const stored = (fiches: readonly Fiche[]) => new Map(fiches.map((f) => [f.id, f]))

describe('planImport: idempotent imports', () => {
  it('creates, then leaves unchanged, then updates only what changed', () => {
    const first = parseImport(fixture('bazar-entries.json'))
    const created = planImport(first.parsed, new Map(), NOW)
    expect(created.counts).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 1 })
    expect(created.lines.find((l) => l.action === 'skipped')).toMatchObject({
      where: 'entrée "FicheEnAttente"',
      reason: expect.stringMatching(/non validée/),
    })

    const again = planImport(
      parseImport(fixture('bazar-entries.json')).parsed,
      stored(created.writes),
      NOW + 1,
    )
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 3, skipped: 1 })
    expect(again.writes).toEqual([])

    const edited = fixture('bazar-entries.json').replace('"bf_ville": "Rennes"', '"bf_ville": "Rennes (35)"')
    const update = planImport(parseImport(edited).parsed, stored(created.writes), NOW + 2)
    expect(update.counts).toMatchObject({ updated: 1, unchanged: 2 })
    expect(update.writes.map((f) => [f.id, f.city])).toEqual([['LaGrainerieDeRennes', 'Rennes (35)']])
  })

  it('an undated CSV row keeps the stored creation date (or gets now)', () => {
    const csv = fixture('bazar-export.csv')
    const first = planImport(parseImport(csv, { fileName: 'a.csv' }).parsed, new Map(), NOW)
    const dinan = first.writes.find((f) => f.city === 'Dinan')!
    expect(dinan.createdAt).toBe(NOW)
    const second = planImport(
      parseImport(csv, { fileName: 'a.csv' }).parsed,
      stored(first.writes),
      NOW + 60_000,
    )
    expect(second.counts).toEqual({ created: 0, updated: 0, unchanged: 3, skipped: 0 })
  })

  it('reports notes per entry', () => {
    const plan = planImport(parseImport(fixture('bazar-entries.json')).parsed, new Map(), NOW)
    expect(plan.lines.find((l) => l.id === 'JardinPartageDeMorlaix')?.notes).toEqual([
      'mot clef inconnu gardé tel quel : permaculture',
    ])
  })
})

describe('scraped "Inspirations" text import', () => {
  it('gives the seed fiches, unchanged when re-imported over the seed', () => {
    const seed = parseInspirations(seedText)
    const { parsed, format } = parseImport(seedText)
    expect(format).toBe('inspirations-text')
    expect(parsed.entries.map((e) => e.fiche)).toEqual(seed)
    expect(planImport(parsed, stored(seed), NOW).counts).toEqual({
      created: 0,
      updated: 0,
      unchanged: 20,
      skipped: 0,
    })
  })

  it('refuses text with no fiche, clearly', () => {
    expect(() => parseImport('juste une ligne\net une autre', { format: 'inspirations-text' })).toThrow(
      ImportError,
    )
    expect(() => parseImport('juste une ligne', { format: 'inspirations-text' })).toThrow(
      /aucune fiche reconnue/,
    )
  })

  it('refuses an empty file and a broken Kenlabour export', () => {
    expect(() => parseImport('  ')).toThrow(/fichier vide/)
    expect(() => parseImport('{"format":"kenlabour","version":1,"fiches":[{"id":"a b"}]}')).toThrow(
      /fiches\[0\]/,
    )
    expect(() =>
      parseImport('{"format":"kenlabour","version":1,"fiches":[]}'.replace('[]', '[{"id":"A"},{"id":"A"}]')),
    ).toThrow(ImportError)
  })
})

describe('locations on re-import', () => {
  it('a source without coordinates keeps the stored location; a complete JSON export replaces it', () => {
    const seed = parseInspirations(seedText)
    const located = seed.map((f) => ({ ...f, location: { lat: 48, lng: -3 } }))
    const fromText = planImport(parseImport(seedText).parsed, stored(located), NOW)
    expect(fromText.counts.unchanged).toBe(20)
    const json = JSON.stringify({ format: 'kenlabour', version: 1, fiches: seed })
    const fromJson = planImport(parseImport(json).parsed, stored(located), NOW)
    expect(fromJson.counts.updated).toBe(20)
    expect(fromJson.writes[0]?.location).toBeUndefined()
  })
})

describe('gazetteer', () => {
  it.each([
    ['Brest', 'Brest'],
    ['209 rue Jean Jaurès 29200 Brest', 'Brest'],
    ['MORLAIX', 'Morlaix'],
    ['Cesson-Sevigne', 'Cesson-Sévigné'],
    ['Caen, Brest, Paris', 'Brest'],
    ['Rennes et Brest', 'Rennes'],
    ['Paris', null],
    ['Brestois', null],
  ])('%s → %s', (city, town) => {
    expect(findTown(city)?.name ?? null).toBe(town)
  })
})
