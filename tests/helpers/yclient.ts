/**
 * Node Y.Docs synced through a real relay with the stock y-websocket provider (the same code the
 * browser client runs), over `ws` sockets. BroadcastChannel is disabled so that two docs of one
 * test process can only meet through the relay.
 */
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { RelayHandle } from './relay.ts'
import { tokenFor } from './tokens.ts'
import { waitFor } from './waitFor.ts'

export interface SyncedClient {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** Close events the provider saw (code and reason), oldest first. */
  readonly closes: { code: number; reason: string }[]
  destroy(): void
}

/** Tracks clients so that `destroyAll` in `afterEach` cleans up whatever a test created. */
export const createClients = () => {
  const all = new Set<SyncedClient>()

  /**
   * Connects a doc to `<space>/<id>` on the relay (no wait: see `connectSynced`), with `token`, or
   * as the space's admin when `token` is undefined, or with no token when it is null.
   */
  const connect = (
    relay: Pick<RelayHandle, 'wsUrl' | 'dataDir'>,
    name: string,
    doc = new Y.Doc(),
    token?: string | null,
  ): SyncedClient => {
    const provider = new WebsocketProvider(`${relay.wsUrl}/sync`, name, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
      connect: false,
    })
    const space = name.split('/')[0]!
    void (token === undefined ? tokenFor(relay, space) : Promise.resolve(token)).then((t) => {
      if (t) provider.params = { token: t }
      if (all.has(client)) provider.connect()
    })
    const closes: { code: number; reason: string }[] = []
    provider.on('connection-close', (event) => {
      if (event) closes.push({ code: event.code, reason: event.reason })
    })
    const client: SyncedClient = {
      doc,
      provider,
      closes,
      destroy: () => {
        all.delete(client)
        provider.destroy()
        doc.destroy()
      },
    }
    all.add(client)
    return client
  }

  /** Connects and waits until the first sync with the relay is complete. */
  const connectSynced = async (
    relay: Pick<RelayHandle, 'wsUrl' | 'dataDir'>,
    name: string,
    doc = new Y.Doc(),
    token?: string | null,
  ): Promise<SyncedClient> => {
    const client = connect(relay, name, doc, token)
    await waitFor(() => client.provider.synced, 10_000, `${name} to sync`)
    return client
  }

  const destroyAll = (): void => {
    for (const client of [...all]) client.destroy()
  }

  return { connect, connectSynced, destroyAll }
}
