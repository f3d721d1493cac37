/**
 * `npm run token -- --space <id> --role <reader|editor|admin> [--data ./data] [--expires <s>]`:
 * prints a token for the space (and, on stderr, the link to open). Reads the relay key and the
 * space's secret version from the data directory (or, in scale-out mode, from PostgreSQL), so it
 * works whether the relay runs or not.
 */
import { parseArgs } from 'node:util'
import { roleSchema } from '@kenlabour/shared/access'
import { spaceIdSchema } from '@kenlabour/shared/names'
import { z } from 'zod'
import { mintTokenForDataDir } from './access/mintForDataDir.ts'
import { mintTokenForPostgres } from './access/mintForPostgres.ts'

const USAGE = `Usage: npm run token -- --space <id> --role <reader|editor|admin> [options]
  --data <dir>       data directory of the relay (env KENLABOUR_DATA, default ./data)
  --expires <s>      lifetime in seconds (default: no expiry; revoke by rotating the space secret)
  --url <base>       base of the printed link (default http://localhost:8080)
  --database-url <u> scale-out mode: key and registry in PostgreSQL (env DATABASE_URL with KENLABOUR_STORAGE=postgres)
  --database-schema <s>  PostgreSQL schema (env KENLABOUR_DATABASE_SCHEMA, default public)`

const argsSchema = z.object({
  space: spaceIdSchema,
  role: roleSchema,
  data: z.string().min(1),
  expires: z.coerce.number().int().positive().optional(),
  url: z.string().url(),
  databaseUrl: z.string().min(1).optional(),
  databaseSchema: z.string().min(1),
})

try {
  const { values } = parseArgs({
    options: {
      space: { type: 'string' },
      role: { type: 'string' },
      data: { type: 'string' },
      expires: { type: 'string' },
      url: { type: 'string' },
      'database-url': { type: 'string' },
      'database-schema': { type: 'string' },
    },
    strict: true,
  })
  const { 'database-url': databaseUrl, 'database-schema': databaseSchema, ...rest } = values
  const args = argsSchema.parse({
    ...rest,
    databaseUrl:
      databaseUrl ?? (process.env.KENLABOUR_STORAGE === 'postgres' ? process.env.DATABASE_URL : undefined),
    databaseSchema: databaseSchema ?? process.env.KENLABOUR_DATABASE_SCHEMA ?? 'public',
    data: values.data ?? process.env.KENLABOUR_DATA ?? './data',
    url: values.url ?? 'http://localhost:8080',
  })
  const claims = {
    space: args.space,
    role: args.role,
    ...(args.expires ? { expiresInSeconds: args.expires } : {}),
  }
  const token = args.databaseUrl
    ? await mintTokenForPostgres({
        connectionString: args.databaseUrl,
        schema: args.databaseSchema,
        ...claims,
      })
    : await mintTokenForDataDir({ dataDir: args.data, ...claims })
  process.stdout.write(`${token}\n`)
  process.stderr.write(`link: ${args.url.replace(/\/$/, '')}/s/${args.space}?token=${token}\n`)
} catch (error) {
  const message = error instanceof z.ZodError ? z.prettifyError(error) : String(error)
  process.stderr.write(`${message}\n\n${USAGE}\n`)
  process.exit(2)
}
