/**
 * Raw WebSocket access for protocol tests: a plain `ws` socket (to send hand-made frames) and an
 * upgrade request with an unnormalised path (clients resolve `..` before sending; a hostile one
 * does not).
 */
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { WebSocket } from 'ws'
import { withDefaultToken } from './tokens.ts'
import { waitFor } from './waitFor.ts'

export interface CloseInfo {
  code: number
  reason: string
}

/**
 * Opens a socket and resolves once it is open; `frames` collects every binary frame received.
 * Connects as the space's admin unless the URL has a token or `defaultToken` is false.
 */
export const openRaw = async (
  url: string,
  { defaultToken = true }: { defaultToken?: boolean } = {},
): Promise<{ ws: WebSocket; frames: Uint8Array[]; closed: Promise<CloseInfo> }> => {
  const ws = new WebSocket(defaultToken ? await withDefaultToken(url) : url)
  const frames: Uint8Array[] = []
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
  // Rejects instead of hanging when the relay never closes the socket (a failing test, not a stuck one).
  const closed = new Promise<CloseInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${url} was not closed within 10 s`)), 10_000)
    ws.on('close', (code, reason) => {
      clearTimeout(timer)
      resolve({ code, reason: reason.toString() })
    })
  })
  // Not awaited by tests that never expect a close: keep that from being an unhandled rejection.
  closed.catch(() => undefined)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, frames, closed }
}

/**
 * Resolves once the relay greeted the socket with its sync step 1 (`[0, 0, …]`), i.e. the socket
 * is in the room. The token check and the room's loading come after the socket opens: a frame
 * another socket sends before then reaches this one inside the sync answer, not as it was sent.
 */
export const joinedRoom = (socket: { frames: Uint8Array[] }): Promise<void> =>
  waitFor(() => socket.frames.some((f) => f[0] === 0 && f[1] === 0), 5_000, 'the relay’s sync step 1')

/** Sends an upgrade request for `path` exactly as written and returns the server's close frame. */
export const upgradeAndReadClose = (port: number, path: string): Promise<CloseInfo> =>
  new Promise<CloseInfo>((resolve, reject) => {
    const timer = setTimeout(() => {
      req.destroy()
      reject(new Error(`no close frame for ${path} within 10 s`))
    }, 10_000)
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    })
    req.on('response', (res) => {
      clearTimeout(timer)
      reject(new Error(`expected an upgrade, got HTTP ${res.statusCode}`))
    })
    req.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    req.on('upgrade', (_res, socket, head: Buffer) => {
      // Bytes that arrived with the 101 response (often the close frame itself) come as `head`.
      let buffer = head
      const tryParse = (): void => {
        // Server frames are unmasked; a close frame's payload is < 126 bytes: [0x88, len, code, reason].
        if (buffer.length < 2) return
        const opcode = buffer[0]! & 0x0f
        const length = buffer[1]! & 0x7f
        if (buffer.length < 2 + length) return
        socket.destroy()
        clearTimeout(timer)
        if (opcode !== 0x8) reject(new Error(`expected a close frame, got opcode ${opcode}`))
        else
          resolve({ code: buffer.readUInt16BE(2), reason: buffer.subarray(4, 2 + length).toString('utf8') })
      }
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk])
        tryParse()
      })
      tryParse()
    })
    req.end()
  })
