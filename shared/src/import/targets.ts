/**
 * The field mapping step of Bazar imports: which Kenlabour field each source field (a Bazar field
 * id such as `bf_titre` or `checkboxListeMotClef`, or a CSV column label) goes to. The automatic
 * mapping matches the form's labels (French or English) first, then known Bazar ids; the person
 * can change it before importing.
 */
import {
  CHOICE_FIELD_KEYS,
  FIELD_LABELS,
  LIST_FIELD_KEYS,
  SECTION_KEYS,
  SECTION_LABELS,
  TEXT_FIELD_KEYS,
  TITLE_LABEL,
} from '../form.ts'

/** Where a source field can go; `ignore` drops it. */
export const IMPORT_TARGETS = [
  'id',
  'title',
  ...TEXT_FIELD_KEYS,
  ...CHOICE_FIELD_KEYS,
  ...LIST_FIELD_KEYS,
  ...SECTION_KEYS,
  'latitude',
  'longitude',
  'location',
  'createdAt',
  'updatedAt',
  'ignore',
] as const
export type ImportTarget = (typeof IMPORT_TARGETS)[number]

/** Source field → target. Fields not in the mapping are ignored. */
export type FieldMapping = Record<string, ImportTarget>

const normalise = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s*:\s*$/, '')
    .replace(/[^a-z0-9]+/g, '')

/** Known Bazar field ids and column names (normalised), per target. */
const ALIASES: Partial<Record<ImportTarget, readonly string[]>> = {
  id: ['idfiche', 'id'],
  title: ['titre', 'bftitre', 'title', 'name'],
  actorName: ['nomacteur', 'bfnomacteur', 'acteur', 'bfacteur', 'structure', 'bfstructure'],
  author: ['auteur', 'bfauteur', 'auteurfiche', 'author'],
  scaleOther: ['autreechelle', 'bfautreechelle', 'precisezautreechelle', 'bfprecisezautreechelle'],
  city: ['ville', 'bfville', 'town', 'city', 'addresslocality', 'bfcommune'],
  website: [
    'siteweb',
    'bfsiteweb',
    'bfsiteinternet',
    'siteinternet',
    'lienweb',
    'bflienweb',
    'website',
    'bflien',
  ],
  partners: ['partenaires', 'bfpartenaires', 'partners'],
  actorType: ['typeacteur', 'typeacteurs', 'typedacteur', 'typedacteurs', 'actortype'],
  scale: ['echelle', 'echelledaction', 'echelleaction', 'scale'],
  keywords: [
    'motclef',
    'motsclefs',
    'motcle',
    'motscles',
    'motclefs',
    'thematique',
    'thematiques',
    'keywords',
  ],
  contacts: ['contact', 'contacts', 'bfcontact', 'bfcontacts', 'commentcontacter'],
  tags: ['tags', 'bftags', 'motsclefslibres', 'bfmotsclefs', 'bfmotclef'],
  description: ['description', 'bfdescription', 'descriptif', 'bfdescriptif'],
  positive: ['positif', 'bfpositif', 'positive', 'bfapres'],
  stopBefore: ['avant', 'bfavant', 'cesser', 'bfcesser'],
  limits: ['limites', 'bflimites', 'freins', 'bffreins'],
  levers: ['leviers', 'bfleviers'],
  adaptable: ['adaptable', 'bfadaptable', 'autrescontextes', 'bfautrescontextes'],
  complement: ['complement', 'bfcomplement', 'encomplement'],
  latitude: ['bflatitude', 'latitude', 'lat'],
  longitude: ['bflongitude', 'longitude', 'lng', 'lon'],
  // Bazar's map field: an object in the JSON, `{"latitude":…,"longitude":…}` in the CSV export.
  location: ['geolocation', 'cartegoogle', 'geolocalisation', 'coordonnees'],
  createdAt: ['datecreationfiche', 'datetimecreate', 'createdat'],
  updatedAt: ['datemajfiche', 'datetimelatest', 'updatedat'],
}

const LABELS = new Map<string, ImportTarget>([
  ...[TITLE_LABEL.fr, TITLE_LABEL.en].map((l): [string, ImportTarget] => [normalise(l), 'title']),
  ...(Object.entries(FIELD_LABELS) as [ImportTarget, { fr: string; en: string }][]).flatMap(
    ([key, l]): [string, ImportTarget][] => [
      [normalise(l.fr), key],
      [normalise(l.en), key],
    ],
  ),
  ...SECTION_KEYS.flatMap((key): [string, ImportTarget][] => [
    [normalise(SECTION_LABELS[key].fr), key],
    [normalise(SECTION_LABELS[key].en), key],
  ]),
])

const BY_ALIAS = new Map<string, ImportTarget>(
  (Object.entries(ALIASES) as [ImportTarget, string[]][]).flatMap(([target, names]) =>
    names.map((n): [string, ImportTarget] => [n, target]),
  ),
)

/**
 * The list name inside a Bazar list field id: `checkboxListeMotClef` → `motclef`,
 * `radioListeTypeActeurbf_type` → `typeacteur` (Bazar appends the field's own name after the list's).
 */
export const bazarListName = (fieldId: string): string | null => {
  const match = /^(?:checkbox|liste|radio|enumlevel|tags)(?:liste)?(.+)$/i.exec(fieldId)
  if (!match || !/liste/i.test(fieldId.slice(0, 15))) return null
  return normalise(match[1]!.split(/bf_?/)[0]!)
}

/** The target a source field matches automatically, or `ignore`. */
export const autoTarget = (field: string, label?: string): ImportTarget => {
  for (const candidate of [label, field]) {
    if (!candidate) continue
    const byLabel = LABELS.get(normalise(candidate))
    if (byLabel) return byLabel
  }
  const byId = BY_ALIAS.get(normalise(field))
  if (byId) return byId
  const list = bazarListName(field)
  return (list && BY_ALIAS.get(list)) || 'ignore'
}

/** The automatic mapping of every source field; a target is given to its first matching field only. */
export const autoMapping = (
  fields: readonly string[],
  labels: Readonly<Record<string, string>> = {},
): FieldMapping => {
  const taken = new Set<ImportTarget>()
  const mapping: FieldMapping = {}
  for (const field of fields) {
    const target = autoTarget(field, Object.hasOwn(labels, field) ? labels[field] : undefined)
    if (target !== 'ignore' && taken.has(target)) {
      mapping[field] = 'ignore'
      continue
    }
    taken.add(target)
    mapping[field] = target
  }
  return mapping
}
