/**
 * The history of a fiche: a sibling Y.Doc `<space>/<id>--history` (see `historyDocId` in `docId.ts`) holding
 * version records and the field contents they point to.
 *
 * | shared type         | content                                                                  |
 * | ------------------- | ------------------------------------------------------------------------ |
 * | `Y.Map` "versions"  | version id → `VersionRecord` (time, kind, authors, summary, …)           |
 * | `Y.Map` "blobs"     | content hash → JSON of one field's value or of its item ids (stored once) |
 * | `Y.Map` "deletions" | deleter's client id → ids of the items it deleted (`deletions.ts`)       |
 *
 * Why this design: measured with `npm run bench -- history --reps 3` (5,000 edits by 10 authors
 * in 100 sessions, an end-of-session version after each, 12 h apart; medians of 3 runs on the
 * 2-core dev machine, 2026-12-01, other tests running):
 *
 * | stored (encoded state, what IndexedDB and the relay compact to)   | scattered edits | focused edits |
 * | ----------------------------------------------------------------- | --------------- | ------------- |
 * | live fiche, gc on (what opening a fiche loads; unchanged by this) | 107 KB          | 106 KB        |
 * | the same fiche with gc off (needed by `Y.snapshot` views)         | 112 KB          | —             |
 * | history doc, thinned to 57 versions                               | 1,703 KB        | 495 KB        |
 * | … of which per-author ids and deletion logs                       | 655 KB          | —             |
 * | history doc, all 100 versions                                     | 2,228 KB        | —             |
 *
 * ("scattered": every session edits random paragraphs of three sections, the worst case for
 * this design; "focused": one or two paragraphs per session, as people edit.) Opening the
 * timeline (decode + validate 57 versions) took 34–63 ms and a compare with per-author colours
 * 27–146 ms in Node, depending on the machine's load; recording a version 10–33 ms.
 *
 * - Tombstones (`gc: false`) + `Y.snapshot` views are smaller in bytes for typing-like edits, but
 *   rejected: every replica *and the relay* would have to keep gc off (one gc'd replica or a relay
 *   compaction sends GC structs to everyone and old snapshots can no longer be rebuilt), growth is
 *   unbounded and paid at every opening of the fiche, and whole-section rewrites (restoring a
 *   section, imports, paste-over) keep each deleted copy forever. Full `Y.encodeStateAsUpdate`
 *   copies per version grow with versions × fiche size.
 * - Here the live fiche stays gc'd and small (opening it never loads history). A version stores
 *   the fiche's state vector (for attribution) and, per field, the hash of its value; each distinct
 *   value is stored once, sections block by block (a version that changed one paragraph adds that
 *   paragraph and the section's list of block hashes: `blobs.ts`). Thinning (`thinning.ts`) bounds the
 *   number of automatic versions, and blobs no version refers to any more are deleted (the
 *   history doc has gc on: their content goes). Next steps if it must shrink further: deflate the
 *   blobs, keep one version per week after a month, and drop the item ids of versions older
 *   than a month (their compares would show neutral colours): ids are stored per paragraph and
 *   shared while a paragraph's items stay the same, but scattered edits touch every paragraph.
 * - It is an ordinary document: stored in IndexedDB, synced by the relay, so the history of every
 *   fiche kept on a device is there offline, and versions made offline merge into one timeline.
 * - Per-author colours in compares without tombstones: a version also stores, per field, the Yjs
 *   ids of its characters (runs of consecutive ids, block by block like the content, so an
 *   unchanged paragraph costs nothing new); the participants map names who inserted each one,
 *   and each session's deletion log names who deleted it (`itemIds.ts`, `deletions.ts`, put
 *   together for compares in `attribution.ts`).
 * - Two replicas recording the same state produce the same version id (hash of state vector and
 *   field hashes), so the Y.Map keeps one record for both.
 *
 * Records come from peers: they are parsed with zod and dropped if malformed, never thrown on.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { type ChoiceAttempt, choiceConflicts } from '../choiceLog.ts'
import type { Fiche } from '../fiche.ts'
import { readFiche } from '../ficheDoc.ts'
import { CHOICE_FIELD_KEYS, type ChoiceFieldKey } from '../form.ts'
import { type Participant, participantSchema, participantsOf, readParticipants } from '../participants.ts'
import type { RichBlocks } from '../richtext.ts'
import { blobBatch, blobsMap, resolveBlob, storedBlockRefs } from './blobs.ts'
import { type ChangeSummary, summarizeChange } from './compare.ts'
import {
  type FieldValue,
  fieldKind,
  fieldsOf,
  HISTORY_FIELDS,
  type HistoryField,
  isHistoryField,
  withFields,
} from './fields.ts'
import { contentHash } from './hash.ts'
import { type EncodedIds, liveIds, unpackIds } from './itemIds.ts'
import { advancedClients, decodeStateVector, includes, type StateVector } from './stateVectors.ts'

export const versionsMap = (history: Y.Doc): Y.Map<unknown> => history.getMap('versions')

/**
 * `origin`: the fiche as it was before its first recorded edit (imported, seeded, or made before
 * history existed), so that the first edits compare with it rather than with an empty fiche.
 * `import`: what an import (a Bazar or Kenlabour file) changed in a fiche that existed.
 */
