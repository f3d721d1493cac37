import { setChoice } from '@kenlabour/shared/choiceLog'
import { emptyFiche, FICHE_ID_PATTERN } from '@kenlabour/shared/fiche'
import {
  addToList,
  fieldText,
  readFiche,
  removeFromList,
  sectionFragment,
  titleText,
  writeFiche,
} from '@kenlabour/shared/ficheDoc'
import {
  type AttributedSegment,
  attributedDiff,
  attribution,
  charIds,
  valueAuthors,
} from '@kenlabour/shared/history/attribution'
import { blobsMap } from '@kenlabour/shared/history/blobs'
import { changedFields, diffLinesByWords, diffText, summarizeChange } from '@kenlabour/shared/history/compare'
import {
  DeletionLog,
  deleterOf,
  deletionsMap,
  readDeletions,
  writeDeletions,
} from '@kenlabour/shared/history/deletions'
import { historyDocId } from '@kenlabour/shared/history/docId'
import { HISTORY_FIELDS } from '@kenlabour/shared/history/fields'
import { IdRuns, liveFieldIds, packIds, unpackIds } from '@kenlabour/shared/history/itemIds'
import { restoreFiche, restoreField } from '@kenlabour/shared/history/restore'
import { advancedClients, includes } from '@kenlabour/shared/history/stateVectors'
import { thinHistory, versionsToThin } from '@kenlabour/shared/history/thinning'
import {
  listVersions,
  previousVersion,
  recordOrigin,
  recordVersion,
  type VersionRecord,
  versionFiche,
  versionIds,
} from '@kenlabour/shared/history/versions'
import { type Participant, readParticipants, registerParticipant } from '@kenlabour/shared/participants'
import { paragraph, text } from '@kenlabour/shared/richtext'
import { readRichBlocks, writeRichBlocks } from '@kenlabour/shared/xmlfragment'
import { setYText } from '@kenlabour/shared/ytext'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

const alice: Participant = { id: 'pa', name: 'Alice', color: '#b3261e', device: 'Chrome · Linux' }
const bob: Participant = { id: 'pb', name: 'Bob', color: '#1d4e89', device: 'Firefox · Windows' }

const exchange = (a: Y.Doc, b: Y.Doc): void => {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, toB)
  Y.applyUpdate(a, toA)
}

/** A replica of a fiche doc whose writes are attributed to `who`. */
const replica = (clientID: number, who: Participant | null, from?: Y.Doc): Y.Doc => {
  const doc = new Y.Doc()
  doc.clientID = clientID
  if (from) Y.applyUpdate(doc, Y.encodeStateAsUpdate(from))
  if (who) registerParticipant(doc, who)
  return doc
}

const base = (): Y.Doc => {
  const doc = replica(1, alice)
  writeFiche(doc, {
    ...emptyFiche('Atelier', 'Atelier vélo', 1),
    actorType: 'association',
    sections: {
      ...emptyFiche('Atelier', 'x').sections,
      description: [paragraph([text('Un atelier de réparation.')]), paragraph([text('Ouvert le samedi.')])],
    },
  })
  return doc
}

const record = (history: Y.Doc, fiche: Y.Doc, at: number, kind: VersionRecord['kind'] = 'auto') =>
  recordVersion(history, fiche, { kind, at, by: null })

describe('historyDocId', () => {
  it.each([
    ['short id', 'AtelierVelo', 'AtelierVelo--history'],
    ['64-character id', 'A'.repeat(64), null],
  ])('%s gives a valid document id', (_name, id, expected) => {
    const result = historyDocId(id)
    expect(FICHE_ID_PATTERN.test(result)).toBe(true)
    if (expected) expect(result).toBe(expected)
    expect(historyDocId(`${'A'.repeat(63)}B`)).not.toBe(historyDocId('A'.repeat(64)))
  })
})

