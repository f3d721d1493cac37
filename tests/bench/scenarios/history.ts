/**
 * Edit history of a fiche (issue #6), in Yjs alone: 5,000 edits from 10 authors, in 100 editing
 * sessions of 50 edits (each session a new Yjs client id, registered as its participant), one
 * end-of-session version at the end of each, sessions 12 hours apart (50 days), thinned as the
 * client does (`thinHistory`: every session version of the last week, then one a day). Measures what
 * the design in `shared/src/history/versions.ts` costs and what the alternative would:
 *
 * - stored size of the live fiche (gc on, what opening a fiche loads), of the same fiche with
 *   `gc: false` (the tombstones a `Y.snapshot`-based history needs), and of the history document,
 *   thinned and not. The relay and IndexedDB both compact a document's log into one state update
 *   (`Y.encodeStateAsUpdate`), so that size stands for both stores.
 * - time to open the timeline (decode the history doc, list and validate the versions) and to
 *   render a compare (two versions' fields, word diff of every changed field, each inserted and
 *   deleted run attributed to its author through the stored item ids and deletion logs).
 *
 * Each session logs its deletions into the history document as the client's recorder does
 * (`DeletionLog`), so the sizes include attribution.
 */
import { performance } from 'node:perf_hooks'
import { emptyFiche } from '@kenlabour/shared/fiche'
import { readFiche, writeFiche } from '@kenlabour/shared/ficheDoc'
import { SECTION_KEYS } from '@kenlabour/shared/form'
import {
  type AttributedSegment,
  attributedDiff,
  attribution,
  charIds,
  type FieldSide,
} from '@kenlabour/shared/history/attribution'
import { blobsMap } from '@kenlabour/shared/history/blobs'
import { changedFields } from '@kenlabour/shared/history/compare'
import { DeletionLog, deletionsMap, readDeletions, writeDeletions } from '@kenlabour/shared/history/deletions'
import { fieldValue } from '@kenlabour/shared/history/fields'
import { thinHistory } from '@kenlabour/shared/history/thinning'
import {
  listVersions,
  recordVersion,
  versionFiche,
  versionIds,
  versionsMap,
} from '@kenlabour/shared/history/versions'
import { readParticipants, registerParticipant } from '@kenlabour/shared/participants'
import * as Y from 'yjs'
import { seededRandom } from '../load/largeFiche.ts'
import type { Measurement, RunOptions, Scenario, Subject } from './types.ts'

const yjs: Subject = { name: 'yjs', label: 'Yjs in Node (no network)', unavailable: () => null }

const AUTHORS = 10
const EDITS_PER_SESSION = 50
const totalEdits = (options: RunOptions) => (options.quick ? 1_000 : 5_000)
const HOUR = 3_600_000

/**
 * Where a session edits: `scattered` touches random paragraphs of three sections at every edit
 * (the worst case for the history: nearly every paragraph differs between two versions);
 * `focused` edits one or two neighbouring paragraphs of one section per session, as people do.
 */
type Pattern = 'scattered' | 'focused'

interface Focus {
  section: number
  paragraph: number
}

const edit = (doc: Y.Doc, random: () => number, focus: Focus | null): void => {
  const fragment = doc.getXmlFragment(`section:${SECTION_KEYS[focus?.section ?? Math.floor(random() * 3)]!}`)
  const roll = random()
  doc.transact(() => {
    if (roll < 0.03 || fragment.length === 0) {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('nouveau paragraphe ')])
      fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph])
      return
    }
    const index = focus
      ? Math.min(fragment.length - 1, (focus.paragraph % fragment.length) + (random() < 0.5 ? 0 : 1))
      : Math.floor(random() * fragment.length)
    const paragraph = fragment.get(index)
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
    if (!(text instanceof Y.XmlText)) return
    const at = Math.floor(random() * (text.length + 1))
    if (roll < 0.25 && text.length > 5) text.delete(Math.min(at, text.length - 5), 5)
    else text.insert(at, ['mot ', 'atelier ', 'commune ', 'réseau ', 'jardin '][Math.floor(random() * 5)]!)
  })
}

interface Built {
  live: Y.Doc
  tombstones: Y.Doc
  history: Y.Doc
  unthinnedBytes: number
  versionsMade: number
  recordMs: number
}

