/**
 * Kenlabour's relay, started as the integration tests start it (`tests/helpers/relay.ts`: the
 * same entry point as `npm run relay`, a fresh temporary data directory), so it runs as it ships:
 * SQLite durability on (every update fsync'd before it is broadcast), access tokens checked on every
 * connection, rate limits and catalog upkeep on, logs at their default level. Two flags differ:
 * `--no-seed` (the demo space plays no part here) and `--max-connections-per-ip`, because the
 * load generator is one address standing for thousands of people (default limit: 100 per address).
 */
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { startRelay } from '../../helpers/relay.ts'
import { tokenFor } from '../../helpers/tokens.ts'
import { ROOT } from '../versions.ts'
import { killOnExit, serverEnv } from './spawn.ts'
import type { ServerUnderTest } from './types.ts'

/** Every benchmark document lives in this space (`roomName` in scenarios/relaySubject.ts). */
const SPACE = 'bench'

export const kenlabour: ServerUnderTest = {
  name: 'kenlabour',
  label: 'Kenlabour relay (SQLite, durable, tokens checked)',
  dialect: 'y-websocket',
  keepsDocuments: true,
  unavailable: () =>
    existsSync(join(ROOT, 'relay/src/main.ts')) ? null : 'relay/src/main.ts does not exist yet',
  start: async () => {
    const relay = await startRelay({
      args: ['--no-seed', '--max-connections-per-ip', '1000000'],
      env: serverEnv(),
    })
    const forget = killOnExit(relay.process.pid!)
    try {
      // An editor's link, as a participant of a workshop would have (minted like `npm run token`).
      const token = encodeURIComponent(await tokenFor(relay, SPACE, 'editor'))
      return {
        pid: relay.process.pid!,
        wsUrlFor: (room) => {
          if (!room.startsWith(`${SPACE}/`)) throw new Error(`benchmark documents live in the space ${SPACE}`)
          // `durable=1`: "durable up to" acknowledgements, as the browser client asks for them.
          return `${relay.wsUrl}/sync/${room}?token=${token}&durable=1`
        },
        output: relay.output,
        stop: async () => {
          await relay.stop()
          forget()
          rmSync(relay.dataDir, { recursive: true, force: true })
        },
      }
    } catch (error) {
      await relay.kill()
      throw error
    }
  },
}