export const VERSION_KINDS = ['origin', 'auto', 'named', 'session', 'restore', 'import'] as const
/** The id of a history's origin version, whoever records it. */
const ORIGIN_ID = 'origin'
export type VersionKind = (typeof VERSION_KINDS)[number]

/** A single choice where concurrent picks were made and one value won: flagged for a human. */
export interface ChoiceConflict {
  readonly field: ChoiceFieldKey
  /** The value that won (the fiche's value when the version was made). */
  readonly value: string | null
  readonly losers: ChoiceAttempt[]
}

const attemptSchema = z.object({
  value: z.string().nullable(),
  prev: z.string().nullable(),
  by: z.string().max(60),
  at: z.number(),
})

export const versionRecordSchema = z.object({
  id: z.string().min(1).max(64),
  at: z.number().finite(),
  kind: z.enum(VERSION_KINDS),
  name: z.string().max(200).nullable(),
  /** Who recorded it (the person who named or restored, or whose device noticed the quiet). */
  by: participantSchema.nullable(),
  /** Participants whose changes this version is the first to contain. */
  authors: z.array(participantSchema),
  /** Writers with no participant entry (the demo seed, old clients). */
  unknownAuthors: z.number().int().nonnegative(),
  /** Session versions: everyone present on the fiche during the session. */
  participants: z.array(participantSchema),
  stateVector: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes'),
  fields: z.record(z.string(), z.string()),
  /**
   * Per field, the hash of the item ids of its characters (`itemIds.ts`): who wrote each
   * character, for compare colours. Absent in versions recorded before attribution existed.
   */
  ids: z.record(z.string(), z.string()).optional(),
  summary: z.object({
    fields: z.array(z.string()),
    added: z.number().int().nonnegative(),
    removed: z.number().int().nonnegative(),
  }),
  conflicts: z.array(
    z.object({
      field: z.enum(CHOICE_FIELD_KEYS),
      value: z.string().nullable(),
      losers: z.array(attemptSchema),
    }),
  ),
  restoredFrom: z.string().nullable(),
})

export type VersionRecord = z.infer<typeof versionRecordSchema>

