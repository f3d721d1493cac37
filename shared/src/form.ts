/**
 * The fiche form: every field of the original "Inspirations" Bazar form with its exact French
 * label (the UI shows these labels verbatim) and an English translation for the UI language switch.
 * The order is the order of the original fiche page.
 */
import { ACTOR_TYPES, KEYWORDS, SCALES, type VocabularyTerm } from './vocabularies.ts'

export const SECTION_KEYS = [
  'description',
  'positive',
  'stopBefore',
  'limits',
  'levers',
  'adaptable',
  'complement',
] as const
export type SectionKey = (typeof SECTION_KEYS)[number]

export const TEXT_FIELD_KEYS = ['actorName', 'author', 'scaleOther', 'city', 'website', 'partners'] as const
export type TextFieldKey = (typeof TEXT_FIELD_KEYS)[number]

export const CHOICE_FIELD_KEYS = ['actorType', 'scale'] as const
export type ChoiceFieldKey = (typeof CHOICE_FIELD_KEYS)[number]

export const LIST_FIELD_KEYS = ['keywords', 'contacts', 'tags'] as const
export type ListFieldKey = (typeof LIST_FIELD_KEYS)[number]

export interface Label {
  readonly fr: string
  readonly en: string
}

export const TITLE_LABEL: Label = { fr: "Titre de l'initiative", en: 'Title of the initiative' }

export const SECTION_LABELS: Record<SectionKey, Label> = {
  description: { fr: 'Description de cette initiative', en: 'Description of this initiative' },
  positive: {
    fr: 'En quoi cette initiative vous parait positive pour "l\'après" ?',
    en: 'Why does this initiative seem positive for "the after"?',
  },
  stopBefore: {
    fr: 'En quoi contribue-t-elle à faire cesser un "avant" non désirable ?',
    en: 'How does it help end an undesirable "before"?',
  },
  limits: {
    fr: "Quelles sont les limites de cette initiative, qu'est ce qui la freine aujourd'hui ?",
    en: 'What are the limits of this initiative, what holds it back today?',
  },
  levers: {
    fr: "Quels sont les leviers, les choses qui facilitent cette initiative aujourd'hui ?",
    en: 'What are the levers, the things that help this initiative today?',
  },
  adaptable: {
    fr: "Vous semble-t-elle adaptée à d'autres contextes/acteurs/thématiques ? Lesquels (exemples)?",
    en: 'Could it suit other contexts/actors/themes? Which ones (examples)?',
  },
  complement: { fr: 'En complément', en: 'In addition' },
}

export const FIELD_LABELS: Record<TextFieldKey | ChoiceFieldKey | ListFieldKey, Label> = {
  actorName: { fr: "Nom de l'acteur", en: 'Name of the actor' },
  author: { fr: 'Auteur de la fiche', en: 'Author of the fiche' },
  actorType: {
    fr: "Type d'acteurs qui propose cette initiative",
    en: 'Type of actor proposing this initiative',
  },
  scale: { fr: "Echelle d'action", en: 'Scale of action' },
  scaleOther: { fr: 'Précisez autre échelle', en: 'Specify other scale' },
  keywords: { fr: 'Mot Clef', en: 'Keyword' },
  city: { fr: 'Ville', en: 'Town' },
  contacts: { fr: 'Comment contacter cette initiative?', en: 'How to contact this initiative?' },
  website: { fr: 'Lien Web si existant', en: 'Website, if any' },
  tags: { fr: 'Précisez des mots clef pour cette initiative', en: 'Free keywords for this initiative' },
  partners: { fr: 'Partenaires associés', en: 'Associated partners' },
}

export const CHOICE_VOCABULARIES: Record<ChoiceFieldKey, readonly VocabularyTerm[]> = {
  actorType: ACTOR_TYPES,
  scale: SCALES,
}

export const KEYWORD_VOCABULARY: readonly VocabularyTerm[] = KEYWORDS

/** Facet labels of the directory, as on the original site. */
export const FACET_LABELS = {
  keywords: { fr: 'Mots clefs', en: 'Keywords' },
  scale: { fr: "Echelle d'action", en: 'Scale of action' },
  actorType: { fr: "Type d'acteur", en: 'Type of actor' },
} as const satisfies Record<string, Label>
