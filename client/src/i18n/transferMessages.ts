/**
 * Interface strings of import, export and the map (issue 10), French first and English, kept in
 * their own section so that the main dictionary stays small to edit, and out of the first page's
 * JavaScript (the export menu, the map and import pages load them).
 */
import type { ExportFormat } from '@kenlabour/shared/export/formatList'
import type { ImportAction } from '@kenlabour/shared/import/plan'
import type { Lang } from '@kenlabour/shared/vocabularies'
import { useI18n } from './context.ts'

const fr = {
  export: 'Exporter',
  exportFiche: 'Exporter cette fiche',
  print: 'Imprimer / PDF',
  licence: (licence: string) => `Licence des données : ${licence}`,
  printLicence: (licence: string, space: string) => `${space} — licence des données : ${licence} (Kenlabour)`,
  exportFormats: {
    json: 'JSON complet (ré-importable)',
    markdown: 'Markdown',
    csv: 'CSV (tableur)',
    geojson: 'GeoJSON (carte)',
    'gogocarto-json': 'GoGoCarto (JSON)',
    'gogocarto-csv': 'GoGoCarto (CSV)',
  } satisfies Record<ExportFormat, string>,
  licenceLabel: 'Licence des données de l’espace',
  mapTitle: (spaceTitle: string) => `Carte — ${spaceTitle}`,
  mapSummary: (shown: number, located: number) =>
    `${located} fiche${located > 1 ? 's' : ''} sur la carte, ${shown - located} sans localisation`,
  mapLabel: 'Carte des fiches',
  mapTiles: 'Fond de carte OpenStreetMap (en ligne)',
  mapPlain: 'Sans connexion : fond uni, les fiches restent placées.',
  mapLoading: 'Chargement de la carte…',
  mapFailed: 'La carte n’a pas pu être chargée.',
  list: 'Liste',
  importTitle: 'Importer des fiches',
  importIntro:
    'Depuis un export Kenlabour (JSON), YesWiki Bazar (JSON de l’API ou export CSV) ou le texte de la page « Inspirations ». Réimporter met à jour les fiches existantes, sans doublon.',
  importFile: 'Fichier à importer',
  importFormat: 'Format',
  importFormats: {
    auto: 'Détecter',
    'kenlabour-json': 'Export Kenlabour (JSON)',
    'bazar-json': 'Bazar (JSON de l’API)',
    'bazar-csv': 'Bazar (export CSV)',
    'inspirations-text': 'Texte de la page Inspirations',
  },
  importLists: 'Listes ou formulaire Bazar (JSON, facultatif)',
  importListsHint:
    'Le formulaire (/api/forms/<id>) ou les listes du site Bazar : les clés des listes deviennent des mots clefs, types et échelles, et les champs sont reconnus par leur libellé.',
  importListsRead: (names: readonly string[], labels: number) =>
    `Lu : ${names.length} liste${names.length > 1 ? 's' : ''}${names.length > 0 ? ` (${names.join(', ')})` : ''}${labels > 0 ? `, ${labels} libellé${labels > 1 ? 's' : ''} de champ` : ''}.`,
  importMapping: 'Correspondance des champs',
  importMappingHint: 'Chaque champ du fichier va vers un champ de la fiche ; « ignorer » le laisse de côté.',
  importSourceField: 'Champ du fichier',
  importTarget: (field: string) => `Champ de la fiche pour « ${field} »`,
  importIgnore: 'ignorer',
  importOtherTargets: {
    id: 'Identifiant (id_fiche)',
    latitude: 'Latitude',
    longitude: 'Longitude',
    location: 'Latitude et longitude (champ carte Bazar)',
    createdAt: 'Date de création',
    updatedAt: 'Date de modification',
  },
  importPreview: 'Aperçu (rien n’est écrit)',
  importRun: 'Importer',
  importRunning: 'Import…',
  importNeedsEditor:
    'Importer demande un lien de modification (éditeur ou administrateur) de cet espace. Ouvrez le lien que l’on vous a partagé.',
  importRefused: 'Import refusé, rien n’a été écrit :',
  importFailed: (message: string) => `L’import a échoué : ${message}. Rien n’a été écrit.`,
  importDone: (c: Record<ImportAction, number>, dry: boolean) =>
    `${dry ? 'Aperçu : ' : ''}${c.created} créée(s), ${c.updated} mise(s) à jour, ${c.unchanged} inchangée(s), ${c.skipped} ignorée(s)`,
  importActions: { created: 'créée', updated: 'mise à jour', unchanged: 'inchangée', skipped: 'ignorée' },
  importColumns: { where: 'Où', fiche: 'Fiche', action: 'Résultat', detail: 'Détail' },
  importChanges: (title: string) => `voir les changements de « ${title} »`,
  importChangesShort: 'voir les changements',
  location: 'Localisation',
  latitude: 'Latitude',
  longitude: 'Longitude',
  locationFromTown: (town: string) => `Centre de ${town}`,
  locationGeocode: 'Chercher la Ville (adresse.data.gouv.fr)',
  locationGeocodeOffline: 'Recherche d’adresse indisponible hors ligne.',
  locationGeocodeFailed: 'Adresse introuvable : saisissez les coordonnées.',
  locationClear: 'Retirer la localisation',
  locationSave: 'Enregistrer la localisation',
  locationInvalid: 'Latitude entre -90 et 90, longitude entre -180 et 180.',
  locationNone: 'Pas encore de localisation.',
  locationPick: 'Choisir sur la carte',
  locationPickClose: 'Fermer la carte',
  locationPickLabel: 'Carte : cliquez pour placer la fiche',
  locationPickHint:
    'Cliquez sur la carte pour placer la fiche (au clavier : les flèches déplacent la carte, Entrée place la fiche en son centre).',
  locationPickOffline: 'Sans connexion : fond uni, les coordonnées restent justes.',
}

