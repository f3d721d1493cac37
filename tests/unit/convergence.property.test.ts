/**
 * Convergence, property-based (fast-check): replicas of one fiche edit at random (text fields,
 * keyword list, section paragraphs, choices) on a deterministic fake network in the style of yjs's
 * `TestConnector`, with random partitions, reconnections, lost frames and relay restarts. After
 * healing, every replica and the relay's stored state hold the same fiche, every inserted token
 * that was not deleted is there exactly once, and every deleted one is gone.
 *
 * The fake relay behaves as the real one (relay/PROTOCOL.md): it applies what it receives, stores
 * only what was new (the doc's own `update` event, so updates with missing dependencies stay in
 * memory and are lost on restart), and a restart drops its memory and every connection while the
 * store survives. A connection starts with both sync steps; frames in flight die with it.
 * fast-check's seed drives everything (replay a failure with the seed it prints).
 */
import { emptyFiche } from '@kenlabour/shared/fiche'
import {
  fieldText,
  listArray,
  readFiche,
  sectionFragment,
  titleText,
  writeFiche,
} from '@kenlabour/shared/ficheDoc'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'

type Frame = { kind: 'step1'; sv: Uint8Array } | { kind: 'update'; update: Uint8Array }

class FakeRelay {
  store: Uint8Array[] = []
  #doc: Y.Doc | null = null

  constructor(base: Uint8Array) {
    this.store.push(base)
  }

  /** The in-memory doc, rebuilt from the store after a restart (as rooms load from storage). */
  get doc(): Y.Doc {
    if (!this.#doc) {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Y.mergeUpdates(this.store))
      doc.on('update', (update: Uint8Array) => this.store.push(update))
      this.#doc = doc
    }
    return this.#doc
  }

  restart(): void {
    this.#doc?.destroy()
    this.#doc = null
  }
}

interface Replica {
  readonly doc: Y.Doc
  online: boolean
  toRelay: Frame[]
  fromRelay: Frame[]
}

const TEXT_TARGETS = ['title', 'city', 'actorName'] as const
type TextTarget = (typeof TEXT_TARGETS)[number]

const textOf = (doc: Y.Doc, target: TextTarget): Y.Text =>
  target === 'title' ? titleText(doc) : fieldText(doc, target)

type Action =
  | { type: 'edit'; replica: number; op: number; target: number; pick: number }
  | { type: 'deliver'; replica: number; toRelay: boolean; count: number }
  | { type: 'disconnect'; replica: number }
  | { type: 'connect'; replica: number }
  | { type: 'restart' }

const actionArb = (replicas: number): fc.Arbitrary<Action> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        type: fc.constant('edit' as const),
        replica: fc.nat(replicas - 1),
        op: fc.nat(9),
        target: fc.nat(99),
        pick: fc.nat(999),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        type: fc.constant('deliver' as const),
        replica: fc.nat(replicas - 1),
        toRelay: fc.boolean(),
        count: fc.integer({ min: 1, max: 4 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('disconnect' as const), replica: fc.nat(replicas - 1) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('connect' as const), replica: fc.nat(replicas - 1) }),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'restart' as const }) },
  )

/** Token boundaries of a text made only of whole tokens `«…»`: 0 and after every `»`. */
const boundaries = (text: string): number[] => {
  const out = [0]
  for (let i = 0; i < text.length; i++) if (text[i] === '»') out.push(i + 1)
  return out
}

const tokensIn = (text: string): string[] => text.match(/«[^»]*»/g) ?? []