describe('state vectors', () => {
  it.each([
    ['nobody moved', [[1, 5]], [[1, 5]], []],
    ['one advanced', [[1, 5]], [[1, 7]], [1]],
    [
      'a new client',
      [[1, 5]],
      [
        [1, 5],
        [2, 3],
      ],
      [2],
    ],
    [
      'from empty',
      [],
      [
        [1, 1],
        [2, 1],
      ],
      [1, 2],
    ],
  ] as const)('%s', (_n, before, after, expected) => {
    expect(advancedClients(new Map(before), new Map(after))).toEqual(expected)
  })

  it('includes: ancestors and concurrent states', () => {
    expect(includes(new Map([[1, 5]]), new Map([[1, 3]]))).toBe(true)
    expect(includes(new Map([[1, 5]]), new Map([[2, 1]]))).toBe(false)
  })
})

describe('recordVersion', () => {
  it('records a first version with its author and reads the fiche back exactly', () => {
    const fiche = base()
    const history = new Y.Doc()
    const v = record(history, fiche, 1000)
    expect(v?.authors.map((a) => a.name)).toEqual(['Alice'])
    expect(v?.unknownAuthors).toBe(0)
    expect(versionFiche(history, v!, readFiche(fiche))).toEqual({ fiche: readFiche(fiche), missing: [] })
  })

  it('records nothing when nothing changed, a named version always', () => {
    const fiche = base()
    const history = new Y.Doc()
    record(history, fiche, 1000)
    expect(record(history, fiche, 2000)).toBeNull()
    expect(
      recordVersion(history, fiche, { kind: 'named', name: 'après l’atelier', at: 3000, by: alice }),
    ).not.toBeNull()
    expect(listVersions(history).map((v) => v.kind)).toEqual(['auto', 'named'])
  })

  it('attributes each version to the participants whose clients wrote since the previous one', () => {
    const a = base()
    const history = new Y.Doc()
    record(history, a, 1000)
    const b = replica(2, bob, a)
    setYText(fieldText(b, 'city'), 'Rennes')
    const v2 = record(history, b, 2000)
    expect(v2?.authors.map((p) => p.name)).toEqual(['Bob'])
    expect(v2?.summary).toEqual({ fields: ['city'], added: 6, removed: 0 })
  })

  it('two replicas recording the same state make one version; concurrent ones merge into one timeline', () => {
    const a = base()
    const b = replica(2, null, a) // Bob has only read so far: same state as Alice
    const historyA = new Y.Doc()
    const historyB = new Y.Doc()
    record(historyA, a, 1000)
    record(historyB, b, 1001) // same fiche state on Bob's side
    exchange(historyA, historyB)
    expect(listVersions(historyA)).toHaveLength(1)
    // Offline, each edits and records; after the merge both versions are in both timelines.
    setYText(titleText(a), 'Atelier vélo solidaire')
    registerParticipant(b, bob)
    setYText(fieldText(b, 'city'), 'Brest')
    record(historyA, a, 2000)
    record(historyB, b, 2001)
    exchange(historyA, historyB)
    // The shared first version keeps whichever replica's record won the map key (1000 or 1001).
    expect(listVersions(historyA).map((v) => Math.floor(v.at / 1000) * 1000)).toEqual([1000, 2000, 2000])
    expect(
      listVersions(historyA)
        .map((v) => v.at)
        .slice(1),
    ).toEqual([2000, 2001])
    expect(listVersions(historyB).map((v) => v.id)).toEqual(listVersions(historyA).map((v) => v.id))
    const [, va, vb] = listVersions(historyA)
    expect(previousVersion(listVersions(historyA), vb!)?.id).toBe(listVersions(historyA)[0]?.id) // not Alice's concurrent one
    expect(va!.authors.map((p) => p.name)).toEqual(['Alice'])
  })

  it('flags a single choice set concurrently by two people', () => {
    const a = base()
    const b = replica(2, bob, a)
    const history = new Y.Doc()
    record(history, a, 1000)
    setChoice(a, 'actorType', 'commune', 'Alice')
    setChoice(b, 'actorType', 'entreprise', 'Bob')
    exchange(a, b)
    const v = record(history, a, 2000)
    expect(v?.conflicts).toHaveLength(1)
    expect(v?.conflicts[0]?.field).toBe('actorType')
    // The next version does not flag the same conflict again.
    setYText(fieldText(a, 'city'), 'Lorient')
    expect(record(history, a, 3000)?.conflicts).toEqual([])
  })

  it('stores a section block by block: an unchanged paragraph is stored once', () => {
    const fiche = base()
    const history = new Y.Doc()
    record(history, fiche, 1000)
    const blobs = blobsMap(history).size
    // The second paragraph replaced, as the editor does it; the first keeps its items.
    const fragment = sectionFragment(fiche, 'description')
    fiche.transact(() => {
      fragment.delete(1, 1)
      const replaced = new Y.XmlElement('paragraph')
      replaced.insert(0, [new Y.XmlText('Ouvert le dimanche.')])
      fragment.insert(1, [replaced])
    })
    expect(readRichBlocks(fragment)[1]).toEqual(paragraph([text('Ouvert le dimanche.')]))
    record(history, fiche, 2000)
    // One new block and one new block list for the section, and the same for their item ids.
    expect(blobsMap(history).size).toBe(blobs + 4)
  })
})

