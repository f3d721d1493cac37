/**
 * Whole-space sync against the real relay: `GET …/changes` then `POST /api/spaces/<space>/sync`,
 * driven by the client's own `syncSpace` over real HTTP, with a device kept as Y.Docs in memory. A
 * fresh device gets every document in two requests; a device up to date asks once and gets nothing;
 * after edits elsewhere (insertions and a deletion only) it sends state vectors for, and gets,
 * exactly the documents that changed; malformed input is a 400 with a reason; an unknown cursor a
 * 410 and a full comparison.
 */
import { readFiche } from '@kenlabour/shared/ficheDoc'
import { historyDocId, isHistoryDocId } from '@kenlabour/shared/history/docId'
import { toBase64 } from 'lib0/buffer'
import { afterEach, beforeAll, describe, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { syncSpace } from '../../client/src/sync/spaceSync.ts'
import { MemoryLocalDocs } from '../helpers/memoryLocalDocs.ts'
import { useRelayStage } from '../helpers/relayStage.ts'
import { waitFor } from '../helpers/waitFor.ts'

const SPACE = 'inspirations'
const stage = useRelayStage()
const { clients } = stage
const devices: MemoryLocalDocs[] = []

const device = (): MemoryLocalDocs => {
  const d = new MemoryLocalDocs()
  devices.push(d)
  return d
}

const post = (body: unknown, space = SPACE) =>
  fetch(`${stage.relay.url}/api/spaces/${space}/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

/** The demo space's editor token, from the link the relay prints (anyone may read it). */
const editorToken = (): string => {
  const token = /[?&]token=([^\s&]+)/.exec(stage.relay.output())?.[1]
  if (!token) throw new Error('the relay printed no editor link')
  return token
}

/** `fetch` that records the JSON bodies the client POSTs. */
const recordingFetch = () => {
  const bodies: { docs: { id: string }[] }[] = []
  const impl: typeof fetch = (input, init) => {
    if (typeof init?.body === 'string') bodies.push(JSON.parse(init.body))
    return fetch(input, init)
  }
  return { bodies, impl }
}

const editors: WebsocketProvider[] = []

/** A Node Y.Doc connected with the editor token, synced. */
const connectEditor = async (id: string): Promise<Y.Doc> => {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${stage.relay.wsUrl}/sync`, `${SPACE}/${id}`, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: editorToken() },
  })
  editors.push(provider)
  await waitFor(() => provider.synced, 10_000, `${id} to sync`)
  return doc
}

const relayFiche = async (id: string) => {
  const client = await clients.connectSynced(stage.relay, `${SPACE}/${id}`)
  try {
    return readFiche(client.doc)
  } finally {
    client.destroy()
  }
}

/**
 * Waits until the relay's store stops changing (the catalog rewrites `_index` 250 ms after a fiche
 * changes): its changes cursor stays the same for longer than that.
 */
const settled = async (): Promise<void> => {
  const cursor = async () =>
    ((await (await fetch(`${stage.relay.url}/api/spaces/${SPACE}/changes`)).json()) as { changes: string })
      .changes
  let before = await cursor()
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 400))
    const now = await cursor()
    if (now === before) return
    before = now
  }
}

// The relay's catalog upkeep settles before the first test and before the stage destroys the
// clients after each one.
beforeAll(settled)
afterEach(async () => {
  await settled()
  for (const provider of editors.splice(0)) {
    provider.destroy()
    provider.doc.destroy()
  }
  for (const d of devices.splice(0)) d.destroy()
})