const build = (edits: number, seed: number, pattern: Pattern): Built => {
  const random = seededRandom(seed)
  const live = new Y.Doc()
  const tombstones = new Y.Doc({ gc: false })
  live.on('update', (u: Uint8Array) => Y.applyUpdate(tombstones, u))
  writeFiche(live, emptyFiche('historique', 'Fiche très éditée', 0))
  const history = new Y.Doc()
  const unthinned = new Y.Doc()
  const t0 = Date.UTC(2026, 0, 1)
  let versionsMade = 0
  let recordMs = 0
  const sessions = edits / EDITS_PER_SESSION
  for (let s = 0; s < sessions; s++) {
    live.clientID = 10_000 + s // a new session: a new client id, as a page load gets
    const author = s % AUTHORS
    const participant = { id: `p${author}`, name: `Auteur ${author}`, color: '#1d4e89', device: 'bench' }
    registerParticipant(live, participant)
    const deletions = new DeletionLog()
    const onTransaction = (tr: Y.Transaction) => {
      if (tr.local) deletions.add(tr.deleteSet)
    }
    live.on('afterTransaction', onTransaction)
    const focus =
      pattern === 'focused'
        ? { section: Math.floor(random() * 3), paragraph: Math.floor(random() * 100) }
        : null
    for (let i = 0; i < EDITS_PER_SESSION; i++) edit(live, random, focus)
    live.off('afterTransaction', onTransaction)
    writeDeletions(history, live.clientID, deletions)
    writeDeletions(unthinned, live.clientID, deletions)
    const at = t0 + s * 12 * HOUR
    const started = performance.now()
    const options = { kind: 'session', at, by: participant, participants: [participant] } as const
    if (recordVersion(history, live, options)) versionsMade++
    thinHistory(history, at)
    recordMs += performance.now() - started
    recordVersion(unthinned, live, options)
  }
  return {
    live,
    tombstones,
    history,
    unthinnedBytes: Y.encodeStateAsUpdate(unthinned).length,
    versionsMade,
    recordMs: recordMs / sessions,
  }
}

/**
 * Characters a compare shows as inserted (or deleted) whose item really is new (or gone), and how
 * many of them are shown without an author. (A word diff can pair repeated words differently
 * from the CRDT: text it shows as removed while its items are still there has no deleter and is
 * rightly left neutral; it is not counted.)
 */
const unattributedChanges = (
  fields: readonly {
    before: FieldSide
    after: FieldSide
    segments: readonly AttributedSegment[]
  }[],
): { changed: number; missing: number } => {
  let changed = 0
  let missing = 0
  const keys = (side: FieldSide) =>
    new Set((side.ids ?? []).flatMap((id) => (id ? [`${id.client}:${id.clock}`] : [])))
  for (const { before, after, segments } of fields) {
    const inBefore = keys(before)
    const inAfter = keys(after)
    let b = 0
    let a = 0
    for (const segment of segments) {
      for (let i = 0; i < segment.text.length; i++) {
        const id = segment.op === 'added' ? after.ids?.[a + i] : before.ids?.[b + i]
        if (!id || segment.op === 'same') continue
        const key = `${id.client}:${id.clock}`
        const real = segment.op === 'added' ? !inBefore.has(key) : !inAfter.has(key)
        if (!real) continue
        changed++
        if (!segment.author) missing++
      }
      if (segment.op !== 'added') b += segment.text.length
      if (segment.op !== 'removed') a += segment.text.length
    }
  }
  return { changed, missing }
}

/**
 * Bytes of a copy of the history document without what per-author compare colours add (the item
 * ids of each version and the deletion logs): the cost of attribution, by difference.
 */
const bytesWithoutAttribution = (history: Y.Doc): number => {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(history))
  const blobs = blobsMap(copy)
  copy.transact(() => {
    for (const version of listVersions(copy)) {
      for (const hash of Object.values(version.ids ?? {})) {
        const stored = blobs.get(hash)
        const parsed = typeof stored === 'string' ? (JSON.parse(stored) as { blocks?: string[] }) : null
        for (const block of parsed?.blocks ?? []) blobs.delete(block)
        blobs.delete(hash)
      }
      const { ids: _ids, ...rest } = version
      versionsMap(copy).set(version.id, rest)
    }
    const deletions = deletionsMap(copy)
    for (const key of [...deletions.keys()]) deletions.delete(key)
  })
  return Y.encodeStateAsUpdate(copy).length
}

const timed = <T>(run: () => T): { ms: number; value: T } => {
  const started = performance.now()
  const value = run()
  return { ms: performance.now() - started, value }
}

