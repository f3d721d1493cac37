/**
 * A Node Y.Doc synced with the stock provider *and* Kenlabour's durability tracker
 * (`client/src/sync/durability.ts`, the browser's own code), connected with `?durable=1` so the
 * relay sends "durable up to" acknowledgements.
 */
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createDurabilityTracker, type DurabilityTracker } from '../../client/src/sync/durability.ts'

export interface DurableClient {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  readonly durability: DurabilityTracker
  destroy(): void
}

export const connectDurable = (wsUrl: string, name: string, token: string | null): DurableClient => {
  const doc = new Y.Doc()
  const durability = createDurabilityTracker(doc)
  const provider = new WebsocketProvider(`${wsUrl}/sync`, name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    params: token ? { token, durable: '1' } : { durable: '1' },
  })
  durability.attach(provider)
  return {
    doc,
    provider,
    durability,
    destroy: () => {
      durability.destroy()
      provider.destroy()
      doc.destroy()
    },
  }
}