describe('thinning', () => {
  const HOUR = 3_600_000
  const v = (id: string, at: number, kind: VersionRecord['kind'] = 'auto') =>
    ({ id, at, kind, conflicts: [] }) as unknown as VersionRecord
  it('keeps the last hour, named versions, one per hour for a day, one per day after', () => {
    const now = 10 * 24 * HOUR
    const versions = [
      v('old-1', 2 * 24 * HOUR + 1),
      v('old-2', 2 * 24 * HOUR + 2 * HOUR), // same day as old-1: old-1 dropped
      v('named', 2 * 24 * HOUR + 3 * HOUR, 'named'),
      v('day-1', now - 5.5 * HOUR - 10),
      v('day-2', now - 5.5 * HOUR + 10), // same hour as day-1: day-1 dropped
      v('recent-1', now - 10 * 60_000),
      v('recent-2', now - 5 * 60_000),
    ]
    expect(versionsToThin(versions, now).sort()).toEqual(['day-1', 'old-1'])
  })

  it('keeps every end-of-session version for a week, then one a day', () => {
    const DAY = 24 * HOUR
    const now = 30 * DAY
    const versions = [
      v('s-old-1', 10 * DAY + HOUR, 'session'),
      v('s-old-2', 10 * DAY + 5 * HOUR, 'session'), // same day as s-old-1: s-old-1 dropped
      v('s-recent-1', now - 2 * DAY - HOUR, 'session'),
      v('s-recent-2', now - 2 * DAY, 'session'), // same day, but less than a week old: both kept
      v('latest', now - 60_000),
    ]
    expect(versionsToThin(versions, now)).toEqual(['s-old-1'])
  })

  it('deletes thinned versions and the blobs nothing refers to any more', () => {
    const fiche = base()
    const history = new Y.Doc()
    for (let i = 0; i < 5; i++) {
      setYText(fieldText(fiche, 'city'), `Ville ${i}`)
      record(history, fiche, i * 60_000)
    }
    const blobsBefore = blobsMap(history).size
    expect(thinHistory(history, 3 * 24 * HOUR)).toBe(4)
    expect(listVersions(history)).toHaveLength(1)
    // Each dropped version's city value and the ids of its characters.
    expect(blobsMap(history).size).toBe(blobsBefore - 8)
    const last = listVersions(history)[0]!
    expect(versionFiche(history, last, readFiche(fiche)).missing).toEqual([])
  })
})