/** Every well-formed version, oldest first (ties by id, so every replica lists the same order). */
export const listVersions = (history: Y.Doc): VersionRecord[] => {
  const out: VersionRecord[] = []
  versionsMap(history).forEach((value) => {
    const parsed = versionRecordSchema.safeParse(value)
    if (parsed.success) out.push(parsed.data)
  })
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export interface VersionContent {
  readonly fiche: Fiche
  /** Fields whose content is not in the history document (yet): shown as unavailable. */
  readonly missing: HistoryField[]
}

/** The fiche as it was at `version`; id, dates and missing fields come from `current`. */
export const versionFiche = (history: Y.Doc, version: VersionRecord, current: Fiche): VersionContent => {
  const blobs = blobsMap(history)
  const fields: Partial<Record<HistoryField, FieldValue>> = {}
  const missing: HistoryField[] = []
  for (const field of HISTORY_FIELDS) {
    const hash = version.fields[field]
    const json = hash === undefined ? undefined : blobs.get(hash)
    if (typeof json !== 'string') {
      missing.push(field)
      continue
    }
    const value = resolveBlob(blobs, json)
    if (value === undefined) missing.push(field)
    else fields[field] = value
  }
  return { fiche: withFields(current, fields), missing }
}

/**
 * The item ids of each field of `version` (see `itemIds.ts`), for the fields whose ids are
 * stored and well formed; sections one part per block.
 */
export const versionIds = (
  history: Y.Doc,
  version: VersionRecord,
): Partial<Record<HistoryField, EncodedIds[]>> => {
  const blobs = blobsMap(history)
  const out: Partial<Record<HistoryField, EncodedIds[]>> = {}
  for (const [field, hash] of Object.entries(version.ids ?? {})) {
    if (!isHistoryField(field)) continue
    const stored = blobs.get(hash)
    const refs = storedBlockRefs(stored)
    const parts = refs ? refs.map((h) => unpackIds(blobs.get(h))) : [unpackIds(stored)]
    if (parts.every((p) => p !== undefined)) out[field] = parts as EncodedIds[]
  }
  return out
}

/**
 * The latest version that `stateVector` contains (its ancestor on this replica's lineage), the
 * base a new version is compared with. Versions made concurrently elsewhere are not ancestors.
 */
export const latestAncestor = (
  versions: readonly VersionRecord[],
  stateVector: StateVector,
): VersionRecord | null => {
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i]!
    if (includes(stateVector, decodeStateVector(v.stateVector))) return v
  }
  return null
}

/** The version listed just before `version` that it descends from (for "compare with previous"). */
export const previousVersion = (
  versions: readonly VersionRecord[],
  version: VersionRecord,
): VersionRecord | null => {
  const index = versions.findIndex((v) => v.id === version.id)
  return latestAncestor(versions.slice(0, Math.max(0, index)), decodeStateVector(version.stateVector))
}

export interface RecordOptions {
  readonly kind: VersionKind
  readonly at: number
  readonly by: Participant | null
  readonly name?: string
  readonly participants?: readonly Participant[]
  /** Clients to count as authors even if their clock did not move (they only deleted). */
  readonly extraAuthorClients?: readonly number[]
  readonly restoredFrom?: string
}

const sameConflict = (a: ChoiceAttempt, b: ChoiceAttempt): boolean =>
  a.at === b.at && a.by === b.by && a.value === b.value

/**
 * Ends a session on a state some version already holds (typically the automatic version made
 * when the session's last burst of edits went quiet): that version becomes the session's,
 * with everyone present added to its participants. Null when there is nothing to add.
 */
const markSession = (history: Y.Doc, base: VersionRecord, options: RecordOptions): VersionRecord | null => {
  if (base.kind !== 'auto' && base.kind !== 'session') return null
  const participants = [...base.participants]
  for (const p of options.participants ?? [])
    if (!participants.some((q) => q.name === p.name)) participants.push(p)
  if (base.kind === 'session' && participants.length === base.participants.length) return null
  const record = versionRecordSchema.parse({ ...base, kind: 'session', participants })
  history.transact(() => versionsMap(history).set(base.id, record))
  return record
}

/**
 * Records the fiche's current state as a version, unless nothing changed since the version it
 * descends from (named versions are always recorded: they name a state). Returns the record, or
 * null when nothing was written.
 */
