/**
 * Pure parts of the client's sync layer: carrying a caret through a remote change of a text field,
 * what a relay close code means for reconnecting, and the relay's WebSocket origin.
 */
import { CloseCode } from '@kenlabour/shared/closeCodes'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { closeInfo, shouldReconnect } from '../../client/src/sync/connection.ts'
import { wsOriginOf } from '../../client/src/sync/docStore.ts'
import { type TextDelta, transformSelection } from '../../client/src/sync/selection.ts'

/** The delta a Y.Text observer sees when `change` is applied to a text holding `initial`. */
const deltaOf = (initial: string, change: (text: Y.Text) => void): TextDelta => {
  const doc = new Y.Doc()
  const text = doc.getText('t')
  text.insert(0, initial)
  let delta: TextDelta = []
  text.observe((event) => {
    delta = event.delta as TextDelta
  })
  change(text)
  return delta
}

describe('transformSelection', () => {
  const cases: [string, string, (t: Y.Text) => void, [number, number], [number, number]][] = [
    ['insert before the caret', 'hello world', (t) => t.insert(0, '>> '), [5, 5], [8, 8]],
    ['insert after the caret', 'hello world', (t) => t.insert(11, '!'), [5, 5], [5, 5]],
    ['insert at the caret stays after it', 'hello world', (t) => t.insert(5, ','), [5, 5], [5, 5]],
    ['delete before the caret', 'hello world', (t) => t.delete(0, 6), [8, 8], [2, 2]],
    ['delete around the caret', 'hello world', (t) => t.delete(3, 5), [5, 5], [3, 3]],
    ['delete after the caret', 'hello world', (t) => t.delete(6, 5), [5, 5], [5, 5]],
    ['selection grows with an insert inside', 'hello world', (t) => t.insert(7, 'XX'), [6, 11], [6, 13]],
    ['selection shrinks with a delete inside', 'hello world', (t) => t.delete(7, 2), [6, 11], [6, 9]],
    [
      'several changes at once',
      'abcdef',
      (t) =>
        t.doc!.transact(() => {
          t.insert(0, '12')
          t.delete(5, 1)
        }),
      [4, 4],
      [5, 5],
    ],
  ]
  for (const [name, initial, change, before, after] of cases) {
    test(name, () => {
      expect(transformSelection(deltaOf(initial, change), before[0], before[1])).toEqual(after)
    })
  }

  test('keeps the caret next to the same character through a concurrent edit', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    a.getText('t').insert(0, 'Brest, Quimper')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    // Caret in a after "Brest" (offset 5); b inserts a prefix and an ending meanwhile.
    b.getText('t').insert(0, 'Ville : ')
    b.getText('t').insert(b.getText('t').length, ' et Vannes')
    let delta: TextDelta = []
    a.getText('t').observe((event) => {
      delta = event.delta as TextDelta
    })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
    const [caret] = transformSelection(delta, 5, 5)
    expect(a.getText('t').toString().slice(0, caret)).toBe('Ville : Brest')
  })
})

describe('close codes', () => {
  test('refusals that retrying cannot fix stop reconnecting; transient ones do not', () => {
    for (const code of [
      CloseCode.InvalidDocumentName,
      CloseCode.Unauthorized,
      CloseCode.Forbidden,
      CloseCode.TooLarge,
      CloseCode.MalformedMessage,
    ]) {
      expect(shouldReconnect({ code })).toBe(false)
    }
    for (const code of [CloseCode.RateLimited, CloseCode.Restarting, 1000, 1001, 1006, 1011]) {
      expect(shouldReconnect({ code })).toBe(true)
    }
  })

  test('names the relay’s own codes only', () => {
    expect(closeInfo(4503, 'shutting down')).toEqual({
      code: 4503,
      reason: 'shutting down',
      name: 'Restarting',
    })
    expect(closeInfo(1006, '')).toEqual({ code: 1006, reason: '', name: null })
  })
})

test('the relay’s WebSocket origin follows the page’s', () => {
  expect(wsOriginOf({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080')
  expect(wsOriginOf({ protocol: 'https:', host: 'kenlabour.example' })).toBe('wss://kenlabour.example')
})
