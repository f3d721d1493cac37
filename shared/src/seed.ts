/**
 * Parser of the seed: the scraped text of the original "Inspirations" Bazar page
 * (`shared/seed/inspirations.txt`). Pure: it receives the text and returns validated fiches, so
 * the relay, the tests and any import script share it without Node or DOM APIs.
 *
 * The scrape has two artefacts this parser undoes:
 * - each fiche's title is printed twice;
 * - in a multi-line value, the lines after the first are printed twice ([A, B, C, B, C]).
 * Everything else is kept as it is: no paragraph, list item or link may be lost.
 */
import { type Fiche, ficheSchema, idFromTitle } from './fiche.ts'
import { FIELD_LABELS, SECTION_KEYS, SECTION_LABELS, type SectionKey } from './form.ts'
import { linkify } from './links.ts'
import { bulletList, paragraph, type RichBlocks, type RichNode, text } from './richtext.ts'
import { ACTOR_TYPES, findTerm, KEYWORDS, SCALES, type VocabularyTerm } from './vocabularies.ts'

type FieldKey = keyof typeof FIELD_LABELS
type LabelKey = SectionKey | FieldKey

/** A labelled block of a fiche: the label's key and its value lines. */
interface Block {
  readonly key: LabelKey
  readonly lines: string[]
}

/** A fiche as cut out of the page, before its values are interpreted. */
interface RawFiche {
  readonly title: string
  readonly blocks: ReadonlyMap<LabelKey, string[]>
}

/** The seed's fiches are dated in page order, one minute apart, so that the seed is reproducible. */
const SEED_EPOCH = Date.UTC(2020, 5, 1)
const SEED_STEP = 60_000

const FIELD_KEYS = Object.keys(FIELD_LABELS) as FieldKey[]

/**
 * Labels in the order the fiche page prints them: the sections, the fields, then "En complément".
 * A fiche boundary is recognised by this order starting over (see `isFicheStart`).
 */
const LABEL_ORDER: readonly LabelKey[] = [
  ...SECTION_KEYS.filter((k) => k !== 'complement'),
  ...FIELD_KEYS,
  'complement',
]

/** Label lines are compared without a trailing colon: the page writes "En complément :". */
const labelForm = (line: string): string => line.trim().replace(/\s*:$/, '')

const LABELS: ReadonlyMap<string, LabelKey> = new Map<string, LabelKey>([
  ...SECTION_KEYS.map((k): [string, LabelKey] => [labelForm(SECTION_LABELS[k].fr), k]),
  ...FIELD_KEYS.map((k): [string, LabelKey] => [labelForm(FIELD_LABELS[k].fr), k]),
])

const labelKey = (line: string | undefined): LabelKey | undefined =>
  line === undefined ? undefined : LABELS.get(labelForm(line))

const labelRank = (key: LabelKey): number => LABEL_ORDER.indexOf(key)

/** Lines without line-end noise; blank lines carry nothing in the scrape. */
const splitLines = (input: string): string[] =>
  input
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')

/**
 * True when line `i` is a fiche's title: printed twice, then a label whose rank does not follow
 * the last label seen. The order check matters because value lines are duplicated too, and a
 * duplicated value can also precede a label (e.g. the "Usine invisible" levers, then "Vous
 * semble-t-elle adaptée…").
 */
const isFicheStart = (lines: readonly string[], i: number, lastRank: number | null): boolean => {
  const line = lines[i]
  if (line === undefined || line !== lines[i + 1] || labelKey(line)) return false
  const next = labelKey(lines[i + 2])
  if (next === undefined) return false
  return lastRank === null || labelRank(next) <= lastRank
}

/** Indexes of the fiches' first title lines; what comes before the first one is page chrome. */
const ficheStarts = (lines: readonly string[]): number[] => {
  const starts: number[] = []
  // null until the first fiche: the page header holds a label ("Echelle d'action") as facet name.
  let lastRank: number | null = null
  for (let i = 0; i < lines.length; i++) {
    if (isFicheStart(lines, i, lastRank)) {
      starts.push(i)
      lastRank = -1
      i++ // the title's second copy
      continue
    }
    const key = labelKey(lines[i])
    if (key !== undefined && lastRank !== null) lastRank = labelRank(key)
  }
  return starts
}

/**
 * Groups a fiche's body into labelled blocks. Lines before any label (none in the seed) go to the
 * description so that nothing is dropped; a label seen twice has its lines appended.
 */
const groupBlocks = (body: readonly string[]): Map<LabelKey, string[]> => {
  const blocks = new Map<LabelKey, string[]>()
  let current: Block = { key: 'description', lines: [] }
  blocks.set(current.key, current.lines)
  for (const line of body) {
    const key = labelKey(line)
    if (key === undefined) {
      current.lines.push(line)
      continue
    }
    current = { key, lines: blocks.get(key) ?? [] }
    blocks.set(key, current.lines)
  }
  return blocks
}

/** Cuts the page into raw fiches: title (its first copy) and labelled blocks. */
const splitFiches = (lines: readonly string[]): RawFiche[] => {
  const starts = ficheStarts(lines)
  return starts.map((start, n) => ({
    title: (lines[start] ?? '').trim(),
    blocks: groupBlocks(lines.slice(start + 2, starts[n + 1] ?? lines.length)),
  }))
}

