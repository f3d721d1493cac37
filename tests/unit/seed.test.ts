import { readFileSync } from 'node:fs'
import type { Fiche } from '@kenlabour/shared/fiche'
import { FIELD_LABELS, SECTION_KEYS, SECTION_LABELS, type SectionKey } from '@kenlabour/shared/form'
import { participantSchema } from '@kenlabour/shared/participants'
import { type RichBlocks, type RichNode, richToPlainText } from '@kenlabour/shared/richtext'
import { dropRepeatedTail, parseInspirations } from '@kenlabour/shared/seed'
import { ACTOR_TYPES, KEYWORDS, SCALES, termLabel } from '@kenlabour/shared/vocabularies'
import { describe, expect, it } from 'vitest'
import { seedAuthor } from '../../relay/src/seed.ts'

const seedText = readFileSync(new URL('../../shared/seed/inspirations.txt', import.meta.url), 'utf8')
const fiches = parseInspirations(seedText)
const seedLines = seedText.split('\n')

/** The page chrome before the first fiche (title, intro, count, facet names). */
const HEADER_LINES = 8

const TITLES = [
  'Ti Coop Le supermarché coopératif de Brest',
  "Accompagnement administratif dans vos démarches d'accès aux droits et accompagnement emploi, formation, orientation professionnelle",
  'Atelier lirecrire ATD Quart monde à distance, Brest (durant le covid : le journal des confiné.es)',
  'Au restaurant avec les voisins',
  'AURAY - A votre Ecoute',
  'Cartographie collaborative des circuits de résilience alimentaire locale - exemple de la carte Producteurs Dinan confinés',
  'Catalogues de ressources matérielles des acteurs privés dans le cadre de la lutte contre le coronavirus',
  "Création d'une plateforme d'e-learning",
  "Développement de formations collaboratives : exemple d'une transformation de séminaire pédagogique à l'IFPEK de Rennes",
  'Faire sortir le savoir des lieux institués',
  "L'usine invisible, auto organisation autour de la fabrication de masques",
  'Les vigilantes : Faire du lien entre les projets d’installation agricole en recherche de terre et les cédants à Dinan agglomération',
  "Livraison d'ordinateurs et hotline d'entraide numérique à Rennes pendant la crise du coronavirus",
  "Mad à Brest : Maison de l'Alimentation Durable, tiers-lieu de la démocratie alimentaire et du bien manger pour tous et toutes à Brest même",
  "OPEN SANTE: Validation légale et fabrication/distribution d'objets solidaires et médicaux contre le coronavirus avec les CHU durant la crise",
  'Proposer des temps de pratique artistique via ZOOM et organiser des temps festifs sur le territoire préparés par ce biais',
  'Référents par immeuble à Kerourien : De la solidarité dans chaque entrée',
  'Susciter et accompagner les transitions, Synergies entre le territoire, les entreprises et l’enseignement supérieur',
  'Tiers apprenants',
  'Tiers Lien - refondation de dialogues citoyens pour un monde qui change',
]

const byTitle = (prefix: string): Fiche => {
  const found = fiches.filter((f) => f.title.startsWith(prefix))
  expect(found, prefix).toHaveLength(1)
  return found[0]!
}

/** Top-level blocks of a section as plain-text lines (list items as "- item"). */
const plainLines = (blocks: RichBlocks): string[] => {
  const plain = richToPlainText(blocks)
  return plain === '' ? [] : plain.split('\n')
}

const paragraphs = (blocks: RichBlocks): RichNode[] => blocks.filter((b) => b.type === 'paragraph')

const listItemTexts = (blocks: RichBlocks): string[] =>
  blocks.filter((b) => b.type === 'bulletList').flatMap((list) => plainLines([list]).map((l) => l.slice(2)))

/** Every text node of some blocks, depth first. */
const textNodes = (nodes: readonly RichNode[]): RichNode[] =>
  nodes.flatMap((n) => (n.type === 'text' ? [n] : textNodes(n.content ?? [])))

const linkHrefs = (blocks: RichBlocks): string[] =>
  textNodes(blocks).flatMap((n) =>
    (n.marks ?? []).filter((m) => m.type === 'link').map((m) => String(m.attrs?.href)),
  )

