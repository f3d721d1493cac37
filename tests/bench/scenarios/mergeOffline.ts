/**
 * Merge after offline work, in Yjs alone (no network, no browser): two replicas of one fiche each
 * make 1,000 edits offline (typing at random places in its sections, some deletions, a few new
 * paragraphs), then sync as a reconnecting client does: each sends what the other's state vector
 * lacks and applies what it receives. Target: under 50 ms for the whole exchange
 * (shown against the figure in the report; missing it is a finding, not an invalid run).
 */
import { performance } from 'node:perf_hooks'
import { emptyFiche } from '@kenlabour/shared/fiche'
import { writeFiche } from '@kenlabour/shared/ficheDoc'
import { SECTION_KEYS } from '@kenlabour/shared/form'
import * as Y from 'yjs'
import { seededRandom } from '../load/largeFiche.ts'
import type { Measurement, RunOptions, Scenario, Subject } from './types.ts'

const TARGET_MS = 50

const yjs: Subject = {
  name: 'yjs',
  label: 'Yjs in Node (no network)',
  unavailable: () => null,
}

const edits = (options: RunOptions) => (options.quick ? 200 : 1_000)

/** A fiche with a few paragraphs in every section: what two people both had before going offline. */
const baseFiche = (): Uint8Array => {
  const doc = new Y.Doc()
  writeFiche(doc, emptyFiche('offline', 'Fiche éditée hors ligne', 0))
  for (const key of SECTION_KEYS) {
    const fragment = doc.getXmlFragment(`section:${key}`)
    for (let i = 0; i < 3; i++) {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Un paragraphe de départ, écrit avant la coupure du réseau. ')])
      fragment.insert(fragment.length, [paragraph])
    }
  }
  return Y.encodeStateAsUpdate(doc)
}

/** One offline edit, one transaction (as each keystroke is in the editor). */
const edit = (doc: Y.Doc, random: () => number): void => {
  const fragment = doc.getXmlFragment(`section:${SECTION_KEYS[Math.floor(random() * SECTION_KEYS.length)]!}`)
  const roll = random()
  doc.transact(() => {
    if (roll < 0.03) {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('nouveau ')])
      fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph])
      return
    }
    const paragraph = fragment.get(Math.floor(random() * fragment.length))
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
    if (!(text instanceof Y.XmlText)) return
    const at = Math.floor(random() * (text.length + 1))
    if (roll < 0.15 && text.length > 1) text.delete(Math.min(at, text.length - 1), 1)
    else text.insert(at, 'abcdefghijklmnopqrstuvwxyz '[Math.floor(random() * 27)]!)
  })
}

const replica = (base: Uint8Array, clientID: number): Y.Doc => {
  const doc = new Y.Doc()
  doc.clientID = clientID
  Y.applyUpdate(doc, base)
  return doc
}

const sync = (a: Y.Doc, b: Y.Doc): { ms: number; aToB: number; bToA: number } => {
  const t0 = performance.now()
  const aToB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const bToA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, aToB)
  Y.applyUpdate(a, bToA)
  return { ms: performance.now() - t0, aToB: aToB.length, bToA: bToA.length }
}

const content = (doc: Y.Doc): string =>
  SECTION_KEYS.map((k) => doc.getXmlFragment(`section:${k}`).toString()).join('\n')

const measureOnce = (n: number, seed: number) => {
  const base = baseFiche()
  const a = replica(base, 1_000 + seed)
  const b = replica(base, 2_000 + seed)
  const randomA = seededRandom(seed)
  const randomB = seededRandom(seed + 7)
  const t0 = performance.now()
  for (let i = 0; i < n; i++) edit(a, randomA)
  for (let i = 0; i < n; i++) edit(b, randomB)
  const editUs = ((performance.now() - t0) * 1000) / (2 * n)
  const ownA = Y.getState(a.store, a.clientID)
  const ownB = Y.getState(b.store, b.clientID)
  const merged = sync(a, b)
  const converged =
    content(a) === content(b) &&
    Y.getState(a.store, b.clientID) === ownB &&
    Y.getState(b.store, a.clientID) === ownA
  return { ...merged, editUs, converged }
}

export const mergeOffline: Scenario = {
  name: 'merge-offline',
  summary: (options) =>
    `two replicas of one fiche, ${edits(options)} offline edits each (typing at random places, deletions, new paragraphs), then a two-way state-vector sync; Yjs only`,
  subjects: () => [yjs],
  measure: async (_subject, options): Promise<Measurement> => {
    measureOnce(edits(options), 1) // warm-up: the first merge in a process also pays for the JIT
    const result = measureOnce(edits(options), 1 + Math.floor(Math.random() * 1e6))
    return {
      figures: {
        mergeMs: {
          label: 'merge (both directions)',
          unit: 'ms',
          value: result.ms,
          digits: 1,
          target: TARGET_MS,
        },
        aToB: { label: 'update A → B', unit: 'KB', value: result.aToB / 1024, digits: 1 },
        bToA: { label: 'update B → A', unit: 'KB', value: result.bToA / 1024, digits: 1 },
        editUs: { label: 'one offline edit', unit: 'µs', value: result.editUs, digits: 0, context: true },
      },
      checks: [
        {
          name: 'converged',
          ok: result.converged,
          detail: result.converged
            ? 'both replicas identical, every edit of each present in the other'
            : 'replicas differ after the merge',
        },
      ],
    }
  },
}
