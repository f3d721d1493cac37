/** The bare broadcast relay (`bare.main.ts`): the lower bound every ratio in the report refers to. */
import { entryPath, roomInPath, spawnServer } from './spawn.ts'
import type { ServerUnderTest } from './types.ts'

export const bare: ServerUnderTest = {
  name: 'bare',
  label: 'bare broadcast relay (ws, keeps nothing)',
  dialect: 'y-websocket',
  keepsDocuments: false,
  unavailable: () => null,
  start: async () => roomInPath(await spawnServer(entryPath('./bare.main.ts'))),
}
