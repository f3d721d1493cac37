/** `@y/websocket-server` 0.1.1, in memory (0.1.5 needs the yjs 14 pre-release; the project is on yjs 13). */
import { installedVersion } from '../versions.ts'
import { entryPath, roomInPath, spawnServer } from './spawn.ts'
import type { ServerUnderTest } from './types.ts'

export const yWebsocketServer: ServerUnderTest = {
  name: 'y-websocket-server',
  label: `@y/websocket-server ${installedVersion('@y/websocket-server')} (in memory)`,
  dialect: 'y-websocket',
  keepsDocuments: true,
  unavailable: () =>
    installedVersion('@y/websocket-server') === 'not installed'
      ? '@y/websocket-server is not installed'
      : null,
  start: async () => roomInPath(await spawnServer(entryPath('./yWebsocketServer.main.ts'))),
}
