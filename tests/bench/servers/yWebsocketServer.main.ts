/**
 * `@y/websocket-server` (the reference y-websocket server) as its own `server.js` runs it: one
 * in-memory Y.Doc per room, `setupWSConnection` per socket. Only the listening line differs, to
 * follow the harness's convention.
 */
import { createServer } from 'node:http'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'
import { listenArgs } from './args.ts'

const { port, host } = listenArgs()
const http = createServer((_req, res) => res.end('okay'))
const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)
http.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
http.listen(port, host, () => {
  const address = http.address()
  const actual = typeof address === 'object' && address ? address.port : port
  console.log(`@y/websocket-server listening on http://${host}:${actual}`)
})
