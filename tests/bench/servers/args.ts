/** `--port` and `--host` of a comparison server's entry file (the same flags as `npm run relay`). */
import { parseArgs } from 'node:util'

// SIGTERM ends the process through `exit`, so that `--cpu-prof` (BENCH_SERVER_NODE_OPTIONS) is written.
process.once('SIGTERM', () => process.exit(0))

export const listenArgs = (): { port: number; host: string } => {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' } },
    strict: false,
  })
  return { port: Number(values.port), host: String(values.host) }
}