describe('compare', () => {
  it('diffs by words', () => {
    expect(diffText('un atelier de vélo', 'un grand atelier vélo')).toEqual([
      { op: 'same', text: 'un ' },
      { op: 'added', text: 'grand ' },
      { op: 'same', text: 'atelier ' },
      { op: 'removed', text: 'de ' },
      { op: 'same', text: 'vélo' },
    ])
  })

  it('diffs sections line by line, a removed paragraph as one run', () => {
    const segments = diffLinesByWords('Premier.\nDeuxième paragraphe.\nTroisième.', 'Premier.\nTroisième !')
    expect(
      segments
        .filter((s) => s.op === 'removed')
        .map((s) => s.text)
        .join('|'),
    ).toContain('Deuxième paragraphe.')
    const added = segments.filter((s) => s.op === 'added').map((s) => s.text)
    expect(added.join('')).toContain('!')
    expect(added.join('')).not.toContain('Troisième')
  })

  it('summarizes which fields changed and characters added and removed', () => {
    const a = readFiche(base())
    const b = { ...a, city: 'Quimper', actorType: 'commune' }
    expect(changedFields(a, b)).toEqual(['actorType', 'city'])
    expect(summarizeChange(a, b).added).toBeGreaterThanOrEqual(7)
  })
})

describe('restore', () => {
  it('restores one field and leaves the others (and concurrent edits) untouched', () => {
    const a = base()
    const history = new Y.Doc()
    const v1 = record(history, a, 1000)!
    setYText(titleText(a), 'Nouveau titre')
    writeRichBlocks(sectionFragment(a, 'description'), [paragraph([text('Un atelier de réparation.')])])
    const b = replica(2, bob, a)
    setYText(fieldText(b, 'city'), 'Vannes') // made concurrently with the restore below
    const old = versionFiche(history, v1, readFiche(a)).fiche
    expect(restoreField(a, old, 'description', 'Alice')).toBe(true)
    exchange(a, b)
    const now = readFiche(b)
    expect(now.sections.description).toEqual(old.sections.description)
    expect(now.title).toBe('Nouveau titre')
    expect(now.city).toBe('Vannes')
    expect(restoreField(a, old, 'description', 'Alice')).toBe(false)
  })

  it('restores a whole version as a new change, recorded as a restore version', () => {
    const a = base()
    const history = new Y.Doc()
    const v1 = record(history, a, 1000)!
    setChoice(a, 'actorType', 'commune', 'Alice')
    setYText(fieldText(a, 'city'), 'Rennes')
    record(history, a, 2000)
    const written = restoreFiche(a, versionFiche(history, v1, readFiche(a)).fiche, 'Alice')
    expect(written.sort()).toEqual(['actorType', 'city'])
    expect(readFiche(a).actorType).toBe('association')
    const v3 = recordVersion(history, a, { kind: 'restore', at: 3000, by: alice, restoredFrom: v1.id })
    expect(v3?.restoredFrom).toBe(v1.id)
    expect(listVersions(history)).toHaveLength(3)
  })
})

describe('participants', () => {
  it('maps every session’s client id to its participant; malformed entries are skipped', () => {
    const a = base()
    const b = replica(2, bob, a)
    b.getMap('participants').set('3', { name: 42 })
    exchange(a, b)
    const known = readParticipants(a)
    expect([...known.entries()].map(([c, p]) => [c, p.name])).toEqual([
      [1, 'Alice'],
      [2, 'Bob'],
    ])
  })
})

