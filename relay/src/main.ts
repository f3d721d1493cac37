/**
 * Entry point: `npm run relay -- --port 8080 --data ./data`. Opens the storage, seeds the demo
 * space on first start, serves, and on SIGTERM/SIGINT closes every socket with
 * `CloseCode.Restarting` before closing the storage (every accepted update is already stored).
 */
import { DEMO_SPACE } from '@kenlabour/shared/names'
import { z } from 'zod'
import { mintToken } from './access/tokens.ts'
import { loadConfig, USAGE } from './config.ts'
import { createLogger } from './log.ts'
import { createRedisBus } from './scale/redisBus.ts'
import { seedDemoSpace } from './seed.ts'
import { startServer } from './server.ts'
import { openConfiguredStore } from './storage/openConfigured.ts'

const readConfig = () => {
  try {
    return loadConfig(process.argv.slice(2), process.env)
  } catch (error) {
    const message = error instanceof z.ZodError ? z.prettifyError(error) : String(error)
    process.stderr.write(`${message}\n\n${USAGE}\n`)
    process.exit(2)
  }
}

const main = async (): Promise<void> => {
  const config = readConfig()
  if (config === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const log = createLogger(config.logLevel)
  const { storage, key, spaces } = await openConfiguredStore(config, log)
  if (config.seed) {
    await seedDemoSpace({ storage, log })
    // Anyone may browse the demo space; editing it takes the editor link printed below.
    await spaces.ensure(DEMO_SPACE, { publicRead: true })
  }
  const bus = config.redisUrl
    ? createRedisBus({ url: config.redisUrl, prefix: `kenlabour:${config.databaseSchema}`, log })
    : undefined
  const relay = await startServer(config, {
    log,
    storage,
    key,
    spaces,
    ...(bus ? { sharing: bus, rotations: bus } : {}),
  })

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now')
      process.exit(1)
    }
    stopping = true
    log.info({ signal }, 'shutting down')
    relay
      .close()
      .then(() => bus?.close())
      .then(() => storage.close())
      .then(() => spaces.close())
      .then(
        () => {
          log.info('stopped')
          process.exit(0)
        },
        (error: unknown) => {
          log.error({ err: error }, 'unclean shutdown')
          process.exit(1)
        },
      )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('unhandledRejection', (error) => log.error({ err: error }, 'unhandled rejection'))

  log.info({ url: relay.url, dataDir: config.dataDir }, `listening on ${relay.url}`)
  // The human-facing line: a wildcard bind address is not something to open in a browser.
  const openUrl = relay.url.replace(/\/\/(0\.0\.0\.0|\[::\])(?=:)/, '//localhost')
  const linkBase = config.publicUrl?.replace(/\/$/, '') ?? openUrl
  const demo = await spaces.get(DEMO_SPACE)
  const editorLink = demo
    ? `\nEditor link of the demo space (keep it private): ${linkBase}/s/${DEMO_SPACE}?token=${await mintToken(key, { space: DEMO_SPACE, role: 'editor', ver: demo.version })}\n`
    : ''
  process.stdout.write(
    `\nKenlabour is running. Open ${openUrl}/ (demo directory: ${openUrl}/s/${DEMO_SPACE})\n${editorLink}\n`,
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`relay failed to start: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
