/**
 * The history screens' strings, French first, English second. Kept beside the feature (not in the
 * shared dictionary) so that several people can add features without editing one file at once.
 */
import type { Lang } from '@kenlabour/shared/vocabularies'

const fr = {
  history: 'Historique',
  historyOf: (title: string) => `Historique de « ${title} »`,
  backToFiche: 'Retour à la fiche',
  timeline: 'Versions',
  noVersions:
    'Aucune version pour l’instant : une version est créée quand une série de modifications se termine.',
  versionName: 'Nom de la version',
  versionNamePlaceholder: 'après l’atelier du 12 juin',
  createNamed: 'Créer une version nommée',
  namedCreated: (name: string) => `Version « ${name} » créée.`,
  kinds: {
    origin: 'Version d’origine',
    auto: 'Automatique',
    named: 'Nommée',
    session: 'Fin de session',
    restore: 'Restauration',
    import: 'Import',
  },
  authors: 'Écrit par :',
  and: 'et',
  by: 'par',
  unknownAuthors: (n: number) => (n > 1 ? `${n} auteurs inconnus` : 'un auteur inconnu'),
  participants: 'Étaient là :',
  changed: 'Modifié :',
  chars: (added: number, removed: number) => `+${added} / −${removed} caractères`,
  nothingChanged: 'aucun changement de contenu',
  moreFields: (n: number) => (n > 1 ? `et ${n} autres champs` : 'et 1 autre champ'),
  originNote: 'La fiche telle qu’elle était avant sa première modification ici (importée ou créée).',
  conflict: (field: string, losers: string) =>
    `À vérifier : « ${field} » a été choisi en même temps par plusieurs personnes (${losers}).`,
  view: 'Voir',
  compareWithPrevious: 'Comparer avec la précédente',
  compareWithNow: 'Comparer avec maintenant',
  compareFrom: 'Comparer la version du',
  compareTo: 'avec',
  nowOption: 'la fiche maintenant',
  compare: 'Comparer',
  restoreVersion: 'Restaurer cette version',
  restoreField: (field: string) => `Restaurer « ${field} » de cette version`,
  restored: 'Restauré : la fiche a été mise à jour et une version « Restauration » ajoutée.',
  restoreNothing: 'Rien à restaurer : la fiche a déjà ce contenu.',
  restoreFailed: 'La restauration a échoué ; la fiche n’a pas été modifiée.',
  viewing: (when: string) => `Version du ${when}`,
  /** `to` null: up to now. */
  comparing: (from: string, to: string | null) =>
    to ? `Changements du ${from} au ${to}` : `Changements depuis le ${from}`,
  noDifference: 'Aucune différence.',
  missingField: 'Contenu non disponible sur cet appareil pour l’instant.',
  empty: '(vide)',
  close: 'Fermer',
  inserted: 'ajouté',
  deleted: 'supprimé',
  insertedBy: (name: string) => `ajouté par ${name}`,
  deletedBy: (name: string) => `supprimé par ${name}`,
  restoredFrom: (when: string) => `restaure la version du ${when}`,
  readOnly: 'Lecture seule : nommer ou restaurer une version demande le lien d’édition de cet espace.',
}

type HistoryMessages = typeof fr

const en: HistoryMessages = {
  history: 'History',
  historyOf: (title) => `History of “${title}”`,
  backToFiche: 'Back to the fiche',
  timeline: 'Versions',
  noVersions: 'No version yet: a version is made when a burst of edits ends.',
  versionName: 'Version name',
  versionNamePlaceholder: 'after the June 12 workshop',
  createNamed: 'Create a named version',
  namedCreated: (name) => `Version “${name}” created.`,
  kinds: {
    origin: 'Original version',
    auto: 'Automatic',
    named: 'Named',
    session: 'End of session',
    restore: 'Restore',
    import: 'Import',
  },
  authors: 'Written by:',
  and: 'and',
  by: 'by',
  unknownAuthors: (n) => (n > 1 ? `${n} unknown authors` : 'an unknown author'),
  participants: 'Present:',
  changed: 'Changed:',
  chars: (added, removed) => `+${added} / −${removed} characters`,
  nothingChanged: 'no content change',
  moreFields: (n) => (n > 1 ? `and ${n} more fields` : 'and 1 more field'),
  originNote: 'The fiche as it was before its first change here (imported or created).',
  conflict: (field, losers) =>
    `To check: “${field}” was picked at the same time by several people (${losers}).`,
  view: 'View',
  compareWithPrevious: 'Compare with previous',
  compareWithNow: 'Compare with now',
  compareFrom: 'Compare the version of',
  compareTo: 'with',
  nowOption: 'the fiche now',
  compare: 'Compare',
  restoreVersion: 'Restore this version',
  restoreField: (field) => `Restore “${field}” from this version`,
  restored: 'Restored: the fiche was updated and a “Restore” version added.',
  restoreNothing: 'Nothing to restore: the fiche already has this content.',
  restoreFailed: 'Restoring failed; the fiche was not changed.',
  viewing: (when) => `Version of ${when}`,
  comparing: (from, to) => (to ? `Changes from ${from} to ${to}` : `Changes since ${from}`),
  noDifference: 'No difference.',
  missingField: 'Content not available on this device yet.',
  empty: '(empty)',
  close: 'Close',
  inserted: 'added',
  deleted: 'removed',
  insertedBy: (name) => `added by ${name}`,
  deletedBy: (name) => `removed by ${name}`,
  restoredFrom: (when) => `restores the version of ${when}`,
  readOnly: 'Read only: naming or restoring a version needs this space’s editing link.',
}

export const historyMessages: Record<Lang, HistoryMessages> = { fr, en }

export const formatWhen = (at: number, lang: Lang): string =>
  new Date(at).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
  })
