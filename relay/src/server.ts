/**
 * Composes the relay: one HTTP server on one port for the API (`/api`), the sync WebSocket
 * endpoint (`/sync/<space>/<id>`) and the built client (every other path), around the rooms
 * manager and the catalog. Storage is passed in, so nothing here knows which backend is used.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CloseCode } from '@kenlabour/shared/closeCodes'
import { SPACE_ID_PATTERN } from '@kenlabour/shared/names'
import type { Logger } from 'pino'
import { type WebSocket, WebSocketServer } from 'ws'
import { createAuthorizer } from './access/authorize.ts'
import { createLiveConnections } from './access/liveConnections.ts'
import type { SpaceRegistry, SpaceRotations } from './access/spaces.ts'
import { shareRotations } from './access/spacesAcrossRelays.ts'
import { createCatalog } from './catalog.ts'
import type { Config } from './config.ts'
import { createAccessApi, SPACE_PATH } from './http/accessApi.ts'
import { createApiHandler } from './http/api.ts'
import { BULK_SYNC_PATH, createBulkSyncHandler } from './http/bulkSync.ts'
import { sendJson, sendText } from './http/respond.ts'
import { createStaticHandler } from './http/static.ts'
import { createTransferHandler } from './http/transfer.ts'
import { createMetrics } from './metrics.ts'
import { instrumentStorage } from './storage/instrumented.ts'
import type { DocStorage } from './storage/types.ts'
import { attachConnection } from './sync/connection.ts'
import { closeReason, ProtocolError } from './sync/errors.ts'
import { createIpLimiter } from './sync/ipLimit.ts'
import type { Room } from './sync/room.ts'
import { createRoomManager, type RoomSharing } from './sync/rooms.ts'
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
  /** The relay's signing key (`access/relayKey.ts`). */
  readonly key: Uint8Array
  readonly spaces: SpaceRegistry
  /** Scale-out mode: how rooms meet the other relays (relay/src/scale/redisBus.ts). */
  readonly sharing?: RoomSharing
  /** Scale-out mode: how rotations reach the other relays' open sockets (the same bus). */
  readonly rotations?: SpaceRotations
}

const CLOSE_NAMES = new Map<number, string>(Object.entries(CloseCode).map(([name, code]) => [code, name]))

const hostForUrl = (host: string): string => (host.includes(':') ? `[${host}]` : host)

const safeDecode = (part: string): string | null => {
  try {
    return decodeURIComponent(part)
  } catch {
    return null
  }
}

const isUnder = (pathname: string, prefix: string): boolean =>
  pathname === prefix || pathname.startsWith(`${prefix}/`)