const labelForm = (line: string): string => line.trim().replace(/\s*:$/, '')
const LABEL_LINES = new Set(
  [...SECTION_KEYS.map((k) => SECTION_LABELS[k].fr), ...Object.values(FIELD_LABELS).map((l) => l.fr)].map(
    labelForm,
  ),
)
const isLabel = (line: string): boolean => LABEL_LINES.has(labelForm(line))

describe('parseInspirations: fiche boundaries', () => {
  it('finds the 20 fiches, in page order, with their titles', () => {
    expect(fiches.map((f) => f.title)).toEqual(TITLES)
  })

  it('skips the page header', () => {
    expect(seedLines[HEADER_LINES]).toBe(TITLES[0])
    expect(fiches.some((f) => f.title === 'Inspirations')).toBe(false)
  })

  it('does not cut a fiche at a duplicated value followed by the next label', () => {
    // "Validation légale…" is printed twice then followed by "Vous semble-t-elle adaptée…".
    const usine = byTitle("L'usine invisible")
    expect(plainLines(usine.sections.levers)).toEqual([
      "le relais notamment d'associations d'élus pour aider la coopérative - D'autres réseaux de makers (visières, respirateurs..) voir la fiche Open santé d'Hugues Aubin :",
      "Validation légale et fabrication/distribution d'objets solidaires et médicaux contre le coronavirus avec les CHU durant la crise",
    ])
    expect(usine.sections.adaptable).toHaveLength(2)
    expect(usine.actorName).toBe('Usine invisible')
  })

  it('gives unique, valid, deterministic ids and timestamps', () => {
    const ids = fiches.map((f) => f.id)
    expect(new Set(ids).size).toBe(20)
    expect(ids[0]).toBe('TiCoopLeSupermarcheCooperatifDeBrest')
    expect(ids[18]).toBe('TiersApprenants')
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
    fiches.forEach((f, i) => {
      expect(f.createdAt).toBe(Date.UTC(2020, 5, 1) + i * 60_000)
      expect(f.trashedAt).toBeNull()
    })
    expect(parseInspirations(seedText)).toEqual(fiches)
  })

  it('makes colliding ids unique', () => {
    const one = 'T\nT\nDescription de cette initiative\nx\n'
    const parsed = parseInspirations(`${one}${one}${one}`)
    expect(parsed.map((f) => f.id)).toEqual(['T', 'T-2', 'T-3'])
  })
})

