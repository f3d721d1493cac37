/**
 * The caret hub (client/src/sync/caretHub.ts): a section's view tells its editor when a remote
 * caret in it moves, arrives or leaves, and stays quiet for carets elsewhere and for our own; a
 * caret pointing into text not received yet leaves its old section at once and is placed when the
 * text arrives; a section a remote edit redrew in the same frame is not redrawn again. Two replicas
 * and their awareness, exchanging updates by hand.
 */
import { describe, expect, test } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CaretHub } from '../../client/src/sync/caretHub.ts'
import { FramePhase, onNextFrame } from '../../client/src/sync/frameTasks.ts'
import { waitFor } from '../helpers/waitFor.ts'

const SECTIONS = ['section:description', 'section:levers', 'section:limits'] as const

const replica = () => {
  const doc = new Y.Doc()
  return { doc, awareness: new Awareness(doc) }
}

const fill = (doc: Y.Doc) => {
  doc.transact(() => {
    for (const name of SECTIONS) {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(`texte de ${name}`)])
      doc.getXmlFragment(name).insert(0, [paragraph])
    }
  })
}

const textIn = (doc: Y.Doc, section: string): Y.XmlText =>
  (doc.getXmlFragment(section).get(0) as Y.XmlElement).get(0) as Y.XmlText

describe('caret hub', () => {
  test('tells only the sections a remote caret is in, was in, or arrives in', async () => {
    const local = replica()
    const remote = replica()
    fill(remote.doc)
    Y.applyUpdate(local.doc, Y.encodeStateAsUpdate(remote.doc))
    const hub = new CaretHub(local.awareness, local.doc)
    const told = Object.fromEntries(SECTIONS.map((s) => [s, 0])) as Record<string, number>
    for (const section of SECTIONS) {
      hub.viewFor(local.doc.getXmlFragment(section)).on('change', () => told[section]!++)
    }
    const sendPresence = () =>
      applyAwarenessUpdate(
        local.awareness,
        encodeAwarenessUpdate(remote.awareness, [remote.doc.clientID]),
        'relay',
      )
    const caretAt = (section: string, index: number) => {
      const position = Y.createRelativePositionFromTypeIndex(textIn(remote.doc, section), index, -1)
      remote.awareness.setLocalStateField('cursor', { anchor: position, head: position })
      sendPresence()
    }
    remote.awareness.setLocalStateField('user', { name: 'Distante', color: '#1d4e89' })

    caretAt('section:description', 3)
    await waitFor(() => told['section:description'] === 1, 2_000, 'description told')
    expect(told).toEqual({ 'section:description': 1, 'section:levers': 0, 'section:limits': 0 })

    // Our own caret moving tells nobody; a remote one moving to another section tells both.
    const own = Y.createRelativePositionFromTypeIndex(textIn(local.doc, 'section:limits'), 1)
    local.awareness.setLocalStateField('cursor', { anchor: own, head: own })
    caretAt('section:levers', 2)
    await waitFor(() => told['section:levers'] === 1, 2_000, 'levers told')
    expect(told).toEqual({ 'section:description': 2, 'section:levers': 1, 'section:limits': 0 })

    // A caret after text the local replica does not have yet: levers loses it at once, limits
    // draws it with the text (its editor redraws on content changes), and is told of later moves.
    const before = Y.encodeStateVector(local.doc)
    textIn(remote.doc, 'section:limits').insert(0, 'nouveau ')
    caretAt('section:limits', 8)
    await waitFor(() => told['section:levers'] === 2, 2_000, 'levers told of the departure')
    expect(told['section:limits']).toBe(0)
    Y.applyUpdate(local.doc, Y.encodeStateAsUpdate(remote.doc, before), 'relay')
    caretAt('section:limits', 4)
    await waitFor(() => told['section:limits'] === 1, 2_000, 'limits told')
    expect(told).toEqual({ 'section:description': 2, 'section:levers': 2, 'section:limits': 1 })

    // Leaving: the section it was in is told.
    remote.awareness.setLocalState(null)
    sendPresence()
    await waitFor(() => told['section:limits'] === 2, 2_000, 'limits told of the leave')
    expect(told).toEqual({ 'section:description': 2, 'section:levers': 2, 'section:limits': 2 })
    hub.destroy()
    local.awareness.destroy()
    remote.awareness.destroy()
  })

  test('a burst of caret moves within one frame redraws the section once', async () => {
    const local = replica()
    const remote = replica()
    fill(remote.doc)
    Y.applyUpdate(local.doc, Y.encodeStateAsUpdate(remote.doc))
    const hub = new CaretHub(local.awareness, local.doc)
    let told = 0
    hub.viewFor(local.doc.getXmlFragment('section:description')).on('change', () => told++)
    const text = textIn(remote.doc, 'section:description')
    for (let i = 1; i <= 10; i++) {
      const position = Y.createRelativePositionFromTypeIndex(text, i, -1)
      remote.awareness.setLocalStateField('cursor', { anchor: position, head: position })
      applyAwarenessUpdate(
        local.awareness,
        encodeAwarenessUpdate(remote.awareness, [remote.doc.clientID]),
        'relay',
      )
    }
    await waitFor(() => told > 0, 2_000, 'told')
    expect(told).toBe(1)
    hub.destroy()
    local.awareness.destroy()
    remote.awareness.destroy()
  })

  test('a section a remote edit redrew after the caret moved is not redrawn again', async () => {
    const local = replica()
    const remote = replica()
    fill(remote.doc)
    Y.applyUpdate(local.doc, Y.encodeStateAsUpdate(remote.doc))
    const hub = new CaretHub(local.awareness, local.doc)
    let told = 0
    hub.viewFor(local.doc.getXmlFragment('section:description')).on('change', () => told++)
    const caretAt = (index: number) => {
      const text = textIn(remote.doc, 'section:description')
      const position = Y.createRelativePositionFromTypeIndex(text, index, -1)
      remote.awareness.setLocalStateField('cursor', { anchor: position, head: position })
      applyAwarenessUpdate(
        local.awareness,
        encodeAwarenessUpdate(remote.awareness, [remote.doc.clientID]),
        'relay',
      )
    }
    /** Resolves after the hub's pass of the coming frame (tasks of a phase run in order). */
    const frame = () => new Promise<void>((resolve) => onNextFrame(FramePhase.carets, resolve))

    caretAt(3)
    await frame()
    expect(told).toBe(1)

    // The caret moves, then (same frame) an edit of the section arrives: its editor redraws the
    // carets with the edit, from the presence that already holds the move; the pass skips it.
    caretAt(5)
    const before = Y.encodeStateVector(local.doc)
    textIn(remote.doc, 'section:description').insert(0, 'x')
    Y.applyUpdate(local.doc, Y.encodeStateAsUpdate(remote.doc, before), 'relay')
    await frame()
    expect(told).toBe(1)

    // Without an edit, the move is drawn by the pass.
    caretAt(7)
    await frame()
    expect(told).toBe(2)
    hub.destroy()
    local.awareness.destroy()
    remote.awareness.destroy()
  })
})