export const startServer = async (config: Config, deps: RelayDeps): Promise<RunningRelay> => {
  const { log, key } = deps
  const startedAt = Date.now()
  const metrics = createMetrics(() => rooms.stats())
  const storage = instrumentStorage(deps.storage, metrics)
  const rooms = createRoomManager({
    storage,
    log,
    compactAfter: config.compactAfter,
    maxDocBytes: config.maxDocBytes,
    unloadDelayMs: config.unloadDelayMs,
    ...(deps.sharing ? { sharing: deps.sharing } : {}),
  })
  const live = createLiveConnections()
  const spaces = deps.rotations
    ? shareRotations({ spaces: deps.spaces, rotations: deps.rotations, live, log })
    : deps.spaces
  const authorizer = createAuthorizer(key, spaces)
  const ipLimiter = createIpLimiter(config.maxConnectionsPerIp)
  let publicUrl = config.publicUrl?.replace(/\/$/, '') ?? ''
  const accessApi = createAccessApi({ key, spaces, authorizer, live, log, publicUrl: () => publicUrl })
  const catalog = createCatalog({ rooms, log, debounceMs: config.catalogDebounceMs })
  rooms.onChanged((room) => catalog.schedule(room))

  const api = createApiHandler({ rooms, storage, startedAt })
  const bulkSync = createBulkSyncHandler({ rooms, storage })
  const transfer = createTransferHandler({
    rooms,
    storage,
    spaces,
    log,
    maxDocsPerSpace: config.maxDocsPerSpace,
  })
  const serveStatic = createStaticHandler(config.clientDist)

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { pathname } = new URL(req.url ?? '/', 'http://relay')
    if (pathname === '/metrics') {
      res.writeHead(200, { 'content-type': metrics.registry.contentType })
      res.end(await metrics.registry.metrics())
      return
    }
    const inSpace = SPACE_PATH.exec(pathname)
    const space = inSpace ? safeDecode(inSpace[1]!) : null
    if (space !== null && SPACE_ID_PATTERN.test(space)) {
      const access = await accessApi.gate(req, res, space)
      if (!access) return
      if (await accessApi.handle(req, res, space, inSpace?.[2] ?? '', access)) return
      if (await transfer(req, res, space, inSpace?.[2] ?? '', access)) return
    }
    const bulk = BULK_SYNC_PATH.exec(pathname)
    if (bulk) return bulkSync(req, res, bulk[1]!, bulk[2] as 'sync' | 'changes')
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
  /** Refused at the door: logged, counted, closed with the documented code. */
  const refuse = (ws: WebSocket, code: number, reason: string, url: string | undefined) => {
    log.info({ url: url?.replace(/token=[^&]*/, 'token=…'), code, reason }, 'refused connection')
    metrics.refusedConnections.inc({ reason: CLOSE_NAMES.get(code) ?? String(code) })
    ws.close(code, closeReason(reason))
  }

  /** Spaces known to exist (they are never deleted): writes to them need no registry call. */
  const existingSpaces = new Set<string>()

  /**
   * Editors create the space they write to first, within the documents-per-space limit. Returns
   * nothing (no promise to wait for) in the common case: a known space and a stored document.
   */
  const beforeWrite = (room: Room): Promise<void> | undefined => {
    if (existingSpaces.has(room.address.space) && !room.isNew) return undefined
    return createOnFirstWrite(room)
  }

  const createOnFirstWrite = async (room: Room): Promise<void> => {
    await spaces.ensure(room.address.space)
    existingSpaces.add(room.address.space)
    if (!room.isNew) return
    const docs = await storage.listDocs(room.address.space)
    if (docs.length >= config.maxDocsPerSpace && !docs.includes(room.name)) {
      log.warn({ space: room.address.space, max: config.maxDocsPerSpace }, 'documents per space limit')
      throw new ProtocolError(
        CloseCode.TooLarge,
        `space holds the maximum of ${config.maxDocsPerSpace} documents`,
      )
    }
  }

  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (closing) return ws.close(CloseCode.Restarting, 'relay restarting')
      // The raw request target: `..` segments are not resolved, they make the name invalid.
      const route = docNameFromPath(req.url ?? '/')
      if (!route.ok) return refuse(ws, CloseCode.InvalidDocumentName, route.reason, req.url)
      const ip = req.socket.remoteAddress ?? 'unknown'
      if (!ipLimiter.tryAcquire(ip)) {
        log.warn({ ip, max: config.maxConnectionsPerIp }, 'connections per IP limit')
        return refuse(
          ws,
          CloseCode.RateLimited,
          `more than ${config.maxConnectionsPerIp} connections from one address`,
          req.url,
        )
      }
      ws.once('close', () => ipLimiter.release(ip))
      const query = new URL(req.url ?? '/', 'http://relay').searchParams
      const token = query.get('token')
      // Frames that arrive while the token is checked are buffered by `ws` until a listener exists.
      ws.pause()
      void authorizer.authorize(route.address.space, token).then((result) => {
        ws.resume()
        if (ws.readyState !== ws.OPEN) return
        if (!result.ok) return refuse(ws, result.code, result.reason, req.url)
        const connection = attachConnection({
          ws,
          socket,
          name: route.name,
          rooms,
          log,
          maxFrameBytes: config.maxFrameBytes,
          maxMessagesPerSecond: config.maxMessagesPerSecond,
          access: result.access,
          durableAcks: query.get('durable') === '1',
          hooks: {
            beforeWrite,
            onRefusedWrite: () => metrics.rejectedFrames.inc({ reason: 'read_only' }),
            onClosedByRelay: (code) =>
              metrics.rejectedFrames.inc({ reason: CLOSE_NAMES.get(code) ?? String(code) }),
            onFrame: (bytes) => metrics.bytesReceived.inc(bytes),
          },
        })
        const forget = live.add(connection)
        ws.once('close', forget)
      })
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
  publicUrl ||= url.replace(/\/\/(0\.0\.0\.0|\[::\])(?=:)/, '//localhost')

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