type TransferMessages = typeof fr

const en: TransferMessages = {
  export: 'Export',
  exportFiche: 'Export this fiche',
  print: 'Print / PDF',
  licence: (licence) => `Data licence: ${licence}`,
  printLicence: (licence, space) => `${space} — data licence: ${licence} (Kenlabour)`,
  exportFormats: {
    json: 'Complete JSON (re-importable)',
    markdown: 'Markdown',
    csv: 'CSV (spreadsheet)',
    geojson: 'GeoJSON (map)',
    'gogocarto-json': 'GoGoCarto (JSON)',
    'gogocarto-csv': 'GoGoCarto (CSV)',
  },
  licenceLabel: 'Data licence of the space',
  mapTitle: (spaceTitle) => `Map — ${spaceTitle}`,
  mapSummary: (shown, located) =>
    `${located} fiche${located > 1 ? 's' : ''} on the map, ${shown - located} without a location`,
  mapLabel: 'Map of the fiches',
  mapTiles: 'OpenStreetMap background (online)',
  mapPlain: 'Offline: plain background, the fiches stay in place.',
  mapLoading: 'Loading the map…',
  mapFailed: 'The map could not be loaded.',
  list: 'List',
  importTitle: 'Import fiches',
  importIntro:
    'From a Kenlabour export (JSON), YesWiki Bazar (API JSON or CSV export) or the text of the "Inspirations" page. Importing again updates existing fiches, without duplicates.',
  importFile: 'File to import',
  importFormat: 'Format',
  importFormats: {
    auto: 'Detect',
    'kenlabour-json': 'Kenlabour export (JSON)',
    'bazar-json': 'Bazar (API JSON)',
    'bazar-csv': 'Bazar (CSV export)',
    'inspirations-text': 'Text of the Inspirations page',
  },
  importLists: 'Bazar lists or form (JSON, optional)',
  importListsHint:
    "The Bazar site's form (/api/forms/<id>) or lists: list keys become keywords, types and scales, and fields are matched by their labels.",
  importListsRead: (names, labels) =>
    `Read: ${names.length} list${names.length > 1 ? 's' : ''}${names.length > 0 ? ` (${names.join(', ')})` : ''}${labels > 0 ? `, ${labels} field label${labels > 1 ? 's' : ''}` : ''}.`,
  importMapping: 'Field mapping',
  importMappingHint: 'Each field of the file goes to a field of the fiche; "ignore" leaves it out.',
  importSourceField: 'Field of the file',
  importTarget: (field) => `Fiche field for "${field}"`,
  importIgnore: 'ignore',
  importOtherTargets: {
    id: 'Identifier (id_fiche)',
    latitude: 'Latitude',
    longitude: 'Longitude',
    location: 'Latitude and longitude (Bazar map field)',
    createdAt: 'Creation date',
    updatedAt: 'Modification date',
  },
  importPreview: 'Preview (nothing is written)',
  importRun: 'Import',
  importRunning: 'Importing…',
  importNeedsEditor:
    'Importing needs an edit link (editor or admin) of this space. Open the link you were given.',
  importRefused: 'Import refused, nothing was written:',
  importFailed: (message) => `The import failed: ${message}. Nothing was written.`,
  importDone: (c, dry) =>
    `${dry ? 'Preview: ' : ''}${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped`,
  importActions: { created: 'created', updated: 'updated', unchanged: 'unchanged', skipped: 'skipped' },
  importColumns: { where: 'Where', fiche: 'Fiche', action: 'Result', detail: 'Detail' },
  importChanges: (title) => `see the changes to “${title}”`,
  importChangesShort: 'see the changes',
  location: 'Location',
  latitude: 'Latitude',
  longitude: 'Longitude',
  locationFromTown: (town) => `Centre of ${town}`,
  locationGeocode: 'Look up the town (adresse.data.gouv.fr)',
  locationGeocodeOffline: 'Address lookup is unavailable offline.',
  locationGeocodeFailed: 'Address not found: type the coordinates.',
  locationClear: 'Remove the location',
  locationSave: 'Save the location',
  locationInvalid: 'Latitude between -90 and 90, longitude between -180 and 180.',
  locationNone: 'No location yet.',
  locationPick: 'Pick on the map',
  locationPickClose: 'Close the map',
  locationPickLabel: 'Map: click to place the fiche',
  locationPickHint:
    'Click on the map to place the fiche (with the keyboard: the arrows move the map, Enter places the fiche at its centre).',
  locationPickOffline: 'Offline: plain background, the coordinates stay exact.',
}

const MESSAGES: Record<Lang, TransferMessages> = { fr, en }

export const useTransferMessages = (): TransferMessages => MESSAGES[useI18n().lang]
