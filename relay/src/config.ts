/**
 * The relay's configuration: command-line flags over environment variables over defaults, parsed
 * once with zod so that the rest of the code receives typed, checked values.
 */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { z } from 'zod'

/** The client build, next to this workspace in the repository. */
export const DEFAULT_CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url))

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

export const configSchema = z.object({
  /** 0 means any free port (the chosen one is printed in the "listening on" line). */
  port: integer(0, 65_535).default(8080),
  host: z.string().min(1).default('0.0.0.0'),
  /** Directory of the SQLite database (created if missing). */
  dataDir: z.string().min(1).default('./data'),
  clientDist: z.string().min(1).default(DEFAULT_CLIENT_DIST),
  /** Larger frames close the connection with CloseCode.TooLarge. */
  maxFrameBytes: integer(1024, 512 * 1024 * 1024).default(5 * 1024 * 1024),
  /** Refuse updates that would grow a stored document past this size. */
  maxDocBytes: integer(1024, 2 * 1024 * 1024 * 1024).default(50 * 1024 * 1024),
  /** Frames per second per connection (bursts of twice that are allowed). */
  maxMessagesPerSecond: integer(1, 1_000_000).default(500),
  /** Open sync connections per client IP address. */
  maxConnectionsPerIp: integer(1, 1_000_000).default(100),
  /** Documents per space (the index included). */
  maxDocsPerSpace: integer(1, 10_000_000).default(10_000),
  /** Base of the links printed and returned by the share-link API (default: the listening URL). */
  publicUrl: z.string().url().optional(),
  /** Fold a document's update log into a snapshot past this many updates. */
  compactAfter: integer(1, 1_000_000).default(200),
  /** How long a room stays loaded after its last connection left. */
  unloadDelayMs: integer(0, 3_600_000).default(10_000),
  /** Delay between a fiche change and the refresh of its catalog entry. */
  catalogDebounceMs: integer(0, 60_000).default(250),
  /** Create the demo space on first start. */
  seed: z.boolean().default(true),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where documents and the relay key live: one SQLite file, or PostgreSQL shared by several relays. */
  storage: z.enum(['sqlite', 'postgres']).default('sqlite'),
  /** `postgres://…` (required with `storage: postgres`). */
  databaseUrl: z.string().min(1).optional(),
  /** PostgreSQL schema of the tables (created if missing). */
  databaseSchema: z.string().min(1).default('public'),
  /** `redis://…`: shares live updates and awareness with the other relays of the same database. */
  redisUrl: z.string().min(1).optional(),
})

export type Config = z.infer<typeof configSchema>

export const USAGE = `Usage: npm run relay -- [options]
  --port <n>              port (env PORT, default 8080; 0 = any free port)
  --host <addr>           address to listen on (env HOST, default 0.0.0.0)
  --data <dir>            data directory (env KENLABOUR_DATA, default ./data)
  --client-dist <dir>     built client to serve (default client/dist)
  --max-frame-bytes <n>   largest accepted frame (env KENLABOUR_MAX_FRAME_BYTES, default 5 MB)
  --compact-after <n>     updates before a document is compacted (default 200)
  --max-doc-bytes <n>     largest stored document (env KENLABOUR_MAX_DOC_BYTES, default 50 MB)
  --max-messages-per-second <n>  frames per second per connection (default 500, bursts of 2x)
  --max-connections-per-ip <n>   open sync connections per IP (default 100)
  --max-docs-per-space <n>       documents per space (default 10000)
  --public-url <url>      base URL of printed and shared links (env KENLABOUR_PUBLIC_URL)
  --log-level <level>     pino level (env LOG_LEVEL, default info)
  --storage <kind>        sqlite (default) or postgres (env KENLABOUR_STORAGE)
  --database-url <url>    postgres://… for --storage postgres (env DATABASE_URL)
  --database-schema <s>   PostgreSQL schema of the tables (env KENLABOUR_DATABASE_SCHEMA, default public)
  --redis-url <url>       redis://… shared by several relays (env KENLABOUR_REDIS_URL)
  --no-seed               do not create the demo space
  --help                  show this help`

/** Reads flags (`argv` without node and script) and environment into a checked config. */
export const loadConfig = (argv: string[], env: NodeJS.ProcessEnv): Config | 'help' => {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'client-dist': { type: 'string' },
      'max-frame-bytes': { type: 'string' },
      'compact-after': { type: 'string' },
      'max-doc-bytes': { type: 'string' },
      'max-messages-per-second': { type: 'string' },
      'max-connections-per-ip': { type: 'string' },
      'max-docs-per-space': { type: 'string' },
      'public-url': { type: 'string' },
      'unload-delay-ms': { type: 'string' },
      'catalog-debounce-ms': { type: 'string' },
      'log-level': { type: 'string' },
      storage: { type: 'string' },
      'database-url': { type: 'string' },
      'database-schema': { type: 'string' },
      'redis-url': { type: 'string' },
      'no-seed': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) return 'help'
  const config = configSchema.parse({
    port: values.port ?? env.PORT,
    host: values.host ?? env.HOST,
    dataDir: values.data ?? env.KENLABOUR_DATA,
    clientDist: values['client-dist'],
    maxFrameBytes: values['max-frame-bytes'] ?? env.KENLABOUR_MAX_FRAME_BYTES,
    compactAfter: values['compact-after'],
    maxDocBytes: values['max-doc-bytes'] ?? env.KENLABOUR_MAX_DOC_BYTES,
    maxMessagesPerSecond: values['max-messages-per-second'] ?? env.KENLABOUR_MAX_MESSAGES_PER_SECOND,
    maxConnectionsPerIp: values['max-connections-per-ip'] ?? env.KENLABOUR_MAX_CONNECTIONS_PER_IP,
    maxDocsPerSpace: values['max-docs-per-space'] ?? env.KENLABOUR_MAX_DOCS_PER_SPACE,
    publicUrl: values['public-url'] ?? env.KENLABOUR_PUBLIC_URL,
    unloadDelayMs: values['unload-delay-ms'],
    catalogDebounceMs: values['catalog-debounce-ms'],
    seed: values['no-seed'] ? false : undefined,
    logLevel: values['log-level'] ?? env.LOG_LEVEL,
    storage: values.storage ?? env.KENLABOUR_STORAGE,
    databaseUrl: values['database-url'] ?? env.DATABASE_URL,
    databaseSchema: values['database-schema'] ?? env.KENLABOUR_DATABASE_SCHEMA,
    redisUrl: values['redis-url'] ?? env.KENLABOUR_REDIS_URL,
  })
  if (config.storage === 'postgres' && !config.databaseUrl)
    throw new Error('--storage postgres needs --database-url (or DATABASE_URL)')
  return { ...config, dataDir: resolve(config.dataDir), clientDist: resolve(config.clientDist) }
}
