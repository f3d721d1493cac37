/**
 * Composes the relay: one HTTP server on one port for the API (`/api`), the sync WebSocket
 * endpoint (`/sync/<space>/<id>`) and the built client (every other path), around the rooms
 * manager and the catalog. Storage is passed in, so nothing here knows which backend is used.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CloseCode } from '@kenlabour/shared/closeCodes'
import type { Logger } from 'pino'
import { WebSocketServer } from 'ws'
import { createCatalog } from './catalog.ts'
import type { Config } from './config.ts'
import { createApiHandler } from './http/api.ts'
import { sendJson, sendText } from './http/respond.ts'
import { createStaticHandler } from './http/static.ts'
import type { DocStorage } from './storage/types.ts'
import { attachConnection } from './sync/connection.ts'
import { closeReason } from './sync/errors.ts'
import { createRoomManager } from './sync/rooms.ts'
import { docNameFromPath } from './sync/route.ts'

export interface RunningRelay {
  /** http://HOST:PORT, with the port actually bound. */
  readonly url: string
  /** Stops accepting, flushes the catalog, closes every socket with `CloseCode.Restarting`. */
  close(): Promise<void>
}

export interface RelayDeps {
  readonly log: Logger
  readonly storage: DocStorage
}

const hostForUrl = (host: string): string => (host.includes(':') ? `[${host}]` : host)

const isUnder = (pathname: string, prefix: string): boolean =>
  pathname === prefix || pathname.startsWith(`${prefix}/`)

export const startServer = async (config: Config, { log, storage }: RelayDeps): Promise<RunningRelay> => {
  const startedAt = Date.now()
  const rooms = createRoomManager({
    storage,
    log,
    compactAfter: config.compactAfter,
    unloadDelayMs: config.unloadDelayMs,
  })
  const catalog = createCatalog({ rooms, log, debounceMs: config.catalogDebounceMs })
  rooms.onChanged((room) => catalog.schedule(room))

  const api = createApiHandler({ rooms, storage, startedAt })
  const serveStatic = createStaticHandler(config.clientDist)

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { pathname } = new URL(req.url ?? '/', 'http://relay')
    if (isUnder(pathname, '/api')) return api(req, res, pathname)
    if (isUnder(pathname, '/sync')) {
      return sendText(res, 426, 'This endpoint speaks the y-websocket protocol over WebSocket.\n')
    }
    return serveStatic(req, res, pathname)
  }

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, 'request failed')
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
      else res.destroy()
    })
  })

  // ws enforces a hard cap (close 1009) above which frames are not even buffered; between the
  // configured limit and that cap, the connection closes with our documented CloseCode.TooLarge.
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxFrameBytes * 2 })
  let closing = false
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (closing) return ws.close(CloseCode.Restarting, 'relay restarting')
      // The raw request target: `..` segments are not resolved, they make the name invalid.
      const route = docNameFromPath(req.url ?? '/')
      if (!route.ok) {
        log.info({ url: req.url, reason: route.reason }, 'refused connection')
        return ws.close(CloseCode.InvalidDocumentName, closeReason(route.reason))
      }
      attachConnection({ ws, name: route.name, rooms, log, maxFrameBytes: config.maxFrameBytes })
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${hostForUrl(config.host)}:${port}`

  return {
    url,
    close: async () => {
      if (closing) return
      closing = true
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      // Rooms first: frames already received are handled and stored, then peers are closed.
      await rooms.closeAll(CloseCode.Restarting, 'relay restarting')
      // Then pending catalog refreshes, which reload what they need (no peer can join any more).
      await catalog.flush()
      await rooms.closeAll(CloseCode.Restarting, 'relay restarting')
      for (const ws of wss.clients) ws.close(CloseCode.Restarting, 'relay restarting')
      server.closeIdleConnections()
      // Give sockets a moment to finish their closing handshake, then cut what is left.
      const cut = setTimeout(() => {
        for (const ws of wss.clients) ws.terminate()
        server.closeAllConnections()
      }, 1_000)
      await stopped
      clearTimeout(cut)
    },
  }
}