describe('attribution', () => {
  /** Logs every local deletion of `doc` the way the client's recorder does. */
  const logDeletions = (doc: Y.Doc, history: Y.Doc) => {
    const log = new DeletionLog()
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.local && log.add(tr.deleteSet)) writeDeletions(history, doc.clientID, log)
    })
  }
  const who = (fiche: Y.Doc, history: Y.Doc) => attribution(readParticipants(fiche), readDeletions(history))
  const runs = (segments: readonly AttributedSegment[], op: 'added' | 'removed') =>
    segments.filter((s) => s.op === op).map((s) => [s.text.trim(), s.author?.name ?? null])

  it('gives every character of a field the id of the item that holds it', () => {
    const a = base()
    const b = replica(2, bob, a)
    setYText(fieldText(b, 'city'), 'Rennes')
    const ids = charIds('city', 'Rennes', liveFieldIds(b, 'city'))
    expect(ids?.map((id) => id?.client)).toEqual([2, 2, 2, 2, 2, 2])
    // Sections: line breaks between paragraphs have no item; every other character has one.
    const value = readFiche(a).sections.description
    const sectionIds = charIds('description', value, liveFieldIds(a, 'description'))!
    const plain = 'Un atelier de réparation.\nOuvert le samedi.'
    expect(sectionIds).toHaveLength(plain.length)
    expect(sectionIds.map((id, i) => (id === null ? plain[i] : 'x')).join('')).toBe(
      `${'x'.repeat(25)}\n${'x'.repeat(17)}`,
    )
    // A value the ids do not fit (an old or malformed record) gets no attribution.
    expect(charIds('city', 'Brest', liveFieldIds(b, 'city'))).toBeNull()
  })

  it('colours each inserted and deleted run of a version with several authors by its own author', () => {
    const a = base()
    const history = new Y.Doc()
    const v1 = record(history, a, 1000)!
    const b = replica(2, bob, a)
    logDeletions(a, history)
    logDeletions(b, history)
    // Alice inserts a word into the first paragraph; Bob replaces the second paragraph.
    const first = sectionFragment(a, 'description').get(0) as Y.XmlElement
    ;(first.get(0) as Y.XmlText).insert('Un atelier'.length, ' vélo')
    const fragment = sectionFragment(b, 'description')
    fragment.delete(1, 1)
    fragment.insert(1, [new Y.XmlElement('paragraph')])
    ;(fragment.get(1) as Y.XmlElement).insert(0, [new Y.XmlText('Fermé pour travaux.')])
    exchange(a, b)
    const v2 = record(history, a, 2000)!
    expect(v2.authors.map((p) => p.name).sort()).toEqual(['Alice', 'Bob'])

    const current = readFiche(a)
    const side = (v: VersionRecord) => {
      const value = versionFiche(history, v, current).fiche.sections.description
      return { value, ids: charIds('description', value, versionIds(history, v).description) }
    }
    const segments = attributedDiff('description', side(v1), side(v2), who(a, history))
    expect(runs(segments, 'added')).toEqual([
      ['vélo', 'Alice'],
      ['Fermé pour travaux.', 'Bob'],
    ])
    expect(runs(segments, 'removed')).toEqual([['Ouvert le samedi.', 'Bob']])
    // The same against the live fiche ("compare with now").
    const now = attributedDiff(
      'description',
      side(v1),
      {
        value: current.sections.description,
        ids: charIds('description', current.sections.description, liveFieldIds(a, 'description')),
      },
      who(a, history),
    )
    expect(now).toEqual(segments)
  })

  it('names who changed a choice, and who deleted what even when two sessions deleted it', () => {
    const a = base()
    const history = new Y.Doc()
    const v1 = record(history, a, 1000)!
    const b = replica(2, bob, a)
    setChoice(b, 'actorType', 'commune', 'Bob')
    exchange(a, b)
    const v2 = record(history, a, 2000)!
    expect(
      valueAuthors(versionIds(history, v1).actorType, versionIds(history, v2).actorType, who(a, history)),
    ).toEqual({ added: [bob], removed: [] })

    const log = (ranges: [number, number, number][]) => {
      const l = new DeletionLog()
      for (const [client, clock, len] of ranges) l.add({ clients: new Map([[client, [{ clock, len }]]]) })
      return l
    }
    const h = new Y.Doc()
    writeDeletions(h, 7, log([[1, 0, 10]]))
    writeDeletions(h, 5, log([[1, 5, 2]]))
    writeDeletions(h, 9, log([[1, 20, 3]]))
    const index = readDeletions(h)
    expect([4, 5, 6, 7, 21, 30].map((clock) => deleterOf(index, { client: 1, clock }))).toEqual([
      7,
      5,
      5,
      7,
      9,
      null,
    ])
    // Malformed entries from a peer are ignored.
    deletionsMap(h).set('8', { c: [1], r: [3, 0, 1] })
    expect(readDeletions(h).get(1)).toHaveLength(3)
  })

  it('keeps the ids of the versions thinning keeps', () => {
    const fiche = base()
    const history = new Y.Doc()
    for (let i = 0; i < 4; i++) {
      setYText(fieldText(fiche, 'city'), `Ville ${i}`)
      record(history, fiche, i * 60_000)
    }
    thinHistory(history, 3 * 24 * 3_600_000)
    const [last] = listVersions(history)
    const ids = versionIds(history, last!)
    expect(Object.keys(ids).sort()).toEqual([...HISTORY_FIELDS].sort())
    expect(charIds('city', 'Ville 3', ids.city)).toHaveLength(7)
  })
})