describe('parseInspirations: fields, fiche by fiche', () => {
  it('Ti Coop', () => {
    const f = byTitle('Ti Coop')
    expect(f).toMatchObject({
      actorName: 'Ticooop',
      author: 'Michel Briand',
      actorType: 'association',
      scale: 'pays',
      scaleOther: '',
      keywords: ['alimentation', 'solidarites', 'mobilite', 'communs'],
      city: '209 rue Jean Jaurès 29200 Brest',
      contacts: ['contact@ticoop.fr', 'Tél. 09 88 47 15 10'],
      website: 'https://ticoop.fr/',
      tags: ['coopérative', 'supermarché', 'Brest', 'Solidarité'],
      partners: 'ville de Brest, région Bretagne tag29, département du finistère, maison de la bio 29, NEF',
    })
  })

  it('Ti Coop sections: artefact removed, legitimate repetition kept', () => {
    const f = byTitle('Ti Coop')
    // [A, B, C, D, B, C, D] → [A, B, C, D]
    expect(f.sections.stopBefore).toHaveLength(4)
    expect(paragraphs(f.sections.stopBefore)).toHaveLength(4)
    // [A, P, list×7, P]: the first P is the scrape's text-only copy of the tail [list×7, P].
    const description = plainLines(f.sections.description)
    expect(description.filter((l) => l.startsWith('une présentation reprise'))).toHaveLength(1)
    expect(description.at(-1)).toMatch(/^une présentation reprise/)
    expect(listItemTexts(f.sections.description)).toHaveLength(7)
    expect(listItemTexts(f.sections.description)[3]).toBe('428 coopérateur.rice.s')
    expect(f.sections.description.map((b) => b.type)).toEqual(['paragraph', 'bulletList', 'paragraph'])
    expect(paragraphs(f.sections.limits)).toHaveLength(2)
    expect(plainLines(f.sections.levers)).toHaveLength(9)
    expect(plainLines(f.sections.adaptable)).toEqual([
      "Les supermarchés coopératifs peuvent s'adapter à toutes les échelles.",
    ])
  })

  it('Ti Coop complement: a list with links', () => {
    const { complement } = byTitle('Ti Coop').sections
    expect(complement).toHaveLength(1)
    expect(complement[0]!.type).toBe('bulletList')
    expect(plainLines(complement)).toEqual([
      '- presse : http://ticoop.fr/presse/',
      '- chaine vidéo : https://www.youtube.com/channel/UCwzC9T2zDDGXxM_JskAB6aw',
    ])
    expect(linkHrefs(complement)).toEqual([
      'http://ticoop.fr/presse/',
      'https://www.youtube.com/channel/UCwzC9T2zDDGXxM_JskAB6aw',
    ])
    const item = complement[0]!.content![1]!.content![0]!
    expect(item).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'chaine vidéo : ' },
        {
          type: 'text',
          text: 'https://www.youtube.com/channel/UCwzC9T2zDDGXxM_JskAB6aw',
          marks: [
            { type: 'link', attrs: { href: 'https://www.youtube.com/channel/UCwzC9T2zDDGXxM_JskAB6aw' } },
          ],
        },
      ],
    })
  })

  it('iLOZ: "Autre" scale with its precision, no keyword, contact or tag', () => {
    const f = fiches[1]!
    expect(f.actorName).toBe('iLOZ Pipriac')
    expect(f.author).toBe('Caroline Le Bris')
    expect(f.actorType).toBe('association')
    expect(f.scale).toBe('autre')
    expect(f.scaleOther).toBe('6 communes: Pipriac, St Ganton, Bruc sur Aff, Sixt sur Aff, st just, Lieuron')
    expect(f.city).toBe('Pipriac')
    expect(f.website).toBe('https://iloz.bzh/')
    expect(f).toMatchObject({ keywords: [], contacts: [], tags: [], partners: '' })
    expect(plainLines(f.sections.description)).toHaveLength(3)
    expect(f.sections.adaptable).toEqual([])
    expect(f.sections.complement).toEqual([])
  })

  it('Atelier lirecrire: duplicated contact dropped', () => {
    const f = byTitle('Atelier lirecrire')
    expect(f).toMatchObject({
      actorName: "Monique Argoualc'h, Alliée ATD Quart monde",
      actorType: 'association',
      scale: 'commune',
      city: 'Brest Maison des associations',
      contacts: ["Monique Argoualc'h", 'Patrick La Prairie'],
      website: 'http://www.atd-lirecrire.infini.fr/',
      tags: ['écrit public', 'personnes en précarité', 'culture numérique', 'Brest', 'ATD Quart monde'],
      partners: 'ATD Quart monde',
    })
    expect(plainLines(f.sections.description)).toHaveLength(3)
    expect(f.sections.levers).toHaveLength(1)
    expect(listItemTexts(f.sections.levers)).toHaveLength(3)
  })

  it('Au restaurant avec les voisins: no actor name, one free tag without commas', () => {
    const f = byTitle('Au restaurant')
    expect(f).toMatchObject({
      actorName: '',
      author: 'Le Kervern',
      actorType: 'individu',
      scale: 'quartier',
      keywords: ['alimentation'],
      city: 'Brest',
      contacts: [],
      website: '',
      tags: ['restaurant - voisins - découverte culinaire'],
    })
    expect(paragraphs(f.sections.description)).toHaveLength(4)
    expect(paragraphs(f.sections.positive)).toHaveLength(3)
    expect(f.sections.levers).toEqual([])
  })

  it('AURAY - A votre Ecoute', () => {
    const f = byTitle('AURAY')
    expect(f).toMatchObject({
      actorName: "Ville d'Auray",
      author: 'Marie-Elodie GY',
      actorType: 'commune',
      scale: 'commune',
      city: 'Auray',
      contacts: ['02 97 24 48 71', 'auray.avotreecoute@ville-auray.fr'],
      tags: ['Solidarité', 'Accompagnement social', 'Entraide'],
    })
  })

  it('Cartographie collaborative: link inside a sentence', () => {
    const f = byTitle('Cartographie collaborative')
    expect(f).toMatchObject({
      actorName: 'Les Vigiliantes',
      actorType: 'groupe-collectif',
      scale: 'intercommunalite',
      keywords: ['alimentation'],
      contacts: ['contact@vigiliantes.fr'],
      website: 'https://producteursdinan.gogocarto.fr',
      tags: ['carte', 'producteurs', 'consommateurs', 'circuit court', 'alimentation', 'local'],
    })
    expect(paragraphs(f.sections.description)).toHaveLength(9)
    expect(paragraphs(f.sections.positive)).toHaveLength(4)
    expect(paragraphs(f.sections.limits)).toHaveLength(2)
    const first = f.sections.limits[0]!.content!
    expect(first.map((n) => n.text)).toEqual([
      'La région elle-même a sorti sa plateforme (',
      'https://www.produits-locaux.bzh',
      expect.stringMatching(/^\), moins ouverte/),
    ])
    expect(first[1]!.marks).toEqual([{ type: 'link', attrs: { href: 'https://www.produits-locaux.bzh/' } }])
    expect(first[2]!.marks).toBeUndefined()
  })

  it('Catalogues de ressources: lists deduplicated, no scale, obfuscated e-mail kept as text', () => {
    const f = byTitle('Catalogues de ressources')
    expect(f).toMatchObject({
      actorName: 'BDI - Bretagne Développement International',
      author: 'Hugues Aubin',
      actorType: 'groupe-collectif',
      scale: null,
      city: 'Cesson-Sevigne',
      website: 'https://www.bdi.fr/fr/publications/covid-19-entreprises-unies-en-bretagne/',
      partners: 'Région bretagne.\nBretagne Developpement Innovation.',
    })
    expect(f.contacts).toEqual([
      'En contactant Axel Dubois, en charge de la plateforme pendant la crise, dirigeant de SLS. axel.dubois(chez)sls-france.fr.',
    ])
    expect(f.tags).toHaveLength(7)
    expect(paragraphs(f.sections.positive)).toHaveLength(4)
    expect(f.sections.limits.map((b) => b.type)).toEqual(['bulletList'])
    expect(listItemTexts(f.sections.limits)).toHaveLength(5)
    expect(listItemTexts(f.sections.levers)).toHaveLength(4)
    expect(listItemTexts(f.sections.adaptable)).toHaveLength(3)
  })

  it("Création d'une plateforme d'e-learning", () => {
    const f = byTitle("Création d'une plateforme")
    expect(f).toMatchObject({
      author: 'loic gourmelon',
      actorType: 'groupe-collectif',
      scale: 'national',
      city: 'Brest',
      contacts: ['loicgourmelon@gmail.com'],
      website: '',
      tags: [],
    })
    expect(f.actorName).toMatch(/^Loïc Gourmelon avec le collectif Inztant/)
    expect(paragraphs(f.sections.description)).toHaveLength(4)
  })

  it('Développement de formations collaboratives (IFPEK)', () => {
    const f = byTitle('Développement de formations')
    expect(f).toMatchObject({
      actorName: 'IFPEK',
      author: 'Yann Le Faou',
      actorType: 'association',
      scale: 'groupe-communaute',
      city: 'Rennes',
      contacts: ['https://www.ifpek.org/', 'y.lefaou@ifpek.org'],
      website: 'https://www.innovation-pedagogique.fr/article6985.html',
      tags: ['enseignement supérieur', 'collaboration interprofessionnelle', 'étudiant'],
    })
    expect(paragraphs(f.sections.limits)).toHaveLength(4)
    expect(plainLines(f.sections.complement)).toHaveLength(3)
    expect(linkHrefs(f.sections.complement)).toEqual(['https://hal.archives-ouvertes.fr/hal-02290378'])
  })

  it('Faire sortir le savoir des lieux institués: no scale, no city', () => {
    const f = byTitle('Faire sortir')
    expect(f).toMatchObject({
      author: 'Yann Le faou',
      actorType: 'groupe-collectif',
      scale: null,
      city: '',
      tags: ['Transformation pédagogique', 'communauté de pratique', 'solidarité', 'décentralisation'],
    })
    expect(paragraphs(f.sections.positive)).toHaveLength(2)
  })

  it("L'usine invisible", () => {
    const f = byTitle("L'usine invisible")
    expect(f).toMatchObject({
      author: 'Michel Briand - ME GY le 15.06.2020',
      actorType: 'groupe-collectif',
      scale: 'region',
      city: 'Auray',
      contacts: ['lusineinvisible@gmail.com'],
      website: 'https://www.facebook.com/lusineinvisible/',
      tags: ['couturières masques collectif'],
    })
    expect(plainLines(f.sections.complement)).toEqual(['Voir aussi à Brest : Salut les bobines'])
  })

  it('Les vigilantes: keywords, contacts with dashes, partners as typed', () => {
    const f = byTitle('Les vigilantes')
    expect(f).toMatchObject({
      actorName: 'Les vigilnates',
      actorType: 'association',
      scale: 'intercommunalite',
      keywords: ['alimentation', 'bien-vivre', 'communs'],
      city: 'Dinan',
      contacts: ['contact@vigiliantes.fr', 'https://www.facebook.com/vigiliantes'],
      website: 'https://www.vigiliantes.fr/',
      tags: ['Dinan', 'terres agricoles', 'autonomie alimenatire', 'résllience alimentaire'],
      partners: '- Bruded\n- terres de lieT',
    })
    expect(listItemTexts(f.sections.description)).toHaveLength(4)
  })

  it("Livraison d'ordinateurs", () => {
    const f = byTitle("Livraison d'ordinateurs")
    expect(f).toMatchObject({
      actorName: 'Ville de Rennes, CD35, Education Nationale',
      actorType: 'commune',
      scale: 'commune',
      city: 'Rennes',
      partners: 'Education nationale, Département 35.',
      tags: ['Solidarite', 'numérique', 'ordinateurs', 'hotline', 'inclusion', 'education', 'social'],
    })
    expect(paragraphs(f.sections.positive)).toHaveLength(3)
    expect(listItemTexts(f.sections.limits)).toHaveLength(3)
    expect(listItemTexts(f.sections.levers)).toHaveLength(4)
    expect(listItemTexts(f.sections.adaptable)).toHaveLength(3)
  })

  it('Mad à Brest', () => {
    const f = byTitle('Mad à Brest')
    expect(f).toMatchObject({
      actorName: 'Madabrest, association loi 1901',
      actorType: 'association',
      scale: 'commune',
      keywords: ['alimentation', 'bien-vivre', 'solidarites', 'communs'],
      city: '6 rue Penn ar Créach, 29200 Brest',
      contacts: ['contact@madabrest.com'],
      website: 'https://www.madabrest.com',
      tags: ['maison', 'alimantation', 'Brest', 'durable', 'démocratique'],
    })
    expect(listItemTexts(f.sections.positive)).toHaveLength(5)
    expect(linkHrefs(f.sections.complement)).toEqual(['https://www.madabrest.com/'])
  })

  it('OPEN SANTE', () => {
    const f = byTitle('OPEN SANTE')
    expect(f).toMatchObject({
      actorName: 'Réseau Français des Fablabs',
      actorType: 'association',
      scale: 'national',
      city: 'Caen, Brest, Paris, Mulhouse, Grenoble, Toulouse',
      contacts: ['Contact : Hugues Aubin - VP Rfflabs hugues.aubin@fablab.fr'],
      website: 'http://makersnordsud.org/open-sante/',
    })
    expect(f.tags).toHaveLength(10)
    expect(paragraphs(f.sections.positive)).toHaveLength(4)
    expect(linkHrefs(f.sections.complement)).toHaveLength(1)
  })

  it('Proposer des temps de pratique artistique: no city, no actor name', () => {
    const f = byTitle('Proposer des temps')
    expect(f).toMatchObject({
      actorName: '',
      author: 'Sylvie Paulmier',
      actorType: 'association',
      scale: 'national',
      city: '',
      partners: 'Systèmes de paiement en ligne',
      tags: ['pratique artistique', 'quotidien', 'communautés inspirées'],
    })
    expect(paragraphs(f.sections.positive)).toHaveLength(7)
  })

  it('Référents par immeuble: no actor type', () => {
    const f = byTitle('Référents par immeuble')
    expect(f).toMatchObject({
      actorName: 'Collectif de référents',
      author: 'Régine Roué',
      actorType: null,
      scale: 'quartier',
      city: 'Brest',
      partners: 'Centre social Couleur Quartier, GPAS, ICEO',
    })
    expect(paragraphs(f.sections.adaptable)).toHaveLength(5)
    expect(listItemTexts(f.sections.stopBefore)).toHaveLength(1)
  })

  it('Susciter et accompagner les transitions', () => {
    const f = byTitle('Susciter et accompagner')
    expect(f).toMatchObject({
      author: 'Loïc Gourmelon',
      actorType: 'groupe-collectif',
      scale: 'national',
      city: 'Brest',
      contacts: [],
      tags: [],
    })
    expect(paragraphs(f.sections.description)).toHaveLength(3)
  })

  it('Tiers apprenants: tags split on semicolons', () => {
    const f = byTitle('Tiers apprenants')
    expect(f).toMatchObject({
      actorType: 'administration',
      scale: 'intercommunalite',
      city: 'MORLAIX',
      contacts: ['veronique.lemonon@paysdemorlaix.com'],
      tags: [
        'télétravail coworking equilibre vie privée pro',
        'nouveaux modèles',
        'concilier bien-être et pratiques du quotidien',
      ],
      partners: 'tiers lieux, association Les Tisserands? à creuser',
    })
    expect(paragraphs(f.sections.adaptable)).toHaveLength(6)
  })

  it('Tiers Lien: the last fiche, its complement on the last line', () => {
    const f = byTitle('Tiers Lien')
    expect(f).toMatchObject({
      author: 'Thierry MERLE',
      actorType: 'individu',
      scale: 'groupe-communaute',
      city: 'RENNES',
      contacts: ['Mail : majordome@tierslien.com'],
      website: 'http://tierslien.com',
      partners: "Open bar, c'est ouvert.",
    })
    expect(f.tags).toHaveLength(9)
    expect(linkHrefs(f.sections.complement)).toEqual(['http://www.bretagne-creative.net/article15434.html'])
  })
})

