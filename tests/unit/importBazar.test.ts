import { readFileSync } from 'node:fs'
import { readBazarCsv } from '@kenlabour/shared/import/bazarCsv'
import { parseBazarDate } from '@kenlabour/shared/import/bazarRecords'
import { readBazarVocabularies } from '@kenlabour/shared/import/bazarVocabularies'
import { ImportError } from '@kenlabour/shared/import/importError'
import { resolveValue, splitListValue } from '@kenlabour/shared/import/listValues'
import { detectFormat, parseImport } from '@kenlabour/shared/import/parseImport'
import { autoMapping, autoTarget, bazarListName } from '@kenlabour/shared/import/targets'
import { richToPlainText } from '@kenlabour/shared/richtext'
import { KEYWORDS } from '@kenlabour/shared/vocabularies'
import { describe, expect, it } from 'vitest'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const bazarJson = fixture('bazar-entries.json')
const bazarLists = JSON.parse(fixture('bazar-lists.json')) as Record<string, unknown>
const bazarCsv = fixture('bazar-export.csv')
const bazarForm = JSON.parse(fixture('bazar-form.json')) as Record<string, unknown>
const bazarFormEntries = fixture('bazar-form-entries.json')

/** The error an import throws, to assert on where it points. */
const importError = (run: () => unknown): ImportError => {
  try {
    run()
  } catch (error) {
    if (error instanceof ImportError) return error
    throw error
  }
  throw new Error('expected an ImportError')
}

describe('field mapping', () => {
  it.each([
    ['bf_titre', undefined, 'title'],
    ['id_fiche', undefined, 'id'],
    ['checkboxListeMotClef', undefined, 'keywords'],
    ['checkboxListeMotClefbf_mots', undefined, 'keywords'],
    ['listeListeEchelle', undefined, 'scale'],
    ['radioListeTypeActeur', undefined, 'actorType'],
    ['bf_ville', undefined, 'city'],
    ['bf_latitude', undefined, 'latitude'],
    ['geolocation', undefined, 'location'],
    ['date_creation_fiche', undefined, 'createdAt'],
    ['datetime_latest', undefined, 'updatedAt'],
    ["Titre de l'initiative", undefined, 'title'],
    ['Comment contacter cette initiative?', undefined, 'contacts'],
    [
      'Quelles sont les limites de cette initiative, qu’est ce qui la freine aujourd’hui ?',
      undefined,
      'limits',
    ],
    ['bf_champ_123', 'Ville', 'city'],
    ['bf_inconnu', undefined, 'ignore'],
  ] as const)('%s (label %s) → %s', (field, label, target) => {
    expect(autoTarget(field, label)).toBe(target)
  })

  it('gives each target to its first field only', () => {
    expect(autoMapping(['bf_titre', 'Titre', 'bf_ville'])).toEqual({
      bf_titre: 'title',
      Titre: 'ignore',
      bf_ville: 'city',
    })
  })

  it('reads the list name inside Bazar list field ids', () => {
    expect(bazarListName('checkboxListeMotClef')).toBe('motclef')
    expect(bazarListName('radioListeTypeActeurbf_type')).toBe('typeacteur')
    expect(bazarListName('bf_titre')).toBeNull()
  })
})

describe('list values', () => {
  it.each([
    ['alimentation,communs', ['alimentation', 'communs']],
    [
      'Alimentation, circuit court,Solidarités, entraide',
      ['Alimentation, circuit court', 'Solidarités, entraide'],
    ],
    ['  ,alimentation,, ', ['alimentation']],
    ['inconnu, autre', ['inconnu', 'autre']],
  ])('splits %j', (raw, expected) => {
    expect(splitListValue(raw, KEYWORDS)).toEqual(expected)
  })

  it('resolves Bazar keys through list labels, then keys and labels; keeps unknown values', () => {
    const list = { '3': 'Communs, coopération ouverte' }
    expect(resolveValue('3', KEYWORDS, list)).toEqual({ value: 'communs', known: true })
    expect(resolveValue('Énergie, habitat', KEYWORDS, undefined)).toEqual({ value: 'energie', known: true })
    expect(resolveValue('permaculture', KEYWORDS, undefined)).toEqual({ value: 'permaculture', known: false })
  })

  it('reads Bazar dates (JSON and CSV export) as UTC and refuses garbage', () => {
    expect(parseBazarDate('2020-10-19 14:22:01')).toBe(Date.UTC(2020, 9, 19, 14, 22, 1))
    expect(parseBazarDate('2020-10-19')).toBe(Date.UTC(2020, 9, 19))
    expect(parseBazarDate('19/10/2020 14:22:01')).toBe(Date.UTC(2020, 9, 19, 14, 22, 1))
    expect(parseBazarDate('2020-10-19T14:22:01.000Z')).toBe(Date.UTC(2020, 9, 19, 14, 22, 1))
    expect(parseBazarDate('31/02/2021 10:00:00')).toBeNull()
    expect(parseBazarDate('hier')).toBeNull()
  })

  it.each([
    ['"Alimentation, circuit court",Communs', ['Alimentation, circuit court', 'Communs']],
    ['"Groupe - Collectif"', ['Groupe - Collectif']],
    ['"pas fermé,Communs', ['"pas fermé', 'Communs']],
  ])('reads the quoted labels of a CSV export cell %j', (raw, expected) => {
    expect(splitListValue(raw, KEYWORDS)).toEqual(expected)
  })
})

