/** The servers under test, in report order (the first is the baseline of every ratio). */
import { bare } from './bare.ts'
import { hocuspocus } from './hocuspocus.ts'
import { kenlabour } from './kenlabour.ts'
import type { ServerUnderTest } from './types.ts'
import { yWebsocketServer } from './yWebsocketServer.ts'

export const SERVERS: readonly ServerUnderTest[] = [bare, yWebsocketServer, hocuspocus, kenlabour]

export const serverNamed = (name: string): ServerUnderTest => {
  const server = SERVERS.find((s) => s.name === name)
  if (!server) throw new Error(`unknown server ${name}; known: ${SERVERS.map((s) => s.name).join(', ')}`)
  return server
}
