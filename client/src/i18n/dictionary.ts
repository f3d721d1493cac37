/**
 * Every string of the interface, in French (the default and the reference) and English. Fiche
 * content is never translated; form labels and vocabulary terms come from `@kenlabour/shared/form`
 * and `@kenlabour/shared/vocabularies`, which carry both languages.
 */
import { DEMO_SPACE } from '@kenlabour/shared/names'
import type { Lang } from '@kenlabour/shared/vocabularies'

const fr = {
  appName: 'Kenlabour',
  tagline: 'Des initiatives locales inspirantes, écrites ensemble',
  skipToContent: 'Aller au contenu',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  loading: 'Chargement…',
  demoSpaceIntro:
    'Pour « penser le futur à partir de ce qui panse le présent » en Bretagne : les ressources récoltées. N’hésitez pas à apporter votre contribution !',
  /** The demo space by its name, any other by its id. */
  spaceTitle: (space: string) => (space === DEMO_SPACE ? 'Inspirations' : `Espace « ${space} »`),
  fichesFound: (n: number) => (n > 1 ? `${n} fiches trouvées` : `${n} fiche trouvée`),
  emptyCatalogOffline:
    'Aucune fiche n’est encore enregistrée sur cet appareil, et le relais est injoignable.',
  emptyCatalog: 'Aucune fiche pour l’instant. Créez la première !',
  noMatch: 'Aucune fiche ne correspond à ces filtres.',
  filters: 'Filtres',
  search: 'Rechercher',
  searchPlaceholder: 'Titre, ville, mot, élève…',
  sortBy: 'Trier par',
  sorts: { title: 'titre', updated: 'dernière modification', created: 'date de création' },
  clearFilters: 'Réinitialiser les filtres',
  facetCount: (n: number) => `(${n})`,
  newFiche: 'Nouvelle fiche',
  newFicheTitle: 'Titre de la nouvelle fiche',
  create: 'Créer la fiche',
  creating: 'Création…',
  cancel: 'Annuler',
  edit: 'Modifier',
  done: 'Terminer',
  backToDirectory: 'Toutes les fiches',
  ficheNotFound: 'Fiche introuvable',
  ficheNotFoundText: 'Cette fiche n’existe pas dans cet espace, ou a été supprimée.',
  ficheNotAvailableOffline:
    'Cette fiche n’est pas encore enregistrée sur cet appareil. Elle s’affichera dès que le relais répondra.',
  ficheTrashed: 'Cette fiche est dans la corbeille.',
  pageNotFound: 'Page introuvable',
  pageNotFoundText: 'Cette adresse ne correspond à aucune page.',
  yourName: 'Votre nom',
  yourNameHint: 'Visible par les autres personnes qui modifient cette fiche.',
  noChoice: 'Non renseigné',
  add: 'Ajouter',
  addTo: (label: string) => `Ajouter à « ${label} »`,
  newValue: (label: string) => `Nouvelle valeur pour « ${label} »`,
  remove: (value: string) => `Retirer « ${value} »`,
  emptyList: 'Aucune valeur.',
  editing: 'Modification de la fiche',
  savedLocally: 'Chaque modification est enregistrée sur cet appareil et envoyée au relais dès que possible.',
  otherKeyword: (key: string) => `${key} (hors liste)`,
  status: {
    connecting: 'Connexion…',
    syncing: 'Synchronisation…',
    connected: 'Connecté',
    offline: 'Hors ligne',
    closed: 'Déconnecté',
    retry: 'Réessayer',
    pending: 'modifications gardées sur cet appareil, envoi au retour de la connexion',
    offlineHint:
      'Vos modifications sont gardées sur cet appareil et seront envoyées au retour de la connexion.',
  },
  closeReasons: {
    InvalidDocumentName: 'adresse de document invalide',
    Unauthorized: 'accès non autorisé',
    Forbidden: 'accès refusé',
    MalformedMessage: 'message refusé par le relais',
    TooLarge: 'document trop volumineux',
    RateLimited: 'trop de requêtes, nouvel essai bientôt',
    Restarting: 'le relais redémarre',
  },
  access: {
    readOnly: 'Lecture seule : demandez le lien d’édition',
    readOnlyHint:
      'Vous consultez cet espace sans lien d’édition : vos modifications ne seraient pas enregistrées sur le serveur.',
    viewFiche: 'Voir la fiche',
    savedOnServer: 'Enregistré sur le serveur',
    savedOnDevice: (n: number) =>
      n > 1
        ? `${n} modifications enregistrées sur cet appareil, en attente du serveur`
        : '1 modification enregistrée sur cet appareil, en attente du serveur',
    refused:
      'Modification refusée par le relais (lecture seule) : elle n’est pas enregistrée sur le serveur.',
  },
  /** The edit page's connection details (the workshop's other strings: workshopMessages.ts). */
  workshop: {
    reconnecting: 'Reconnexion…',
    retryNow: 'Réessayer maintenant',
    waiting: (n: number) =>
      n > 1 ? `${n} modifications en attente d’envoi` : '1 modification en attente d’envoi',
    waitingUnknown: 'modifications en attente d’envoi',
  },
  /** The directory (catalog, search, views, trash) and the fiche page's read view. */
  directory: {
    searchHint: 'Dans le titre, chaque rubrique et chaque champ ; accents et majuscules indifférents.',
    indexing: 'Préparation de la recherche…',
    layout: 'Affichage',
    cards: 'Cartes',
    list: 'Liste',
    showMore: (shown: number, total: number) => `Afficher plus (${shown} sur ${total})`,
    trash: 'Corbeille',
    trashTitle: 'Corbeille',
    trashIntro:
      'Les fiches mises à la corbeille restent enregistrées et peuvent être restaurées à tout moment.',
    trashEmpty: 'La corbeille est vide.',
    trashedOn: (date: string) => `Mise à la corbeille le ${date}`,
    backToCatalog: 'Retour aux fiches',
    moveToTrash: 'Mettre à la corbeille',
    restore: 'Restaurer',
    restoring: 'Restauration…',
    movedToTrash: 'Fiche mise à la corbeille. Elle reste restaurable depuis la corbeille.',
    restored: 'Fiche restaurée.',
    trashFailed:
      'La fiche n’est pas encore enregistrée sur cet appareil : ouvrez-la une fois en ligne, puis réessayez.',
    lastModified: (date: string) => `Dernière modification : ${date}`,
    contributors: 'Contributeurs et contributrices :',
    noContributors: 'Aucune modification enregistrée depuis l’import.',
    keywordLink: (label: string) => `Voir les fiches « ${label} »`,
    matchIn: 'Trouvé dans la fiche :',
    updatedColumn: 'Modifiée',
  },
  /** Offline: update of the app, storage, sync state per fiche and per space (issue 5). */
  offline: {
    updateAvailable: 'Nouvelle version disponible',
    reload: 'Recharger',
    reloadLabel: 'Recharger la page pour utiliser la nouvelle version',
    storageFull: (detail: string) =>
      `Espace de stockage plein sur cet appareil : les dernières modifications n’ont pas pu y être enregistrées (${detail}). Libérez de l’espace ; en ligne, elles sont tout de même envoyées au relais.`,
    dismiss: 'Fermer',
    savedHere: 'Enregistré sur cet appareil',
    waiting: (n: number) => (n > 1 ? `${n} modifications en attente` : '1 modification en attente'),
    synced: 'Synchronisé avec le serveur',
    spaceWaiting: (n: number) =>
      n > 1 ? `${n} fiches ont des modifications en attente` : '1 fiche a des modifications en attente',
    spaceSyncing: 'Mise à jour des fiches de l’espace sur cet appareil…',
    spaceSynced: (time: string) => `Toutes les fiches de l’espace sont sur cet appareil (à jour à ${time})`,
    spaceOffline:
      'Hors ligne : les fiches déjà enregistrées sur cet appareil restent lisibles et modifiables.',
    changedElsewhere: 'Modifiée ailleurs',
    changedElsewhereHint: 'Modifiée par quelqu’un d’autre depuis votre dernière ouverture',
  },
}