describe('Bazar JSON import', () => {
  const { parsed, mapping, format } = parseImport(bazarJson, { lists: bazarLists as never })
  const byId = new Map(parsed.entries.map((e) => [e.fiche.id, e]))

  it('detects the format and maps the fields automatically', () => {
    expect(format).toBe('bazar-json')
    expect(mapping).toMatchObject({
      id_fiche: 'id',
      bf_titre: 'title',
      checkboxListeMotClef: 'keywords',
      listeListeEchelle: 'scale',
      radioListeTypeActeur: 'actorType',
      bf_latitude: 'latitude',
      date_creation_fiche: 'createdAt',
    })
  })

  it('imports validated entries and skips unvalidated ones with a reason', () => {
    expect(parsed.entries.map((e) => e.fiche.id)).toEqual([
      'TiCoopLeSupermarcheCooperatifDeBrest',
      'LaGrainerieDeRennes',
      'JardinPartageDeMorlaix',
    ])
    expect(parsed.skipped).toEqual([
      { where: 'entrée "FicheEnAttente"', reason: 'fiche non validée dans Bazar (statut_fiche 0)' },
    ])
  })

  it('maps every kind of field, with accents, commas, quotes and newlines intact', () => {
    const ti = byId.get('TiCoopLeSupermarcheCooperatifDeBrest')!.fiche
    expect(ti).toMatchObject({
      title: 'Ti Coop Le supermarché coopératif de Brest',
      actorName: 'Ti Coop',
      author: 'Anne Le Goff',
      actorType: 'association',
      scale: 'commune',
      keywords: ['alimentation', 'solidarites'],
      city: 'Brest',
      contacts: ['contact@ticoop.fr', 'https://ticoop.fr/contact'],
      website: 'https://ticoop.fr',
      tags: ['supermarché', 'coopérative', 'bio'],
      partners: 'Biocoop, "Les amis", La Ville',
      createdAt: Date.UTC(2020, 9, 19, 14, 22, 1),
      location: { lat: 48.3904, lng: -4.4861 },
      trashedAt: null,
    })
    expect(richToPlainText(ti.sections.description)).toBe(
      'Un vrai supermarché qui vous appartient, bio & local !\n- Coopératif\n- Participatif, non lucratif\nVoir le site.',
    )
    expect(richToPlainText(ti.sections.positive)).toBe(
      'La démarche coopérative\npermet un contrôle par les coopérateurs.',
    )
  })

  it('turns Bazar list keys into vocabulary keys through the lists, and keeps unknown ones raw', () => {
    const grainerie = byId.get('LaGrainerieDeRennes')!.fiche
    expect(grainerie).toMatchObject({
      actorType: 'commune',
      scale: 'pays',
      keywords: ['communs', 'environnement'],
    })
    const jardin = byId.get('JardinPartageDeMorlaix')!
    expect(jardin.fiche.keywords).toEqual(['environnement', 'permaculture'])
    expect(jardin.notes).toEqual(['mot clef inconnu gardé tel quel : permaculture'])
    // Missing fields are empty, not errors.
    expect(jardin.fiche).toMatchObject({ actorType: null, scale: null, contacts: [], website: '' })
    expect(jardin.fiche.location).toBeUndefined()
  })

  it('neutralises the XSS of the imported HTML', () => {
    const grainerie = byId.get('LaGrainerieDeRennes')!.fiche
    expect(JSON.stringify(grainerie.sections)).not.toMatch(
      /alert|<script|onclick|onerror|iframe|javascript:|display/i,
    )
    expect(richToPlainText(grainerie.sections.description)).toBe(
      'Échange de graines entre voisin·e·s.\ncliquez',
    )
  })

  it.each([
    ['{"geolocation": {"bf_latitude": "48.1", "bf_longitude": "-1.6"}}', { lat: 48.1, lng: -1.6 }],
    ['{"carte_google": "48.1|-1.6"}', { lat: 48.1, lng: -1.6 }],
    [
      '{"geolocation": {"bf_latitude": "48.1"}, "bf_latitude": "47.5", "bf_longitude": "-2"}',
      { lat: 47.5, lng: -2 },
    ],
    ['{"geolocation": ""}', undefined],
  ])('reads the map field %s', (fields, location) => {
    const text = `{"A": {"id_fiche": "A", "bf_titre": "ok", ${fields.slice(1, -1)}}}`
    expect(parseImport(text, { format: 'bazar-json' }).parsed.entries[0]!.fiche.location).toEqual(location)
  })

  it('applies an edited mapping', () => {
    const { parsed: edited } = parseImport(bazarJson, {
      mapping: { id_fiche: 'id', bf_titre: 'title', bf_ville: 'ignore', bf_nom_acteur: 'partners' },
    })
    const ti = edited.entries[0]!.fiche
    expect(ti.city).toBe('')
    expect(ti.partners).toBe('Ti Coop')
    expect(ti.keywords).toEqual([])
  })

  it.each([
    ['{ "a": ', 'ligne 1', /JSON invalide/],
    ['{\n "A": {"bf_titre": "ok"},\n "B": {"bf_titre": 12,', 'ligne 3', /JSON invalide/],
    ['[1, 2]', 'entrée "1"', /objet de champs/],
    [
      '{"A": {"id_fiche": "A", "bf_titre": "ok"}, "B": {"id_fiche": "B", "bf_titre": ""}}',
      'entrée "B"',
      /titre manquant/,
    ],
    ['{"A": {"id_fiche": "A", "bf_titre": "ok", "bf_latitude": "nord"}}', 'entrée "A"', /latitude/],
    ['{"A": {"id_fiche": "A", "bf_titre": "ok", "date_creation_fiche": "hier"}}', 'entrée "A"', /date/],
    ['{"A": {"id_fiche": "A", "bf_titre": "ok", "geolocation": "{oops"}}', 'entrée "A"', /latitude/],
    [
      '{"A": {"id_fiche": "A", "bf_titre": "ok", "bf_latitude": "123", "bf_longitude": "1"}}',
      'entrée "A"',
      /location/,
    ],
  ])('rejects %j at %s', (text, where, message) => {
    const error = importError(() => parseImport(text, { format: 'bazar-json' }))
    expect(error.problems[0]?.where).toBe(where)
    expect(error.problems[0]?.message).toMatch(message)
  })

  it('lists every broken entry, not just the first', () => {
    const error = importError(() =>
      parseImport('{"A": {"bf_titre": ""}, "B": {"bf_titre": "ok"}, "C": {"bf_titre": " "}}', {
        format: 'bazar-json',
      }),
    )
    expect(error.problems.map((p) => p.where)).toEqual(['entrée "A"', 'entrée "C"'])
  })
})

