/**
 * The strings of the workshop (presence, undo, formatting, sharing), French and English. They live
 * apart from `dictionary.ts` because only the lazy edit page uses them: the first page's JavaScript
 * stays under its budget.
 */
import type { Lang } from '@kenlabour/shared/vocabularies'
import { useI18n } from './context.ts'

const fr = {
  undo: 'Annuler',
  redo: 'Rétablir',
  undoTitle: 'Annuler votre dernière modification de ce champ (Ctrl+Z)',
  redoTitle: 'Rétablir (Ctrl+Maj+Z)',
  formatting: (label: string) => `Mise en forme : ${label}`,
  bold: 'Gras',
  italic: 'Italique',
  heading: 'Intertitre',
  bulletList: 'Liste à puces',
  orderedList: 'Liste numérotée',
  blockquote: 'Citation',
  link: 'Lien',
  unlink: 'Retirer le lien',
  linkPrompt: 'Adresse du lien (http, https ou mailto) :',
  linkRefused: 'Adresse refusée : seuls les liens http, https et mailto sont acceptés.',
  participants: (n: number) => (n > 1 ? `${n} personnes ici` : 'Vous êtes seul·e ici'),
  you: 'vous',
  follow: (name: string) => `Suivre ${name}`,
  stopFollowing: 'Arrêter de suivre',
  following: (name: string) => `Vous suivez ${name}`,
  inField: (names: string) => `Ici : ${names}`,
  concurrentValue: (value: string, by: string) => `Valeur concurrente : ${value} (par ${by})`,
  pickName:
    'Choisissez votre nom : les autres le verront près de votre curseur et dans la liste des présents.',
  colour: 'Votre couleur',
  colourOption: (n: number) => `Couleur ${n}`,
  share: 'Partager',
  shareTitle: 'Partager cette fiche',
  editLink: 'Lien d’édition',
  readLink: 'Lien de lecture',
  editLinkHint:
    'Toute personne ayant ce lien peut modifier cette fiche, et les autres fiches de l’espace, sans compte.',
  readLinkHint:
    'Toute personne ayant ce lien peut lire cette fiche, et les autres fiches de l’espace, sans pouvoir les modifier.',
  shareSpace: 'Partager l’espace',
  shareSpaceTitle: 'Partager cet espace',
  editSpaceLinkHint:
    'Toute personne ayant ce lien peut modifier toutes les fiches de cet espace, sans compte.',
  readSpaceLinkHint:
    'Toute personne ayant ce lien peut lire les fiches de cet espace, sans pouvoir les modifier.',
  copy: (what: string) => `Copier le ${what.toLowerCase()}`,
  copied: 'Lien copié',
  creatingLink: 'Création du lien…',
  copyFailed: 'Copie impossible : sélectionnez le lien et copiez-le à la main.',
  shareFailed: (reason: string) => `Le lien n’a pas pu être créé (${reason}). Réessayez.`,
  shareUnavailable: 'Les liens de partage ne sont pas encore disponibles sur ce relais.',
  close: 'Fermer',
}

export type WorkshopMessages = typeof fr

const en: WorkshopMessages = {
  undo: 'Undo',
  redo: 'Redo',
  undoTitle: 'Undo your last change in this field (Ctrl+Z)',
  redoTitle: 'Redo (Ctrl+Shift+Z)',
  formatting: (label: string) => `Formatting: ${label}`,
  bold: 'Bold',
  italic: 'Italic',
  heading: 'Subheading',
  bulletList: 'Bulleted list',
  orderedList: 'Numbered list',
  blockquote: 'Quote',
  link: 'Link',
  unlink: 'Remove link',
  linkPrompt: 'Link address (http, https or mailto):',
  linkRefused: 'Address refused: only http, https and mailto links are accepted.',
  participants: (n: number) => (n > 1 ? `${n} people here` : 'You are alone here'),
  you: 'you',
  follow: (name: string) => `Follow ${name}`,
  stopFollowing: 'Stop following',
  following: (name: string) => `Following ${name}`,
  inField: (names: string) => `Here: ${names}`,
  concurrentValue: (value: string, by: string) => `Concurrent value: ${value} (by ${by})`,
  pickName: 'Pick your name: others will see it next to your caret and in the list of who is here.',
  colour: 'Your colour',
  colourOption: (n: number) => `Colour ${n}`,
  share: 'Share',
  shareTitle: 'Share this fiche',
  editLink: 'Editing link',
  readLink: 'Reading link',
  editLinkHint:
    'Anyone with this link can edit this fiche, and the other fiches of the space, without an account.',
  readLinkHint:
    'Anyone with this link can read this fiche, and the other fiches of the space, without editing them.',
  shareSpace: 'Share the space',
  shareSpaceTitle: 'Share this space',
  editSpaceLinkHint: 'Anyone with this link can edit every fiche of this space, without an account.',
  readSpaceLinkHint: 'Anyone with this link can read the fiches of this space, without editing them.',
  copy: (what: string) => `Copy the ${what.toLowerCase()}`,
  copied: 'Link copied',
  creatingLink: 'Creating the link…',
  copyFailed: 'Could not copy: select the link and copy it by hand.',
  shareFailed: (reason: string) => `The link could not be created (${reason}). Try again.`,
  shareUnavailable: 'Share links are not available on this relay yet.',
  close: 'Close',
}

const WORKSHOP: Record<Lang, WorkshopMessages> = { fr, en }

/** The workshop's strings in the current language. */
export const useWorkshopText = (): WorkshopMessages => WORKSHOP[useI18n().lang]