export const history: Scenario = {
  name: 'history',
  summary: (options) =>
    `one fiche, ${totalEdits(options)} edits by ${AUTHORS} authors in sessions of ${EDITS_PER_SESSION}, an end-of-session version after each (12 h apart), thinned; edits scattered over 3 sections, and focused (1–2 paragraphs per session); Yjs only`,
  subjects: () => [yjs],
  measure: async (_subject, options): Promise<Measurement> => {
    const seed = 1 + Math.floor(Math.random() * 1e6)
    const built = build(totalEdits(options), seed, 'scattered')
    const focused = build(totalEdits(options), seed, 'focused')
    const liveBytes = Y.encodeStateAsUpdate(built.live)
    const tombstoneBytes = Y.encodeStateAsUpdate(built.tombstones)
    const historyBytes = Y.encodeStateAsUpdate(built.history)
    const openFiche = timed(() => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, liveBytes)
      return readFiche(doc)
    })
    const openTombstones = timed(() => {
      const doc = new Y.Doc({ gc: false })
      Y.applyUpdate(doc, tombstoneBytes)
      return readFiche(doc)
    })
    const timeline = timed(() => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, historyBytes)
      return { doc, versions: listVersions(doc) }
    })
    const { doc, versions } = timeline.value
    const current = readFiche(built.live)
    const compare = timed(() => {
      const from = versions[Math.floor(versions.length / 2)]!
      const to = versions[versions.length - 1]!
      const older = versionFiche(doc, from, current).fiche
      const newer = versionFiche(doc, to, current).fiche
      const olderIds = versionIds(doc, from)
      const newerIds = versionIds(doc, to)
      const who = attribution(readParticipants(built.live), readDeletions(doc))
      return changedFields(older, newer).map((f) => {
        const before = { value: fieldValue(older, f), ids: charIds(f, fieldValue(older, f), olderIds[f]) }
        const after = { value: fieldValue(newer, f), ids: charIds(f, fieldValue(newer, f), newerIds[f]) }
        return { before, after, segments: attributedDiff(f, before, after, who) }
      })
    })
    const attributionCheck = unattributedChanges(compare.value)
    const kb = (n: number) => n / 1024
    return {
      figures: {
        timelineMs: { label: 'open the timeline', unit: 'ms', value: timeline.ms, digits: 1 },
        compareMs: { label: 'render a compare', unit: 'ms', value: compare.ms, digits: 1 },
        liveKB: { label: 'fiche stored (gc on, no history)', unit: 'KB', value: kb(liveBytes.length) },
        historyKB: { label: 'history doc (thinned)', unit: 'KB', value: kb(historyBytes.length) },
        totalKB: {
          label: 'fiche + history stored (local and relay)',
          unit: 'KB',
          value: kb(liveBytes.length + historyBytes.length),
        },
        focusedLiveKB: {
          label: 'fiche stored, focused sessions',
          unit: 'KB',
          value: kb(Y.encodeStateAsUpdate(focused.live).length),
        },
        focusedHistoryKB: {
          label: 'history doc, focused sessions',
          unit: 'KB',
          value: kb(Y.encodeStateAsUpdate(focused.history).length),
        },
        noAttributionKB: {
          label: 'history doc (thinned) without per-author ids and deletion logs',
          unit: 'KB',
          value: kb(bytesWithoutAttribution(built.history)),
          context: true,
        },
        unthinnedKB: { label: 'history doc (not thinned)', unit: 'KB', value: kb(built.unthinnedBytes) },
        tombstonesKB: {
          label: 'fiche with gc off (alternative)',
          unit: 'KB',
          value: kb(tombstoneBytes.length),
        },
        openFicheMs: { label: 'open fiche (gc on)', unit: 'ms', value: openFiche.ms, context: true },
        openTombstonesMs: {
          label: 'open fiche (gc off)',
          unit: 'ms',
          value: openTombstones.ms,
          context: true,
        },
        versions: { label: 'versions kept', unit: '', value: versions.length, digits: 0, context: true },
        recordMs: { label: 'record + thin one version', unit: 'ms', value: built.recordMs, context: true },
      },
      checks: [
        {
          name: 'every session made a version',
          ok: built.versionsMade === totalEdits(options) / EDITS_PER_SESSION,
          detail: `${built.versionsMade} versions recorded`,
        },
        {
          name: 'latest version is the fiche',
          ok: JSON.stringify(versionFiche(doc, versions.at(-1)!, current).fiche) === JSON.stringify(current),
          detail: 'the last version reads back as the live fiche',
        },
        {
          name: 'compare names who inserted and who deleted',
          ok: attributionCheck.changed > 0 && attributionCheck.missing === 0,
          detail: `${attributionCheck.changed} characters really inserted or deleted, ${attributionCheck.missing} shown without their author`,
        },
        {
          name: 'thinning bounds the history',
          ok: versions.length < built.versionsMade,
          detail: `${versions.length} of ${built.versionsMade} kept`,
        },
      ],
    }
  },
}