describe('bulk sync', () => {
  test('a fresh device gets every document of the space in two requests', async () => {
    const local = device()
    const result = await syncSpace(stage.relay.url, SPACE, local)
    expect(result.requests).toBe(2)
    expect(result.changed).toContain('_index')
    // The fiches, and their histories (each seeded fiche's starts with its origin version).
    const histories = result.changed.filter(isHistoryDocId)
    const fiches = result.changed.filter((id) => id !== '_index' && !isHistoryDocId(id))
    expect(fiches).toHaveLength(20)
    expect(histories.sort()).toEqual(fiches.map(historyDocId).sort())
    const [first] = fiches
    expect(readFiche(local.doc(SPACE, first!))).toEqual(await relayFiche(first!))
  })

  test('an up-to-date device gets nothing, and then only what changed elsewhere', async () => {
    const local = device()
    const full = await syncSpace(stage.relay.url, SPACE, local)
    const again = await syncSpace(stage.relay.url, SPACE, local)
    expect(again.changed).toEqual([])
    expect(again.requests).toBe(1)
    expect(again.bytesReceived).toBeLessThan(200)
    expect(again.bytesSent).toBeLessThan(200)

    // Elsewhere: an insertion in one fiche, only a deletion (state vector unchanged) in another.
    const [typed, trimmed] = full.changed.filter((id) => id !== '_index') as [string, string]
    const a = await connectEditor(typed)
    a.getText('field:city').insert(0, 'Morlaix, ')
    const b = await connectEditor(trimmed)
    const title = b.getText('title')
    title.delete(title.length - 1, 1)
    const expectedTitle = title.toString()
    await waitFor(async () => (await relayFiche(trimmed)).title === expectedTitle, 10_000, 'deletion stored')
    await waitFor(async () => (await relayFiche(typed)).city.startsWith('Morlaix, '), 10_000, 'insert stored')

    const recorder = recordingFetch()
    const delta = await syncSpace(stage.relay.url, SPACE, local, recorder.impl)
    expect(delta.requests).toBe(2)
    expect(delta.changed.filter((id) => id !== '_index').sort()).toEqual([typed, trimmed].sort())
    // Bytes sent in proportion to the change too: state vectors of the changed documents only.
    expect(recorder.bodies).toHaveLength(1)
    const asked = recorder.bodies[0]!.docs.map((d) => d.id).filter((id) => id !== '_index')
    expect(asked.sort()).toEqual([typed, trimmed].sort())
    expect(readFiche(local.doc(SPACE, typed)).city.startsWith('Morlaix, ')).toBe(true)
    expect(readFiche(local.doc(SPACE, trimmed)).title).toBe(expectedTitle)
    // Bytes in proportion to the change: far less than the first full download.
    expect(delta.bytesReceived).toBeLessThan(full.bytesReceived / 5)
  })

  test('an unknown changes cursor is a 410, and the device falls back to comparing everything', async () => {
    const local = device()
    const full = await syncSpace(stage.relay.url, SPACE, local)
    const listing = await fetch(`${stage.relay.url}/api/spaces/${SPACE}/changes?since=999999999999`)
    expect(listing.status).toBe(410)
    expect(((await listing.json()) as { error: string }).error).toMatch(/unknown changes cursor/)

    // A relay restored from an older backup gives older cursors than the device holds.
    local.saveChangesCursor(SPACE, '999999999999')
    const recorder = recordingFetch()
    const again = await syncSpace(stage.relay.url, SPACE, local, recorder.impl)
    // (The catalog may still be settling from an earlier test's edits: only it may have changed.)
    expect(again.changed.filter((id) => id !== '_index')).toEqual([])
    expect(again.unchanged + again.changed.length).toBe(full.changed.length)
    expect(recorder.bodies[0]!.docs).toHaveLength(full.changed.length)
    expect(local.changesCursor(SPACE)).not.toBe('999999999999')

    const bad = await fetch(`${stage.relay.url}/api/spaces/${SPACE}/changes?since=abc`)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/since: not a changes cursor/)
    expect((await fetch(`${stage.relay.url}/api/spaces/${SPACE}/changes`, { method: 'POST' })).status).toBe(
      405,
    )
  })

  test('a document lost from the device (storage cleared) comes back whatever the cursor says', async () => {
    const local = device()
    const full = await syncSpace(stage.relay.url, SPACE, local)
    const lost = full.changed.find((id) => id !== '_index')!
    local.docs.get(`${SPACE}/${lost}`)!.destroy()
    local.docs.delete(`${SPACE}/${lost}`)
    const again = await syncSpace(stage.relay.url, SPACE, local)
    // (The catalog may have changed too, from earlier tests' edits.)
    expect(again.changed.filter((id) => id !== '_index')).toEqual([lost])
    expect(readFiche(local.doc(SPACE, lost))).toEqual(await relayFiche(lost))
  })

  test('a cursor continues after a document; `all: false` sends only the listed ones', async () => {
    const local = device()
    const full = await syncSpace(stage.relay.url, SPACE, local)
    const ids = [...full.changed].sort()
    const middle = ids[10]!
    const rest = (await (await post({ docs: [], cursor: middle })).json()) as { docs: { id: string }[] }
    expect(rest.docs.map((d) => d.id)).toEqual(ids.filter((id) => id > middle))

    const listed = ids.slice(0, 2).map((id) => ({ id, sv: toBase64(new Uint8Array([0])) }))
    const only = (await (await post({ docs: listed, all: false })).json()) as { docs: { id: string }[] }
    expect(only.docs.map((d) => d.id)).toEqual(ids.slice(0, 2))
    // A document the relay never saw (created offline, not sent yet) is not an error.
    const unknown = await post({
      docs: [{ id: 'NotThereYet-abc', sv: toBase64(new Uint8Array([0])) }],
      all: false,
    })
    expect(unknown.status).toBe(200)
    expect(((await unknown.json()) as { docs: unknown[] }).docs).toEqual([])
  })

  test('malformed requests are refused with 400 and a reason', async () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'x')
    const sv = Y.encodeStateVector(doc)
    const cases: [string, unknown, RegExp][] = [
      [
        'truncated state vector',
        { docs: [{ id: 'a', sv: toBase64(sv.subarray(0, 2)) }] },
        /malformed state vector/,
      ],
      [
        'trailing bytes',
        { docs: [{ id: 'a', sv: toBase64(new Uint8Array([...sv, 7, 7])) }] },
        /malformed state vector \(2 trailing bytes\)/,
      ],
      [
        'absurd client count',
        { docs: [{ id: 'a', sv: toBase64(new Uint8Array([0xff, 0x7f])) }] },
        /malformed/,
      ],
      [
        'not base64',
        { docs: [{ id: 'a', sv: '!!not base64!!' }] },
        /docs\.0\.sv: state vector is not base64/,
      ],
      ['bad document id', { docs: [{ id: '../etc', sv: '' }] }, /docs\.0\.id: invalid document id/],
      ['docs missing', { all: true }, /docs/],
      ['not JSON', '{docs:', /not JSON/],
    ]
    for (const [name, body, reason] of cases) {
      const response = await post(body)
      expect(response.status, name).toBe(400)
      expect(((await response.json()) as { error: string }).error, name).toMatch(reason)
    }
    expect((await post({ docs: [] }, 'Bad_Space')).status).toBe(400)
    const get = await fetch(`${stage.relay.url}/api/spaces/${SPACE}/sync`)
    expect(get.status).toBe(405)
    // The relay is still fine.
    expect((await post({ docs: [] })).status).toBe(200)
  })
})