describe('list attribution', () => {
  it('names who added and who removed list values', () => {
    const a = base()
    const history = new Y.Doc()
    addToList(a, 'tags', 'vélo')
    const v1 = record(history, a, 1000)!
    const b = replica(2, bob, a)
    const log = new DeletionLog()
    b.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.local && log.add(tr.deleteSet)) writeDeletions(history, b.clientID, log)
    })
    removeFromList(b, 'tags', 'vélo')
    addToList(b, 'tags', 'atelier')
    exchange(a, b)
    const v2 = record(history, a, 2000)!
    const who = attribution(readParticipants(a), readDeletions(history))
    expect(valueAuthors(versionIds(history, v1).tags, versionIds(history, v2).tags, who)).toEqual({
      added: [bob],
      removed: [bob],
    })
  })
})

describe('session versions', () => {
  it('end of a session: the version its last burst made becomes the session’s, with who was there', () => {
    const fiche = base()
    const history = new Y.Doc()
    record(history, fiche, 1000)
    setYText(fieldText(fiche, 'city'), 'Morlaix')
    record(history, fiche, 2000) // the burst went quiet
    const session = recordVersion(history, fiche, {
      kind: 'session',
      at: 3000,
      by: alice,
      participants: [alice, bob],
    })
    expect(session?.kind).toBe('session')
    expect(listVersions(history).map((v) => v.kind)).toEqual(['auto', 'session'])
    expect(listVersions(history)[1]?.participants.map((p) => p.name)).toEqual(['Alice', 'Bob'])
    expect(listVersions(history)[1]?.authors.map((p) => p.name)).toEqual(['Alice'])
    // Bob leaving the same session later adds nothing new: nothing recorded.
    expect(
      recordVersion(history, fiche, { kind: 'session', at: 4000, by: bob, participants: [bob] }),
    ).toBeNull()
    // A session that changed something after the last version gets a version of its own.
    setYText(fieldText(fiche, 'city'), 'Lannion')
    const next = recordVersion(history, fiche, { kind: 'session', at: 5000, by: bob, participants: [bob] })
    expect(next?.kind).toBe('session')
    expect(listVersions(history)).toHaveLength(3)
  })
})

