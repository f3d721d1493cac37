import {
  type ChoiceAttempt,
  choiceConflicts,
  choiceLogArray,
  concurrentLosers,
  MAX_ATTEMPTS,
  readAttempts,
  setChoice,
} from '@kenlabour/shared/choiceLog'
import { choicesMap } from '@kenlabour/shared/ficheDoc'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

const a = (value: string | null, prev: string | null, by = 'x'): ChoiceAttempt => ({ value, prev, by, at: 0 })

/** Sends each doc's missing updates to the other, as two replicas meeting would. */
const exchange = (x: Y.Doc, y: Y.Doc): void => {
  Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)))
  Y.applyUpdate(x, Y.encodeStateAsUpdate(y, Y.encodeStateVector(x)))
}

describe('concurrentLosers', () => {
  it.each([
    ['no attempt', null, [], []],
    ['a single pick', 'commune', [a('commune', null)], []],
    ['sequential picks', 'pays', [a('commune', null), a('pays', 'commune')], []],
    ['two concurrent picks', 'pays', [a('commune', null, 'Alice'), a('pays', null, 'Bob')], ['Alice']],
    ['winner logged first', 'pays', [a('pays', null, 'Bob'), a('commune', null, 'Alice')], ['Alice']],
    [
      'three concurrent picks',
      'region',
      [a('commune', null, 'A'), a('pays', null, 'B'), a('region', null, 'C')],
      ['A', 'B'],
    ],
    [
      'a later pick after the conflict settles it',
      'quartier',
      [a('commune', null, 'A'), a('pays', null, 'B'), a('quartier', 'pays', 'C')],
      [],
    ],
    [
      'someone re-picks the loser: the former winner is not a concurrent loser',
      'commune',
      [a('commune', null, 'A'), a('pays', null, 'B'), a('commune', 'pays', 'C')],
      [],
    ],
    ['an unknown current value (written without the log)', 'autre', [a('commune', null)], []],
  ] as const)('%s', (_name, current, attempts, losers) => {
    expect(concurrentLosers(current, attempts).map((l) => l.by)).toEqual(losers)
  })
})

describe('setChoice on replicas', () => {
  it('two concurrent picks converge on one value and the other is reported as the loser', () => {
    const alice = new Y.Doc()
    const bob = new Y.Doc()
    setChoice(alice, 'scale', 'commune', 'Alice')
    setChoice(bob, 'scale', 'pays', 'Bob')
    exchange(alice, bob)
    const winner = choicesMap(alice).get('scale')
    expect(choicesMap(bob).get('scale')).toBe(winner)
    expect(['commune', 'pays']).toContain(winner)
    for (const doc of [alice, bob]) {
      const losers = choiceConflicts(doc, 'scale')
      expect(losers).toHaveLength(1)
      expect(losers[0]!.value).toBe(winner === 'pays' ? 'commune' : 'pays')
      expect(losers[0]!.by).toBe(winner === 'pays' ? 'Alice' : 'Bob')
    }
    // A pick made after seeing the conflict settles it.
    setChoice(bob, 'scale', 'region', 'Bob')
    exchange(alice, bob)
    expect(choiceConflicts(alice, 'scale')).toEqual([])
  })

  it('writes nothing when the value does not change, and keeps the log short', () => {
    const doc = new Y.Doc()
    let updates = 0
    doc.on('update', () => updates++)
    setChoice(doc, 'actorType', null, 'A')
    expect(updates).toBe(0)
    for (let i = 0; i < MAX_ATTEMPTS + 10; i++) setChoice(doc, 'actorType', `v${i}`, 'A')
    expect(choiceLogArray(doc, 'actorType').length).toBe(MAX_ATTEMPTS)
  })

  it('passes the origin to the transaction (undo tracks it)', () => {
    const doc = new Y.Doc()
    const origin = { local: true }
    const undo = new Y.UndoManager([choicesMap(doc), choiceLogArray(doc, 'scale')], {
      trackedOrigins: new Set([origin]),
    })
    setChoice(doc, 'scale', 'commune', 'A', origin)
    undo.undo()
    expect(choicesMap(doc).get('scale') ?? null).toBe(null)
    expect(choiceLogArray(doc, 'scale').length).toBe(0)
  })

  it('ignores malformed log entries from peers', () => {
    expect(readAttempts([null, 3, { value: 4, by: 7 }, { value: 'x', prev: '', by: 'B', at: 5 }])).toEqual([
      { value: null, prev: null, by: '', at: 0 },
      { value: 'x', prev: null, by: 'B', at: 5 },
    ])
  })
})