export const recordVersion = (history: Y.Doc, fiche: Y.Doc, options: RecordOptions): VersionRecord | null => {
  const content = readFiche(fiche)
  const stateBytes = Y.encodeStateVector(fiche)
  const stateVector = decodeStateVector(stateBytes)
  const { blobs, store, storeIds } = blobBatch()
  const fieldHashes: Record<string, string> = {}
  for (const [field, value] of Object.entries(fieldsOf(content))) {
    // A section is stored block by block: a version that changed one paragraph adds one block.
    fieldHashes[field] =
      fieldKind(field as HistoryField) === 'section'
        ? store(JSON.stringify({ blocks: (value as RichBlocks).map((b) => store(JSON.stringify(b))) }))
        : store(JSON.stringify(value))
  }
  const idHashes: Record<string, string> = {}
  for (const [field, parts] of Object.entries(liveIds(fiche))) {
    idHashes[field] =
      fieldKind(field as HistoryField) === 'section'
        ? store(JSON.stringify({ blocks: parts.map(storeIds) }))
        : storeIds(parts[0] ?? { c: [], r: [] })
  }
  const versions = listVersions(history)
  const base = latestAncestor(versions, stateVector)
  const unchanged = base !== null && HISTORY_FIELDS.every((f) => base.fields[f] === fieldHashes[f])
  if (unchanged && options.kind === 'session') return markSession(history, base, options)
  if (unchanged && options.kind !== 'named') return null
  const stateKey = `${[...stateVector].sort((a, b) => a[0] - b[0]).join(';')}|${HISTORY_FIELDS.map((f) => fieldHashes[f]).join(',')}`
  // A fiche has one origin: two devices recording theirs at once (each from what it had seen)
  // write the same key, and the history keeps one of them.
  const id =
    options.kind === 'origin'
      ? ORIGIN_ID
      : contentHash(options.kind === 'named' ? `${stateKey}|named:${options.name}:${options.at}` : stateKey)
  if (versions.some((v) => v.id === id)) return null

  const known = readParticipants(fiche)
  const writers = new Set(
    advancedClients(base ? decodeStateVector(base.stateVector) : new Map(), stateVector),
  )
  for (const client of options.extraAuthorClients ?? []) writers.add(client)
  const authors = participantsOf(known, writers)
  const unknownAuthors = [...writers].filter((c) => !known.has(c)).length
  const baseFiche = base ? versionFiche(history, base, content) : null
  const summary: ChangeSummary = unchanged
    ? { fields: [], added: 0, removed: 0 }
    : summarizeChange(baseFiche && baseFiche.missing.length === 0 ? baseFiche.fiche : null, content)
  const conflicts: ChoiceConflict[] = []
  for (const field of CHOICE_FIELD_KEYS) {
    const known = base?.conflicts.find((c) => c.field === field)?.losers ?? []
    const losers = choiceConflicts(fiche, field).filter((l) => !known.some((k) => sameConflict(k, l)))
    if (losers.length > 0) conflicts.push({ field, value: content[field], losers })
  }
  const record: VersionRecord = {
    id,
    at: options.at,
    kind: options.kind,
    name: options.name?.trim().slice(0, 200) || null,
    by: options.by,
    authors,
    unknownAuthors,
    participants: [...(options.participants ?? [])],
    stateVector: stateBytes,
    fields: fieldHashes,
    ids: idHashes,
    summary,
    conflicts,
    restoredFrom: options.restoredFrom ?? null,
  }
  const parsed = versionRecordSchema.parse(record)
  history.transact(() => {
    const stored = blobsMap(history)
    for (const [hash, json] of blobs) if (!stored.has(hash)) stored.set(hash, json)
    versionsMap(history).set(id, parsed)
  })
  return parsed
}

/**
 * Records `before`, the fiche as it was just before this device's first edit, as the history's
 * `origin` version if the history has no version yet and the fiche held anything: imported and
 * seeded fiches get their imported state as the first entry, dated when the fiche was created
 * (the first edits then compare with it, and it can be restored). Null when nothing was written.
 */
export const recordOrigin = (history: Y.Doc, before: Y.Doc, now: number): VersionRecord | null => {
  if (listVersions(history).length > 0 || before.store.clients.size === 0) return null
  const createdAt = readFiche(before).createdAt
  return recordVersion(history, before, {
    kind: 'origin',
    at: createdAt > 0 && createdAt <= now ? createdAt : now,
    by: null,
  })
}
