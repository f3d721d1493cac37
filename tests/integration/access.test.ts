/**
 * Access by capability links against the real relay: every refusal with its documented close code
 * (PROTOCOL.md), readers refused writes (and told), revocation closing live sockets, share links,
 * the same rules on the HTTP API, and the "durable up to" acknowledgement arriving only once the
 * update is in SQLite.
 */
import { CloseCode } from '@kenlabour/shared/closeCodes'
import { catalogMap } from '@kenlabour/shared/spaceIndex'
import { MessageType } from '@kenlabour/shared/syncMessages'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadOrCreateRelayKey } from '../../relay/src/access/relayKey.ts'
import { mintToken } from '../../relay/src/access/tokens.ts'
import { connectDurable, type DurableClient } from '../helpers/durableClient.ts'
import { openRaw } from '../helpers/rawSocket.ts'
import { useRelayStage } from '../helpers/relayStage.ts'
import { readStoredDoc } from '../helpers/storeReader.ts'
import { tokenFor } from '../helpers/tokens.ts'
import { waitFor, waitForValue } from '../helpers/waitFor.ts'

const stage = useRelayStage()
const { clients } = stage
const durables: DurableClient[] = []

afterEach(() => {
  for (const d of durables.splice(0)) d.destroy()
})

const syncUrl = (name: string, token?: string) =>
  `${stage.relay.wsUrl}/sync/${name}${token ? `?token=${encodeURIComponent(token)}` : ''}`

/** Opens a socket with exactly the given token (none by default) and returns its close. */
const closeOf = async (name: string, token?: string) => {
  const raw = await openRaw(syncUrl(name, token), { defaultToken: false })
  return raw.closed
}

const updateFrame = (text: string): Uint8Array => {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc))
  return encoding.toUint8Array(encoder)
}

describe('refusals, each with its documented code', () => {
  it('closes 4401 without a token on a private space, and on a token that does not verify', async () => {
    expect(await closeOf('private/Doc')).toMatchObject({
      code: CloseCode.Unauthorized,
      reason: /token is required/,
    })
    const forged = await mintToken(new Uint8Array(32).fill(7), { space: 'private', role: 'admin', ver: 1 })
    expect(await closeOf('private/Doc', forged)).toMatchObject({
      code: CloseCode.Unauthorized,
      reason: 'token is not valid',
    })
    expect(await closeOf('private/Doc', 'not-a-jwt')).toMatchObject({ code: CloseCode.Unauthorized })
  })

  it('closes 4401 on an expired token', async () => {
    const key = loadOrCreateRelayKey(stage.relay.dataDir)
    const expired = await mintToken(key, { space: 'private', role: 'editor', ver: 1, expiresInSeconds: -10 })
    expect(await closeOf('private/Doc', expired)).toMatchObject({
      code: CloseCode.Unauthorized,
      reason: 'token expired',
    })
  })

  it('closes 4403 on a token for another space', async () => {
    const other = await tokenFor(stage.relay, 'other-space', 'admin')
    expect(await closeOf('private/Doc', other)).toMatchObject({
      code: CloseCode.Forbidden,
      reason: 'token is for another space',
    })
  })

  it('answers 401/403 on the HTTP API with no data', async () => {
    const none = await fetch(`${stage.relay.url}/api/spaces/private/fiches`)
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({ error: 'a token is required for this space', code: 4401 })
    const other = await tokenFor(stage.relay, 'other-space', 'admin')
    const wrong = await fetch(`${stage.relay.url}/api/spaces/private/fiches?token=${other}`)
    expect(wrong.status).toBe(403)
    const bearer = await fetch(`${stage.relay.url}/api/spaces/private/fiches`, {
      headers: { authorization: `Bearer ${await tokenFor(stage.relay, 'private', 'reader')}` },
    })
    expect(bearer.status).toBe(404) // authorised; the space simply has no document yet
  })
})

describe('public-read demo space', () => {
  it('lets anyone read inspirations without a token, over sync and HTTP', async () => {
    const reader = await clients.connectSynced(stage.relay, 'inspirations/_index', new Y.Doc(), null)
    expect(catalogMap(reader.doc).size).toBe(20)
    expect((await fetch(`${stage.relay.url}/api/spaces/inspirations/fiches`)).status).toBe(200)
  })
})