const LIST_ITEM = /^- /

/**
 * Undoes the scrape's repetition of a value's tail. The scraper printed a section's first line, then
 * its other paragraphs (without their lists), then the whole rest again: lines after the first are
 * H followed by T where H is T itself (dashes typed as text) or T without its "- " list lines (real
 * lists, printed once). So [A, B, C, B, C] → [A, B, C] and [A, P, - x, - y, P] → [A, - x, - y, P].
 * Anything else, such as a line legitimately repeated ([A, B, A]), is kept as it is.
 */
export const dropRepeatedTail = (lines: readonly string[]): string[] => {
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((l, i) => l === b[i])
  for (let k = 1; 1 + k < lines.length; k++) {
    const head = lines.slice(1, 1 + k)
    const tail = lines.slice(1 + k)
    if (
      same(head, tail) ||
      same(
        head,
        tail.filter((l) => !LIST_ITEM.test(l)),
      )
    )
      return [lines[0]!, ...tail]
  }
  return [...lines]
}

const stripDash = (line: string): string => line.replace(LIST_ITEM, '').trim()

/** Inline content of a line: URLs and e-mail addresses become link marks. */
const inlineContent = (line: string): RichNode[] =>
  linkify(line).map((run) =>
    run.href ? text(run.text, [{ type: 'link', attrs: { href: run.href } }]) : text(run.text),
  )

/** Section lines as blocks: one paragraph per line, consecutive "- " lines as one bullet list. */
const toRichBlocks = (lines: readonly string[]): RichBlocks => {
  const blocks: RichBlocks = []
  let items: RichNode[][] = []
  const flushList = () => {
    if (items.length > 0) blocks.push(bulletList(items))
    items = []
  }
  for (const line of lines) {
    if (LIST_ITEM.test(line)) {
      items.push(inlineContent(line.slice(2)))
      continue
    }
    flushList()
    blocks.push(paragraph(inlineContent(line)))
  }
  flushList()
  return blocks
}

/** A free-text value: its lines joined, as the form's textarea held them. */
const joinText = (lines: readonly string[]): string => dropRepeatedTail(lines).join('\n').trim()

/** A single choice as its vocabulary key; an unknown label is kept raw rather than lost. */
const choiceKey = (vocabulary: readonly VocabularyTerm[], lines: readonly string[]): string | null => {
  const label = joinText(lines)
  if (label === '') return null
  return findTerm(vocabulary, label)?.key ?? label
}

/** "Mot Clef" checkboxes, printed as "- Label" lines, as keyword keys (unknown labels kept raw). */
const keywordKeys = (lines: readonly string[]): string[] =>
  lines
    .map(stripDash)
    .filter((l) => l !== '')
    .map((l) => findTerm(KEYWORDS, l)?.key ?? l)

/** One contact per line, without the list dash some authors typed. */
const contactList = (lines: readonly string[]): string[] =>
  dropRepeatedTail(lines)
    .map(stripDash)
    .filter((l) => l !== '')

/** Free keywords, typed as a comma- or semicolon-separated list. */
const tagList = (lines: readonly string[]): string[] =>
  lines
    .flatMap((l) => l.split(/[,;]/))
    .map((t) => t.trim())
    .filter((t) => t !== '')

/** The fiche's id from its title, suffixed ("-2", "-3"…) when an earlier fiche took it. */
const uniqueId = (title: string, taken: Set<string>): string => {
  const base = idFromTitle(title)
  let id = base
  for (let n = 2; taken.has(id); n++) {
    const suffix = `-${n}`
    id = base.slice(0, 64 - suffix.length) + suffix
  }
  taken.add(id)
  return id
}

/** Interprets a raw fiche's blocks as the fiche model's fields, then validates it. */
const toFiche = (raw: RawFiche, id: string, index: number): Fiche => {
  const lines = (key: LabelKey): string[] => raw.blocks.get(key) ?? []
  const sections = Object.fromEntries(
    SECTION_KEYS.map((k) => [k, toRichBlocks(dropRepeatedTail(lines(k)))]),
  ) as Record<SectionKey, RichBlocks>
  return ficheSchema.parse({
    id,
    title: raw.title,
    actorName: joinText(lines('actorName')),
    author: joinText(lines('author')),
    actorType: choiceKey(ACTOR_TYPES, lines('actorType')),
    scale: choiceKey(SCALES, lines('scale')),
    scaleOther: joinText(lines('scaleOther')),
    keywords: keywordKeys(lines('keywords')),
    city: joinText(lines('city')),
    contacts: contactList(lines('contacts')),
    website: joinText(lines('website')),
    tags: tagList(lines('tags')),
    partners: joinText(lines('partners')),
    sections,
    createdAt: SEED_EPOCH + index * SEED_STEP,
    trashedAt: null,
  } satisfies Fiche)
}

/** Parses the scraped "Inspirations" page into validated fiches, in page order. */
export const parseInspirations = (input: string): Fiche[] => {
  const taken = new Set<string>()
  return splitFiches(splitLines(input)).map((raw, index) => toFiche(raw, uniqueId(raw.title, taken), index))
}
