/**
 * `@hocuspocus/server` 3.x, in memory. 3.4.4 is the newest release that runs on the project's Node
 * (>= 20): 4.x declares `engines: node >= 22`. Both accept yjs ^13.6.8. Its clients speak the
 * `hocuspocus` dialect; every document shares one URL (the name travels in each frame).
 */
import { installedVersion } from '../versions.ts'
import { entryPath, spawnServer } from './spawn.ts'
import type { ServerUnderTest } from './types.ts'

export const hocuspocus: ServerUnderTest = {
  name: 'hocuspocus',
  label: `@hocuspocus/server ${installedVersion('@hocuspocus/server')} (in memory)`,
  dialect: 'hocuspocus',
  keepsDocuments: true,
  unavailable: () =>
    installedVersion('@hocuspocus/server') === 'not installed' ? '@hocuspocus/server is not installed' : null,
  start: async () => {
    const listening = await spawnServer(entryPath('./hocuspocus.main.ts'))
    return {
      pid: listening.pid,
      wsUrlFor: () => `ws://127.0.0.1:${listening.port}/`,
      output: listening.output,
      stop: listening.stop,
    }
  },
}