describe('Bazar list vocabularies and forms', () => {
  it('reads the form JSON (/api/forms/<id>): field labels, and each list by field id, list name and label', () => {
    const { lists, labels, names } = readBazarVocabularies(bazarForm)
    expect(names).toEqual(['ListeStructure', 'ListeTerritoire', 'ListeThematiques'])
    expect({ ...labels }).toEqual({
      bf_titre: "Nom de l'initiative",
      bf_presentation: 'Description de cette initiative',
      bf_porteur: "Nom de l'acteur",
      radioListeStructurebf_structure: "Type d'acteurs qui propose cette initiative",
      listeListeTerritoire: "Echelle d'action",
      checkboxListeThematiques: 'Mot Clef',
      bf_commune: 'Ville',
      // Bazar's map field is labelled by its id.
      geolocation: 'geolocation',
    })
    const themes = {
      '10': 'Alimentation, circuit court',
      '11': 'Énergie, habitat',
      '12': 'Mobilité douce, partagée',
    }
    expect({ ...lists.checkboxListeThematiques }).toEqual(themes)
    expect({ ...lists.ListeThematiques }).toEqual(themes)
    expect({ ...lists['Mot Clef'] }).toEqual(themes)
  })

  it('accepts every shape Bazar gives: one form, forms by id, an array of forms, and the lists', () => {
    const one = readBazarVocabularies(bazarForm)
    for (const shape of [{ '2': bazarForm }, [bazarForm]]) {
      const read = readBazarVocabularies(shape)
      expect(read.names).toEqual(one.names)
      expect({ ...read.labels }).toEqual({ ...one.labels })
    }
    const stored = readBazarVocabularies(bazarLists)
    expect(stored.names).toEqual(['ListeTypeActeur', 'ListeEchelle', 'ListeMotClef'])
    expect(stored.lists.ListeEchelle?.['4']).toBe('Pays')
    // Keyed by the list's title too, which is the CSV column's label when the field kept it.
    expect(stored.lists["Type d'acteurs"]?.['2']).toBe('Commune')
    expect(readBazarVocabularies({ ListeX: { title: 'X', options: { a: 'A' } } }).lists.ListeX).toEqual({
      a: 'A',
    })
    expect(readBazarVocabularies({ ListeX: { a: 'A' } }).lists.ListeX).toEqual({ a: 'A' })
    // PHP writes an empty list as [].
    expect(readBazarVocabularies({ ListeVide: { titre_liste: 'Vide', label: [] } }).lists.ListeVide).toEqual(
      {},
    )
  })

  it.each([
    [[1, 2], /fichier non reconnu/],
    ['ListeMotClef', /fichier non reconnu/],
    [{ ListeMotClef: 'Alimentation' }, /liste "ListeMotClef"/],
    [{ ListeMotClef: ['Alimentation'] }, /liste "ListeMotClef"/],
    [JSON.parse(bazarJson), /fiches Bazar, pas des listes/],
    [{ bn_label_nature: 'F', prepared: [5] }, /formulaire « F », champ 1 illisible/],
  ])('refuses %j clearly', (data, message) => {
    const error = importError(() => readBazarVocabularies(data))
    expect(error.problems).toEqual([{ where: 'listes Bazar', message: expect.stringMatching(message) }])
  })

  it('skips layout fields, and reads labels as plain text', () => {
    const read = readBazarVocabularies({
      prepared: [
        { type: 'labelhtml', label: '<h2>Présentation</h2>', propertyname: null },
        { type: 'tabs', id: '' },
        { propertyname: 'bf_lieu', label: '<b>Ville</b> :' },
      ],
    })
    expect({ ...read.labels }).toEqual({ bf_lieu: 'Ville' })
    expect(read.names).toEqual([])
    expect(autoMapping(['bf_lieu'], read.labels)).toEqual({ bf_lieu: 'city' })
  })

  it('ignores prototype keys from the file', () => {
    const read = readBazarVocabularies(JSON.parse('{"__proto__": {"1": "x"}, "ListeA": {"1": "A"}}'))
    expect(Object.getPrototypeOf(read.lists)).toBeNull()
    expect(read.lists.ListeA).toEqual({ '1': 'A' })
    expect(autoMapping(['constructor', 'bf_titre'])).toEqual({ constructor: 'ignore', bf_titre: 'title' })
  })

  it('without the form, unknown field ids are ignored and list keys kept raw', () => {
    const { parsed, mapping } = parseImport(bazarFormEntries)
    expect(mapping).toMatchObject({ bf_presentation: 'ignore', listeListeTerritoire: 'ignore' })
    const [epicerie] = parsed.entries
    expect(epicerie!.fiche.keywords).toEqual(['10', '12'])
    expect(epicerie!.notes).toContain('mot clef inconnu gardé tel quel : 10')
  })

  it('with the form, fields match by label and list keys become vocabulary keys', () => {
    const { parsed, mapping } = parseImport(bazarFormEntries, { lists: bazarForm })
    expect(mapping).toMatchObject({
      bf_titre: 'title',
      bf_presentation: 'description',
      bf_porteur: 'actorName',
      radioListeStructurebf_structure: 'actorType',
      listeListeTerritoire: 'scale',
      checkboxListeThematiques: 'keywords',
      bf_commune: 'city',
      bf_latitude: 'latitude',
      geolocation: 'location',
    })
    const [epicerie, velo] = parsed.entries
    expect(epicerie!.fiche).toMatchObject({
      id: 'EpicerieSolidaireDeQuimper',
      title: 'Épicerie solidaire de Quimper',
      actorName: 'Association Ti Bara',
      actorType: 'association',
      scale: 'quartier',
      keywords: ['alimentation', 'mobilite'],
      city: 'Quimper',
      location: { lat: 47.996, lng: -4.1024 },
    })
    expect(epicerie!.notes).toEqual([])
    expect(richToPlainText(epicerie!.fiche.sections.description)).toBe(
      'Une épicerie à prix choisis, « pour tous ».',
    )
    expect(velo!.fiche).toMatchObject({
      actorType: 'groupe-collectif',
      scale: 'region',
      keywords: ['alimentation', 'energie'],
    })
    expect(richToPlainText(velo!.fiche.sections.description)).toBe('Réparer son vélo soi-même,\nensemble.')
  })

  it('an edited mapping still wins over the labels', () => {
    const { mapping } = parseImport(bazarFormEntries, {
      lists: bazarForm,
      mapping: { bf_titre: 'title', bf_porteur: 'author' },
    })
    expect(mapping).toEqual({ bf_titre: 'title', bf_porteur: 'author' })
  })

  it('a broken lists file refuses the whole import', () => {
    const error = importError(() => parseImport(bazarFormEntries, { lists: [1] }))
    expect(error.problems[0]?.where).toBe('listes Bazar')
  })
})