describe('parseInspirations: whole-seed properties', () => {
  it('counts actor types', () => {
    const count = (key: string) => fiches.filter((f) => f.actorType === key).length
    expect(count('association')).toBe(8)
    expect(count('groupe-collectif')).toBe(6)
    expect(count('commune')).toBe(2)
    expect(count('individu')).toBe(2)
    expect(count('administration')).toBe(1)
    expect(fiches.filter((f) => f.actorType === null)).toHaveLength(1)
  })

  it('maps every choice and keyword to a vocabulary key', () => {
    for (const f of fiches) {
      if (f.actorType !== null) expect(ACTOR_TYPES.map((t) => t.key)).toContain(f.actorType)
      if (f.scale !== null) expect(SCALES.map((t) => t.key)).toContain(f.scale)
      for (const k of f.keywords) expect(KEYWORDS.map((t) => t.key)).toContain(k)
    }
  })

  it('leaves no exact repeated tail in any section', () => {
    for (const f of fiches) {
      for (const key of SECTION_KEYS) {
        const lines = plainLines(f.sections[key])
        expect(dropRepeatedTail(lines), `${f.id} ${key}`).toEqual(lines)
      }
    }
  })

  it('leaves two consecutive identical blocks only where the rule does not apply', () => {
    const found: [string, SectionKey][] = []
    for (const f of fiches) {
      for (const key of SECTION_KEYS) {
        const blocks = f.sections[key].map((b) => JSON.stringify(b))
        if (blocks.some((b, i) => i > 0 && b === blocks[i - 1])) found.push([f.id, key])
      }
    }
    expect(found).toEqual([])
  })

  it('loses no line of the seed', () => {
    /** Every string the fiche's values hold, as seed lines would show them. */
    const values = (f: Fiche): Set<string> =>
      new Set([
        f.title,
        ...[f.actorName, f.author, f.scaleOther, f.city, f.website, f.partners].flatMap((v) => v.split('\n')),
        ...(f.actorType === null ? [] : [termLabel(ACTOR_TYPES, f.actorType)]),
        ...(f.scale === null ? [] : [termLabel(SCALES, f.scale)]),
        ...f.keywords.map((k) => `- ${termLabel(KEYWORDS, k)}`),
        ...f.contacts.flatMap((c) => [c, `- ${c}`]),
        ...SECTION_KEYS.flatMap((k) => plainLines(f.sections[k])),
      ])
    const isTagLine = (f: Fiche, line: string): boolean =>
      line
        .split(/[,;]/)
        .map((t) => t.trim())
        .every((t) => t === '' || f.tags.includes(t))
    let checked = 0
    let start = HEADER_LINES
    fiches.forEach((f, n) => {
      const next = n + 1 < fiches.length ? seedLines.indexOf(TITLES[n + 1]!, start + 2) : seedLines.length
      expect(seedLines[start]).toBe(f.title)
      expect(seedLines[start + 1]).toBe(f.title)
      const held = values(f)
      for (const line of seedLines.slice(start + 2, next)) {
        if (isLabel(line)) continue
        checked++
        expect(held.has(line) || isTagLine(f, line), `${f.id}: ${line}`).toBe(true)
      }
      start = next
    })
    expect(checked).toBeGreaterThan(600)
  })
})

