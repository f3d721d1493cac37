/**
 * Controlled vocabularies of the fiche form, as the original YesWiki Bazar form offered them.
 *
 * Values are stored in documents by `key` (stable, like Bazar's list keys), never by label, so a
 * label can be corrected or translated without touching any document. Every value seen in the
 * seed is here; the lists are completed with the values the original form's scales and actor
 * types imply (e.g. "Département" between "Pays" and "Région").
 */

export interface VocabularyTerm {
  readonly key: string
  readonly fr: string
  readonly en: string
}

export const ACTOR_TYPES = [
  { key: 'association', fr: 'Association', en: 'Non-profit association' },
  { key: 'commune', fr: 'Commune', en: 'Municipality' },
  { key: 'intercommunalite', fr: 'Intercommunalité', en: 'Inter-municipal body' },
  { key: 'administration', fr: 'Administration ou Opérateurs', en: 'Administration or public operators' },
  { key: 'entreprise', fr: 'Entreprise', en: 'Business' },
  { key: 'groupe-collectif', fr: 'Groupe - Collectif', en: 'Group - Collective' },
  { key: 'individu', fr: 'Individu - Particulier', en: 'Individual' },
] as const satisfies readonly VocabularyTerm[]

export const SCALES = [
  { key: 'quartier', fr: 'Quartier', en: 'Neighbourhood' },
  { key: 'commune', fr: 'Commune', en: 'Municipality' },
  { key: 'intercommunalite', fr: 'Intercommunalité', en: 'Inter-municipal area' },
  { key: 'pays', fr: 'Pays', en: 'Pays (local territory)' },
  { key: 'departement', fr: 'Département', en: 'Département' },
  { key: 'region', fr: 'Région', en: 'Region' },
  { key: 'national', fr: 'National', en: 'National' },
  { key: 'international', fr: 'International', en: 'International' },
  { key: 'groupe-communaute', fr: 'Groupe - Communauté', en: 'Group - Community' },
  { key: 'autre', fr: 'Autre', en: 'Other' },
] as const satisfies readonly VocabularyTerm[]

/** The scale key that reveals the free "Précisez autre échelle" field. */
export const OTHER_SCALE = 'autre'

export const KEYWORDS = [
  { key: 'alimentation', fr: 'Alimentation, circuit court', en: 'Food, short supply chains' },
  { key: 'bien-vivre', fr: 'Bien vivre, culture', en: 'Well-being, culture' },
  { key: 'communs', fr: 'Communs, coopération ouverte', en: 'Commons, open cooperation' },
  { key: 'mobilite', fr: 'Mobilité douce, partagée', en: 'Soft and shared mobility' },
  { key: 'solidarites', fr: 'Solidarités, entraide', en: 'Solidarity, mutual aid' },
  { key: 'economie', fr: 'Économie locale, emploi', en: 'Local economy, jobs' },
  { key: 'education', fr: 'Éducation, formation', en: 'Education, training' },
  { key: 'environnement', fr: 'Environnement, biodiversité', en: 'Environment, biodiversity' },
  { key: 'energie', fr: 'Énergie, habitat', en: 'Energy, housing' },
  { key: 'numerique', fr: 'Numérique, inclusion', en: 'Digital, inclusion' },
  { key: 'sante', fr: 'Santé, soin', en: 'Health, care' },
  { key: 'democratie', fr: 'Démocratie, participation', en: 'Democracy, participation' },
] as const satisfies readonly VocabularyTerm[]

export type ActorTypeKey = (typeof ACTOR_TYPES)[number]['key']
export type ScaleKey = (typeof SCALES)[number]['key']
export type KeywordKey = (typeof KEYWORDS)[number]['key']

export type Lang = 'fr' | 'en'

const normalise = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()

/** Finds a term by its key or by its French or English label (case and accent insensitive). */
export const findTerm = (
  vocabulary: readonly VocabularyTerm[],
  keyOrLabel: string,
): VocabularyTerm | undefined => {
  const wanted = normalise(keyOrLabel)
  return vocabulary.find(
    (t) => t.key === keyOrLabel || normalise(t.fr) === wanted || normalise(t.en) === wanted,
  )
}

/** The label of a key in a language; unknown keys (from a newer form) are shown as they are. */
export const termLabel = (vocabulary: readonly VocabularyTerm[], key: string, lang: Lang = 'fr'): string =>
  vocabulary.find((t) => t.key === key)?.[lang] ?? key