describe('Bazar CSV import', () => {
  it('reads labels as headers, quoted commas, quotes and newlines, and a UTF-8 BOM', () => {
    const source = readBazarCsv(`\uFEFF${bazarCsv}`)
    // Bazar marks required fields with " *" in the header.
    expect(source.fields[2]).toBe("Titre de l'initiative *")
    expect(source.records.map((r) => r.where)).toEqual(['ligne 2', 'ligne 4', 'ligne 6'])
  })

  it('imports every row with its dates, list labels and text', () => {
    const { parsed, format, mapping } = parseImport(bazarCsv, { fileName: 'export.csv' })
    expect(format).toBe('bazar-csv')
    expect(mapping).toMatchObject({
      datetime_create: 'createdAt',
      datetime_latest: 'updatedAt',
      "Titre de l'initiative *": 'title',
      'Mot Clef': 'keywords',
      geolocation: 'location',
    })
    const [ti, repair, dinan] = parsed.entries
    expect(ti!.fiche).toMatchObject({
      id: 'TiCoopLeSupermarcheCooperatifDeBrest',
      keywords: ['alimentation', 'solidarites'],
      scale: 'commune',
      actorType: 'association',
      contacts: ['contact@ticoop.fr', 'https://ticoop.fr/contact'],
      tags: ['supermarché', 'coopérative'],
      createdAt: Date.UTC(2020, 9, 19, 14, 22, 1),
      // The map field's JSON cell.
      location: { lat: 48.3904, lng: -4.4861 },
    })
    expect(richToPlainText(ti!.fiche.sections.description)).toBe(
      'Un vrai supermarché, bio et local.\nDeuxième paragraphe avec "guillemets".',
    )
    expect(repair!.fiche).toMatchObject({
      title: "Le Repair Café d'Auray",
      actorType: 'groupe-collectif',
      scale: 'quartier',
      keywords: ['Économie locale'],
      partners: "Mairie d'Auray, MJC",
    })
    expect(richToPlainText(repair!.fiche.sections.description)).toBe(
      'Réparer plutôt que jeter.\nChaque premier samedi du mois.',
    )
    // Bazar quotes labels holding a space inside the cell ("""Économie locale"""): read as labels.
    expect(repair!.notes).toEqual(['mot clef inconnu gardé tel quel : Économie locale'])
    expect(repair!.fiche.location).toBeUndefined()
    expect(dinan!.dated).toBe(false)
    expect(dinan!.fiche.city).toBe('Dinan')
  })

  it.each([
    ['a,b\n1,2,3\n', 'ligne 2', /3 colonnes au lieu de 2/],
    ["Titre de l'initiative,Ville\nok,Brest\n,Rennes\n", 'ligne 3', /titre manquant/],
    ['Titre de l\'initiative,Ville\n"pas fermé,Brest\n', 'ligne 2', /CSV invalide/],
    ["Titre de l'initiative,Ville\n", 'fichier', /seulement/],
    ['Ville,Nom\nBrest,x\n', 'correspondance des champs', /titre/],
  ])('rejects %j at %s', (text, where, message) => {
    const error = importError(() => parseImport(text, { format: 'bazar-csv' }))
    expect(error.problems[0]?.where).toBe(where)
    expect(error.problems[0]?.message).toMatch(message)
  })
})

describe('format detection', () => {
  it.each([
    ['{"format":"kenlabour","version":1,"fiches":[]}', '', 'kenlabour-json'],
    ['{"X":{"bf_titre":"t"}}', '', 'bazar-json'],
    ['a,b,c,d\n1,2,3,4', '', 'bazar-csv'],
    ['anything', 'f.csv', 'bazar-csv'],
    ['Inspirations\nTitre\nTitre\n', '', 'inspirations-text'],
  ] as const)('%j (%s) → %s', (text, name, format) => {
    expect(detectFormat(text, name)).toBe(format)
  })
})