export type Messages = typeof fr

const en: Messages = {
  appName: 'Kenlabour',
  tagline: 'Inspiring local initiatives, written together',
  skipToContent: 'Skip to content',
  switchLanguage: 'Français',
  switchLanguageLabel: 'Passer en français',
  loading: 'Loading…',
  demoSpaceIntro:
    'To “think the future from what heals the present” in Brittany: the resources gathered so far. Feel free to contribute!',
  spaceTitle: (space: string) => (space === DEMO_SPACE ? 'Inspirations' : `Space “${space}”`),
  fichesFound: (n: number) => (n === 1 ? '1 fiche found' : `${n} fiches found`),
  emptyCatalogOffline: 'No fiche is stored on this device yet, and the relay cannot be reached.',
  emptyCatalog: 'No fiche yet. Create the first one!',
  noMatch: 'No fiche matches these filters.',
  filters: 'Filters',
  search: 'Search',
  searchPlaceholder: 'Title, town, word…',
  sortBy: 'Sort by',
  sorts: { title: 'title', updated: 'last change', created: 'creation date' },
  clearFilters: 'Reset filters',
  facetCount: (n: number) => `(${n})`,
  newFiche: 'New fiche',
  newFicheTitle: 'Title of the new fiche',
  create: 'Create the fiche',
  creating: 'Creating…',
  cancel: 'Cancel',
  edit: 'Edit',
  done: 'Done',
  backToDirectory: 'All fiches',
  ficheNotFound: 'Fiche not found',
  ficheNotFoundText: 'This fiche does not exist in this space, or was deleted.',
  ficheNotAvailableOffline:
    'This fiche is not stored on this device yet. It will show as soon as the relay answers.',
  ficheTrashed: 'This fiche is in the trash.',
  pageNotFound: 'Page not found',
  pageNotFoundText: 'This address matches no page.',
  yourName: 'Your name',
  yourNameHint: 'Shown to the other people editing this fiche.',
  noChoice: 'Not specified',
  add: 'Add',
  addTo: (label: string) => `Add to “${label}”`,
  newValue: (label: string) => `New value for “${label}”`,
  remove: (value: string) => `Remove “${value}”`,
  emptyList: 'No value.',
  editing: 'Editing the fiche',
  savedLocally: 'Every change is saved on this device and sent to the relay as soon as possible.',
  otherKeyword: (key: string) => `${key} (not in the list)`,
  status: {
    connecting: 'Connecting…',
    syncing: 'Syncing…',
    connected: 'Connected',
    offline: 'Offline',
    closed: 'Disconnected',
    retry: 'Retry',
    pending: 'changes kept on this device, sent when the connection is back',
    offlineHint: 'Your changes are kept on this device and will be sent when the connection is back.',
  },
  closeReasons: {
    InvalidDocumentName: 'invalid document address',
    Unauthorized: 'not authorised',
    Forbidden: 'access denied',
    MalformedMessage: 'message refused by the relay',
    TooLarge: 'document too large',
    RateLimited: 'too many requests, retrying soon',
    Restarting: 'the relay is restarting',
  },
  access: {
    readOnly: 'Read only: ask for the editing link',
    readOnlyHint:
      'You are viewing this space without an editing link: your changes would not be saved on the server.',
    viewFiche: 'View the fiche',
    savedOnServer: 'Saved on the server',
    savedOnDevice: (n: number) =>
      n > 1
        ? `${n} changes saved on this device, waiting for the server`
        : '1 change saved on this device, waiting for the server',
    refused: 'Change refused by the relay (read only): it is not saved on the server.',
  },
  workshop: {
    reconnecting: 'Reconnecting…',
    retryNow: 'Retry now',
    waiting: (n: number) => (n > 1 ? `${n} changes waiting to be sent` : '1 change waiting to be sent'),
    waitingUnknown: 'changes waiting to be sent',
  },
  directory: {
    searchHint: 'In the title, every section and every field; accents and case ignored.',
    indexing: 'Preparing the search…',
    layout: 'Display',
    cards: 'Cards',
    list: 'List',
    showMore: (shown: number, total: number) => `Show more (${shown} of ${total})`,
    trash: 'Trash',
    trashTitle: 'Trash',
    trashIntro: 'Fiches moved to the trash stay stored and can be restored at any time.',
    trashEmpty: 'The trash is empty.',
    trashedOn: (date: string) => `Moved to the trash on ${date}`,
    backToCatalog: 'Back to the fiches',
    moveToTrash: 'Move to trash',
    restore: 'Restore',
    restoring: 'Restoring…',
    movedToTrash: 'Fiche moved to the trash. It can be restored from the trash.',
    restored: 'Fiche restored.',
    trashFailed: 'This fiche is not stored on this device yet: open it once online, then try again.',
    lastModified: (date: string) => `Last modified: ${date}`,
    contributors: 'Contributors:',
    noContributors: 'No change recorded since the import.',
    keywordLink: (label: string) => `See the fiches “${label}”`,
    matchIn: 'Found in the fiche:',
    updatedColumn: 'Modified',
  },
  offline: {
    updateAvailable: 'New version available',
    reload: 'Reload',
    reloadLabel: 'Reload the page to use the new version',
    storageFull: (detail: string) =>
      `Storage full on this device: the latest changes could not be saved here (${detail}). Free some space; while online they still reach the relay.`,
    dismiss: 'Close',
    savedHere: 'Saved on this device',
    waiting: (n: number) => (n > 1 ? `${n} changes waiting` : '1 change waiting'),
    synced: 'Synced with the server',
    spaceWaiting: (n: number) => (n > 1 ? `${n} fiches have changes waiting` : '1 fiche has changes waiting'),
    spaceSyncing: 'Bringing the space’s fiches up to date on this device…',
    spaceSynced: (time: string) => `Every fiche of the space is on this device (up to date at ${time})`,
    spaceOffline: 'Offline: the fiches stored on this device can still be read and edited.',
    changedElsewhere: 'Changed elsewhere',
    changedElsewhereHint: 'Changed by someone else since you last opened it',
  },
}

export const DICTIONARIES: Record<Lang, Messages> = { fr, en }

export const LANGS: readonly Lang[] = ['fr', 'en']
