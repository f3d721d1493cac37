/**
 * A large generated catalog for the directory benchmark: `count` fiches' catalog entries (with their
 * full `searchText`, ~1.5 KB each, as `catalogEntryOf` computes it) in one index Y.Doc, encoded as
 * the single update y-indexeddb would hold. Deterministic (seeded), so runs compare.
 */
import { emptyFiche, type Fiche } from '@kenlabour/shared/fiche'
import { CHOICE_VOCABULARIES, KEYWORD_VOCABULARY, SECTION_KEYS } from '@kenlabour/shared/form'
import { paragraph, text } from '@kenlabour/shared/richtext'
import { catalogEntryOf, catalogMap } from '@kenlabour/shared/spaceIndex'
import * as Y from 'yjs'

const WORDS = `initiative locale quartier habitants jardin partagé potager école élèves cantine alimentation
circuit court producteurs marché coopérative épicerie solidaire entraide voisins association commune
mairie bibliothèque atelier réparation vélo mobilité covoiturage énergie solaire rénovation habitat
chantier participatif formation numérique inclusion santé soin aidants culture musique théâtre fête
rencontre débat démocratie conseil citoyen budget projet territoire Bretagne Finistère Morbihan
littoral mer pêche agriculture ferme bio semences grainothèque compost déchets recyclage ressourcerie
emploi insertion jeunes anciens famille enfants crèche accueil réfugiés logement tiers-lieu fablab
monnaie locale finance épargne coopération réseau partenaires collectivité département région
confinement crise résilience transition climat biodiversité forêt rivière eau zéro plastique vrac`
  .split(/\s+/)
  .filter(Boolean)
const CITIES = [
  'Brest',
  'Rennes',
  'Quimper',
  'Lorient',
  'Vannes',
  'Saint-Brieuc',
  'Morlaix',
  'Dinan',
  'Auray',
  'Lannion',
]

/** Mulberry32: small, fast, seeded. */
const random = (seed: number) => () => {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

export interface CatalogFixture {
  readonly update: Uint8Array
  readonly count: number
  /** How many fiches have actorType "association" (the facet clicked in the benchmark). */
  readonly associations: number
}

export const generateCatalog = (count: number, seed = 42): CatalogFixture => {
  const rand = random(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  // Rare invented words too, so the vocabulary is as large as real text's (thousands of terms).
  const word = () => (rand() < 0.15 ? `${pick(WORDS)}${Math.floor(rand() * 500)}` : pick(WORDS))
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ')
  const doc = new Y.Doc()
  const map = catalogMap(doc)
  let associations = 0
  const start = Date.UTC(2020, 0, 1)
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const base = emptyFiche(`Fiche-${i}`, `${sentence(4)} ${i}`, start + i * 60_000)
      const actorType = pick(CHOICE_VOCABULARIES.actorType).key
      if (actorType === 'association') associations++
      const fiche: Fiche = {
        ...base,
        actorType,
        scale: pick(CHOICE_VOCABULARIES.scale).key,
        keywords: [...new Set([pick(KEYWORD_VOCABULARY).key, pick(KEYWORD_VOCABULARY).key])],
        city: pick(CITIES),
        actorName: sentence(3),
        sections: Object.fromEntries(
          SECTION_KEYS.map((k) => [k, [paragraph([text(sentence(k === 'description' ? 60 : 25))])]]),
        ) as Fiche['sections'],
      }
      map.set(fiche.id, catalogEntryOf(fiche, start + i * 90_000))
    }
  })
  return { update: Y.encodeStateAsUpdate(doc), count, associations }
}
