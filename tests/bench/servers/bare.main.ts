/**
 * The bare broadcast relay: forwards every frame to the other sockets of its room (the URL path)
 * and keeps nothing. No Yjs, no decoding: the lower bound of what a relay costs in Node with `ws`,
 * against which the other servers are compared.
 */
import { createServer } from 'node:http'
import { type WebSocket, WebSocketServer } from 'ws'
import { listenArgs } from './args.ts'

const { port, host } = listenArgs()
const rooms = new Map<string, Set<WebSocket>>()
const http = createServer((_req, res) => res.end('bare broadcast relay'))
const wss = new WebSocketServer({ server: http, perMessageDeflate: false })

wss.on('connection', (socket, request) => {
  const room = request.url ?? '/'
  let peers = rooms.get(room)
  if (!peers) {
    peers = new Set()
    rooms.set(room, peers)
  }
  const members = peers
  members.add(socket)
  socket.on('message', (data, isBinary) => {
    for (const peer of members) {
      if (peer !== socket && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary })
    }
  })
  socket.on('close', () => {
    members.delete(socket)
    if (members.size === 0) rooms.delete(room)
  })
  socket.on('error', () => socket.terminate())
})

http.listen(port, host, () => {
  const address = http.address()
  const actual = typeof address === 'object' && address ? address.port : port
  console.log(`bare broadcast relay listening on http://${host}:${actual}`)
})
