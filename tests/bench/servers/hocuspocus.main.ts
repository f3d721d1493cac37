/**
 * `@hocuspocus/server` with its default configuration and no extension: documents in memory, no
 * authentication hook (the Auth frame is still required to open a document), logging off.
 */
import { Server } from '@hocuspocus/server'
import { listenArgs } from './args.ts'

const { port, host } = listenArgs()
const server = new Server({ port, address: host, quiet: true, stopOnSignals: false })
await server.listen()
console.log(`@hocuspocus/server listening on http://${host}:${server.address.port}`)
