/**
 * The stage of an integration test file: a real relay, started before the file's tests and
 * stopped after them, and the file's Node clients (`yclient.ts`), destroyed after each test.
 * It registers its own hooks: a file's `beforeAll` registered after it runs once the relay is up,
 * and its own `afterEach`/`afterAll` run before the stage's (vitest's default hook order), so a
 * file can still wait for something before its clients are destroyed or the relay stops.
 */
import { afterAll, afterEach, beforeAll } from 'vitest'
import { type RelayHandle, type RelayOptions, startRelay } from './relay.ts'
import { createClients } from './yclient.ts'

export interface RelayStage {
  /** The running relay; a test that restarts it assigns the new one, which is the one stopped at the end. */
  relay: RelayHandle
  /** Clients connected through `clients.connect*`, destroyed after each test. */
  readonly clients: ReturnType<typeof createClients>
}

/**
 * `relayOptions` as a function when they depend on something prepared at start (it is called in
 * the `beforeAll`, before the relay starts).
 */
export const useRelayStage = (relayOptions: RelayOptions | (() => RelayOptions) = {}): RelayStage => {
  let relay: RelayHandle | undefined
  const clients = createClients()

  beforeAll(async () => {
    relay = await startRelay(typeof relayOptions === 'function' ? relayOptions() : relayOptions)
  })
  afterEach(() => clients.destroyAll())
  afterAll(async () => {
    await relay?.stop()
  })

  return {
    get relay() {
      if (relay === undefined) throw new Error('the relay starts in beforeAll: not started yet')
      return relay
    },
    set relay(value) {
      relay = value
    },
    clients,
  }
}