describe('dropRepeatedTail', () => {
  /** Lines written "A|B|C" for a compact table. */
  const lines = (s: string): string[] => (s === '' ? [] : s.split('|'))

  it.each([
    ['A|B|C|B|C', 'A|B|C'],
    ['A|B|B', 'A|B'],
    ['A|B|A', 'A|B|A'],
    ['A', 'A'],
    ['', ''],
    ['A|A', 'A|A'],
    ['A|B|C|C|B', 'A|B|C|C|B'],
    ['A|B|C|B|D', 'A|B|C|B|D'],
    ['P|- a|- b|P', 'P|- a|- b|P'],
    // The scrape printed the tail's paragraphs first, without its list, then the whole tail.
    ['A|P|- a|- b|P', 'A|- a|- b|P'],
    ['A|B|B|- x|- y', 'A|B|- x|- y'],
    ['A|B|- x|C|B|C', 'A|B|- x|C|B|C'],
    // One repetition removed: the tail [X, X, X, X] is [X, X] twice.
    ['A|X|X|X|X', 'A|X|X'],
  ])('%s → %s', (input, expected) => {
    expect(dropRepeatedTail(lines(input))).toEqual(lines(expected))
  })
})

describe('seedAuthor: the author on the original site signs the seeded text', () => {
  const author = (name: string) => seedAuthor({ ...fiches[0]!, author: name })

  it('is a valid participant named as the fiche says', () => {
    const michel = author('Michel Briand')
    expect(participantSchema.parse(michel)).toEqual(michel)
    expect(michel).toMatchObject({ name: 'Michel Briand', device: 'Inspirations' })
  })

  it('gives one person one id whatever the spelling of case and accents', () => {
    expect(author('loic gourmelon')!.id).toBe(author('Loïc Gourmelon')!.id)
    expect(author('Yann Le faou')!.id).toBe(author('Yann Le Faou')!.id)
    expect(author('Yann Le Faou')!.id).not.toBe(author('Michel Briand')!.id)
  })

  it('is nobody for a fiche without an author', () => {
    expect(author('')).toBeNull()
    expect(author('   ')).toBeNull()
  })

  it('every seeded fiche has one', () => {
    expect(fiches.filter((f) => seedAuthor(f) === null).map((f) => f.id)).toEqual([])
  })
})
