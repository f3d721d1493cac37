/**
 * Serves the built client (a single-page app): files from the dist directory with their content
 * type, `/assets/*` (content-hashed by Vite) cached for a year, and `index.html` for every other
 * path so that client-side routes such as `/s/inspirations/f/SomeId` survive a reload.
 */
import { createReadStream, existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { sendText } from './respond.ts'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

const LONG_CACHE = 'public, max-age=31536000, immutable'

const NOT_BUILT = `<!doctype html>
<meta charset="utf-8">
<title>Kenlabour: client not built</title>
<h1>The client is not built</h1>
<p>Run <code>npm run build</code> at the root of the repository, then reload this page.
The relay itself is running: sync is at <code>/sync/&lt;space&gt;/&lt;id&gt;</code>, the API at <code>/api</code>.</p>
`

const sendFile = async (
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  size: number,
  cacheControl: string,
): Promise<void> => {
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(file)
    stream.on('error', () => {
      res.destroy()
      done()
    })
    stream.on('end', done)
    stream.pipe(res)
  })
}

const fileSize = async (path: string): Promise<number | null> => {
  try {
    const s = await stat(path)
    return s.isFile() ? s.size : null
  } catch {
    return null
  }
}

/** Returns the handler for GET/HEAD requests outside /api and /sync. */
export const createStaticHandler = (distDir: string) => {
  const root = resolve(distDir)
  const indexFile = join(root, 'index.html')
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD')
      return sendText(res, 405, 'Method Not Allowed\n')
    }
    // Checked on every request so that building the client while the relay runs just works.
    if (!existsSync(indexFile)) return sendText(res, 503, NOT_BUILT, 'text/html; charset=utf-8')
    let path: string
    try {
      path = decodeURIComponent(pathname)
    } catch {
      return sendText(res, 400, 'Bad Request\n')
    }
    const file = resolve(root, `.${path}`)
    // A path that resolves outside the dist directory (`/..%2f..%2fetc/passwd`) is refused outright.
    if ((file !== root && !file.startsWith(root + sep)) || path.includes('\0'))
      return sendText(res, 404, 'Not Found\n')
    const size = await fileSize(file)
    if (size !== null) {
      const immutable = path.startsWith('/assets/')
      return sendFile(req, res, file, size, immutable ? LONG_CACHE : 'no-cache')
    }
    // A missing asset or file name is a 404, not the app (a script must never receive HTML).
    if (path.startsWith('/assets/') || extname(path) !== '') return sendText(res, 404, 'Not Found\n')
    const indexSize = await fileSize(indexFile)
    if (indexSize === null) return sendText(res, 503, NOT_BUILT, 'text/html; charset=utf-8')
    return sendFile(req, res, indexFile, indexSize, 'no-cache')
  }
}