const run = (replicaCount: number, actions: Action[]) => {
  const base = new Y.Doc()
  writeFiche(base, emptyFiche('prop', '«base»', 0))
  const relay = new FakeRelay(Y.encodeStateAsUpdate(base))
  const inserted = new Set<string>()
  const deleted = new Set<string>()
  let counter = 0

  const replicas: Replica[] = Array.from({ length: replicaCount }, (_, i) => {
    const doc = new Y.Doc()
    doc.clientID = i + 1
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
    const replica: Replica = { doc, online: false, toRelay: [], fromRelay: [] }
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      // Local changes go out on an open socket; offline ones wait for the next sync step 2.
      if (origin !== relay && replica.online) replica.toRelay.push({ kind: 'update', update })
    })
    return replica
  })
  // Relay → every other online replica, as the room broadcasts.
  const broadcast = (from: Replica | null, update: Uint8Array) => {
    for (const r of replicas) if (r !== from && r.online) r.fromRelay.push({ kind: 'update', update })
  }

  const connect = (r: Replica) => {
    if (r.online) return
    r.online = true
    r.fromRelay.push({ kind: 'step1', sv: Y.encodeStateVector(relay.doc) })
    r.toRelay.push({ kind: 'step1', sv: Y.encodeStateVector(r.doc) })
  }
  const disconnect = (r: Replica) => {
    r.online = false
    r.toRelay = []
    r.fromRelay = []
  }

  const deliverToRelay = (r: Replica) => {
    const frame = r.toRelay.shift()
    if (!frame) return
    const doc = relay.doc
    if (frame.kind === 'step1') {
      r.fromRelay.push({ kind: 'update', update: Y.encodeStateAsUpdate(doc, frame.sv) })
      return
    }
    const before = Y.encodeStateVector(doc)
    Y.applyUpdate(doc, frame.update, r)
    // Broadcast what was new (the relay forwards what it stored).
    const fresh = Y.encodeStateAsUpdate(doc, before)
    broadcast(r, fresh)
  }
  const deliverToReplica = (r: Replica) => {
    const frame = r.fromRelay.shift()
    if (!frame) return
    if (frame.kind === 'step1')
      r.toRelay.push({ kind: 'update', update: Y.encodeStateAsUpdate(r.doc, frame.sv) })
    else Y.applyUpdate(r.doc, frame.update, relay)
  }

  const edit = (r: Replica, op: number, target: number, pick: number) => {
    const doc = r.doc
    const token = `«${doc.clientID}.${counter++}»`
    if (op <= 3) {
      const text = textOf(doc, TEXT_TARGETS[target % TEXT_TARGETS.length]!)
      const spots = boundaries(text.toString())
      text.insert(spots[pick % spots.length]!, token)
      inserted.add(token)
    } else if (op === 4) {
      const text = textOf(doc, TEXT_TARGETS[target % TEXT_TARGETS.length]!)
      const tokens = tokensIn(text.toString())
      if (tokens.length === 0) return
      const victim = tokens[pick % tokens.length]!
      text.delete(text.toString().indexOf(victim), victim.length)
      deleted.add(victim)
    } else if (op === 5) {
      const list = listArray(doc, 'keywords')
      list.insert(pick % (list.length + 1), [token])
      inserted.add(token)
    } else if (op === 6) {
      const list = listArray(doc, 'keywords')
      if (list.length === 0) return
      const index = pick % list.length
      deleted.add(list.get(index))
      list.delete(index, 1)
    } else if (op === 7) {
      const fragment = sectionFragment(doc, target % 2 === 0 ? 'description' : 'limits')
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(token)])
      fragment.insert(pick % (fragment.length + 1), [paragraph])
      inserted.add(token)
    } else if (op === 8) {
      const fragment = sectionFragment(doc, target % 2 === 0 ? 'description' : 'limits')
      if (fragment.length === 0) return
      const index = pick % fragment.length
      const paragraph = fragment.get(index)
      for (const t of tokensIn(paragraph.toString())) deleted.add(t)
      fragment.delete(index, 1)
    } else {
      doc.getMap('choices').set('scale', ['commune', 'pays', 'region'][pick % 3]!)
    }
  }

  for (const action of actions) {
    switch (action.type) {
      case 'edit':
        edit(replicas[action.replica]!, action.op, action.target, action.pick)
        break
      case 'deliver': {
        const r = replicas[action.replica]!
        for (let i = 0; i < action.count; i++) {
          if (action.toRelay) deliverToRelay(r)
          else deliverToReplica(r)
        }
        break
      }
      case 'disconnect':
        disconnect(replicas[action.replica]!)
        break
      case 'connect':
        connect(replicas[action.replica]!)
        break
      case 'restart':
        relay.restart()
        for (const r of replicas) disconnect(r)
        break
    }
  }

  // Heal: everyone connects and every frame is delivered until the network is quiet.
  for (const r of replicas) connect(r)
  for (let guard = 0; guard < 10_000; guard++) {
    const busy = replicas.filter((r) => r.toRelay.length > 0 || r.fromRelay.length > 0)
    if (busy.length === 0) break
    for (const r of busy) {
      deliverToRelay(r)
      deliverToReplica(r)
    }
  }

  const stored = new Y.Doc()
  Y.applyUpdate(stored, Y.mergeUpdates(relay.store))
  return { replicas: replicas.map((r) => r.doc), stored, inserted, deleted }
}

const everyToken = (doc: Y.Doc): string[] => {
  const fiche = readFiche(doc)
  return [
    ...TEXT_TARGETS.flatMap((t) => tokensIn(textOf(doc, t).toString())),
    ...fiche.keywords,
    ...tokensIn(sectionFragment(doc, 'description').toString()),
    ...tokensIn(sectionFragment(doc, 'limits').toString()),
  ]
}

describe('convergence under partitions, reconnections and relay restarts', () => {
  test('all replicas and the relay end identical, with every live insertion and no deleted one', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 4 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(actionArb(n), { minLength: 1, maxLength: 120 }))),
        ([n, actions]) => {
          const { replicas, stored, inserted, deleted } = run(n, actions)
          const expected = readFiche(stored)
          for (const doc of replicas) {
            expect(readFiche(doc)).toEqual(expected)
            expect(doc.getXmlFragment('section:description').toJSON()).toBe(
              stored.getXmlFragment('section:description').toJSON(),
            )
          }
          const present = everyToken(stored)
          expect(new Set(present).size).toBe(present.length)
          for (const token of inserted) {
            expect(present.includes(token)).toBe(!deleted.has(token))
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