describe('readers', () => {
  it('drops a reader’s change, tells the client, stores nothing, and still relays its awareness', async () => {
    const name = 'readers/Doc'
    const editor = await clients.connectSynced(
      stage.relay,
      name,
      new Y.Doc(),
      await tokenFor(stage.relay, 'readers', 'editor'),
    )
    editor.doc.getText('t').insert(0, 'by the editor')
    await waitFor(
      () => readStoredDoc(stage.relay.dataDir, name).getText('t').toString() === 'by the editor',
      5_000,
      'stored',
    )

    const reader = connectDurable(stage.relay.wsUrl, name, await tokenFor(stage.relay, 'readers', 'reader'))
    durables.push(reader)
    await waitFor(() => reader.provider.synced, 5_000, 'reader synced')
    expect(reader.doc.getText('t').toString()).toBe('by the editor')
    reader.provider.awareness.setLocalStateField('user', { name: 'Lectrice' })
    await waitFor(
      () => editor.provider.awareness.getStates().get(reader.doc.clientID)?.user?.name === 'Lectrice',
      5_000,
      'reader awareness at the editor',
    )
    reader.doc.getText('t').insert(0, 'HACK ')
    const refused = await waitForValue(
      () => reader.durability.getState().refused ?? undefined,
      5_000,
      'refusal',
    )
    expect(refused).toMatch(/read-only/)
    expect(reader.provider.wsconnected).toBe(true) // told, not disconnected
    expect(editor.doc.getText('t').toString()).toBe('by the editor')
    expect(readStoredDoc(stage.relay.dataDir, name).getText('t').toString()).toBe('by the editor')
    expect(reader.durability.getState().waiting).toBe(1)
  })

  it('refuses a raw reader update with a permission-denied frame [2, 0, reason]', async () => {
    const raw = await openRaw(syncUrl('readers/Raw', await tokenFor(stage.relay, 'readers', 'reader')))
    try {
      raw.ws.send(updateFrame('forced'))
      const denied = await waitForValue(
        () => raw.frames.find((f) => f[0] === MessageType.Auth),
        5_000,
        'denied',
      )
      const decoder = decoding.createDecoder(denied)
      decoding.readVarUint(decoder)
      expect(decoding.readVarUint(decoder)).toBe(0)
      expect(decoding.readVarString(decoder)).toMatch(/read-only/)
    } finally {
      raw.ws.close()
    }
    expect(readStoredDoc(stage.relay.dataDir, 'readers/Raw').getText('t').toString()).toBe('')
  })
})

describe('revocation and share links', () => {
  it('creates links of equal or lower role only, and rotation closes revoked sockets with 4403', async () => {
    const space = 'rotating'
    const admin = await tokenFor(stage.relay, space, 'admin')
    const editorToken = await tokenFor(stage.relay, space, 'editor')
    const post = (path: string, token: string, body?: unknown) =>
      fetch(`${stage.relay.url}/api/spaces/${space}/${path}?token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      })
    expect((await post('links', editorToken, { role: 'admin' })).status).toBe(403)
    const link = (await (await post('links', editorToken, { role: 'reader' })).json()) as {
      token: string
      url: string
    }
    expect(link.url).toMatch(new RegExp(`/s/${space}\\?token=`))
    expect((await post('rotate', editorToken)).status).toBe(403)

    const writer = await clients.connectSynced(stage.relay, `${space}/Doc`, new Y.Doc(), editorToken)
    writer.doc.getText('t').insert(0, 'before rotation')
    await waitFor(
      () => readStoredDoc(stage.relay.dataDir, `${space}/Doc`).getText('t').toString() !== '',
      5_000,
      'stored',
    )
    const rotated = await post('rotate', admin)
    expect(rotated.status).toBe(200)
    const fresh = (await rotated.json()) as { version: number; token: string; closed: number }
    expect(fresh).toMatchObject({ version: 2, closed: 1 })
    await waitFor(
      () => writer.closes.some((c) => c.code === CloseCode.Forbidden && c.reason === 'token revoked'),
      5_000,
      'revoked close',
    )
    expect(await closeOf(`${space}/Doc`, editorToken)).toMatchObject({
      code: CloseCode.Forbidden,
      reason: 'token revoked',
    })
    expect(await closeOf(`${space}/Doc`, link.token)).toMatchObject({ code: CloseCode.Forbidden })
    // The new admin token works, and mints links of the new version.
    const again = await clients.connectSynced(stage.relay, `${space}/Doc`, new Y.Doc(), fresh.token)
    expect(again.doc.getText('t').toString()).toBe('before rotation')
  })
})

describe('acknowledged durability', () => {
  it('acknowledges a change only once it is in SQLite', async () => {
    const name = 'durable/Doc'
    const client = connectDurable(stage.relay.wsUrl, name, await tokenFor(stage.relay, 'durable', 'editor'))
    durables.push(client)
    await waitFor(() => client.provider.synced, 5_000, 'synced')
    const seen: { waiting: number; stored: string }[] = []
    client.durability.subscribe(() => {
      const state = client.durability.getState()
      if (state.savedOnServer)
        seen.push({
          waiting: state.waiting,
          stored: readStoredDoc(stage.relay.dataDir, name).getText('t').toString(),
        })
    })
    for (const ch of 'saved') client.doc.getText('t').insert(client.doc.getText('t').length, ch)
    await waitFor(() => client.durability.getState().savedOnServer, 5_000, 'saved on the server')
    expect(client.durability.getState().waiting).toBe(0)
    // At the moment the relay said "durable", the store held the change already.
    expect(seen.at(-1)?.stored).toBe('saved')
  })
})