describe('origin version', () => {
  /** A seeded fiche: written by a client with no participant entry, created on 1 June 2020. */
  const seeded = (): Y.Doc => {
    const doc = replica(7, null)
    writeFiche(doc, {
      ...emptyFiche('Restaurant', 'Au restaurant avec les voisins', Date.UTC(2020, 5, 1)),
      sections: {
        ...emptyFiche('Restaurant', 'x').sections,
        description: [paragraph([text('Les moments de préparation des repas.')])],
      },
    })
    return doc
  }
  const copyOf = (doc: Y.Doc): Y.Doc => {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    return copy
  }

  it('the state before the first edit comes first, dated at creation; the first edit compares with it', () => {
    const fiche = seeded()
    const history = new Y.Doc()
    const before = copyOf(fiche)
    const edited = replica(2, alice, fiche)
    setYText(fieldText(edited, 'city'), 'Brest')
    const origin = recordOrigin(history, before, 5_000_000_000_000)
    const first = record(history, edited, 5_000_000_000_001)
    const versions = listVersions(history)
    expect(versions.map((v) => v.kind)).toEqual(['origin', 'auto'])
    expect(origin?.at).toBe(Date.UTC(2020, 5, 1))
    expect(origin?.unknownAuthors).toBe(1)
    expect(versionFiche(history, origin!, readFiche(edited)).fiche.city).toBe('')
    // Only Alice's change, not the whole imported fiche.
    expect(first?.summary).toEqual({ fields: ['city'], added: 5, removed: 0 })
    expect(first?.authors.map((a) => a.name)).toEqual(['Alice'])
    expect(previousVersion(versions, first!)?.id).toBe(origin?.id)
    // Kept by thinning, and never turned into a session's version.
    expect(versionsToThin(versions, 5_000_000_000_001 + 400 * 24 * 3_600_000)).not.toContain(origin?.id)
  })

  it('two devices recording the origin at once (from different states) leave one origin', () => {
    const fiche = seeded()
    const early = copyOf(fiche)
    const later = replica(3, bob, fiche)
    setYText(fieldText(later, 'city'), 'Brest')
    const historyA = new Y.Doc()
    const historyB = new Y.Doc()
    recordOrigin(historyA, early, 5_000_000_000_000)
    recordOrigin(historyB, later, 5_000_000_000_000)
    exchange(historyA, historyB)
    expect(listVersions(historyA).map((v) => v.kind)).toEqual(['origin'])
    expect(listVersions(historyA)).toEqual(listVersions(historyB))
  })

  it('none once the history has a version, none for an empty fiche', () => {
    const fiche = seeded()
    const history = new Y.Doc()
    record(history, fiche, 1000)
    expect(recordOrigin(history, copyOf(fiche), 2000)).toBeNull()
    expect(recordOrigin(new Y.Doc(), new Y.Doc(), 2000)).toBeNull()
  })

  it('a session ending on the origin state records a session version, the origin stays', () => {
    const fiche = seeded()
    const history = new Y.Doc()
    recordOrigin(history, copyOf(fiche), 3000)
    const session = recordVersion(history, fiche, {
      kind: 'session',
      at: 4000,
      by: alice,
      participants: [alice],
    })
    expect(session).toBeNull()
    expect(listVersions(history).map((v) => v.kind)).toEqual(['origin'])
  })
})

describe('stored item ids', () => {
  it('round-trip through their bytes; malformed bytes or JSON read as nothing', () => {
    const runs = new IdRuns()
    runs.push(3_000_000_000, 10, 5)
    runs.push(3_000_000_000, 15, 2) // continues the run: merged
    runs.push(7, 0, 1)
    runs.push(3_000_000_000, 4, 3) // goes back: a negative clock step
    const ids = runs.encode()
    expect(ids).toEqual({ c: [3_000_000_000, 7], r: [0, 10, 7, 1, 0, 1, 0, 4, 3] })
    const bytes = packIds(ids)
    expect(unpackIds(bytes)).toEqual(ids)
    expect(bytes.length).toBeLessThan(JSON.stringify(ids).length / 2)
    expect(unpackIds(JSON.stringify(ids))).toEqual(ids)
    expect(unpackIds(bytes.subarray(0, bytes.length - 1))).toBeUndefined()
    expect(unpackIds(new Uint8Array([200, 200, 200, 200, 1]))).toBeUndefined()
    expect(unpackIds(new Uint8Array([1, 5, 1, 3, 0, 1]))).toBeUndefined() // client index 3 of 1
    expect(unpackIds('{"c":[1],"r":[0,1]}')).toBeUndefined()
    expect(unpackIds(42)).toBeUndefined()
  })
})
