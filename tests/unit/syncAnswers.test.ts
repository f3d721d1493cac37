/** Answers to sync step 1 reused while the document stays the same (relay/src/sync/syncAnswers.ts). */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createSyncAnswers } from '../../relay/src/sync/syncAnswers.ts'

const largeDoc = (): Y.Doc => {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, 'x'.repeat(100_000))
  return doc
}

describe('sync answers', () => {
  it('encodes the answer to a state vector once while the document is unchanged', () => {
    const doc = largeDoc()
    const answers = createSyncAnswers()
    let encodings = 0
    const encode = () => {
      encodings++
      return Y.encodeStateAsUpdate(doc)
    }
    const empty = Y.encodeStateVector(new Y.Doc())
    const first = answers.get(empty, encode, true)
    const second = answers.get(new Uint8Array(empty), encode, true)
    expect(second).toBe(first)
    expect(encodings).toBe(1)
    // Another question is another answer.
    const partial = Y.encodeStateVector(doc)
    expect(answers.get(partial, () => Y.encodeStateAsUpdate(doc, partial), true)).not.toBe(first)
  })

  it('answers from the current document once cleared', () => {
    const doc = largeDoc()
    const answers = createSyncAnswers()
    const empty = Y.encodeStateVector(new Y.Doc())
    const before = answers.get(empty, () => Y.encodeStateAsUpdate(doc), true)
    expect(answers.holding).toBe(true)
    doc.getText('t').insert(0, 'new ')
    answers.clear()
    const after = answers.get(empty, () => Y.encodeStateAsUpdate(doc), true)
    expect(after).not.toBe(before)
    const joiner = new Y.Doc()
    Y.applyUpdate(joiner, after)
    expect(joiner.getText('t').toString().startsWith('new x')).toBe(true)
  })

  it('keeps neither small answers nor answers it is told not to keep, and at most maxEntries', () => {
    const answers = createSyncAnswers({ minBytes: 10, maxEntries: 2 })
    const small = new Uint8Array(5)
    const large = new Uint8Array(50)
    expect(answers.get(new Uint8Array([0]), () => small, true)).toBe(small)
    expect(answers.holding).toBe(false)
    answers.get(new Uint8Array([1]), () => large, false)
    expect(answers.holding).toBe(false)
    const a = answers.get(new Uint8Array([1]), () => new Uint8Array(50), true)
    answers.get(new Uint8Array([2]), () => new Uint8Array(50), true)
    answers.get(new Uint8Array([3]), () => new Uint8Array(50), true)
    // [1] was the oldest: gone, so asked again it is encoded again.
    expect(answers.get(new Uint8Array([1]), () => new Uint8Array(50), true)).not.toBe(a)
  })
})
