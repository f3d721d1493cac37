/**
 * A Redis server of the test's own, as a child process on a free port, that the test can kill and
 * start again on the same port (a real Redis restart, without touching the machine's shared Redis).
 * No persistence: after a restart it is empty, as a cache restarted after a crash would be.
 * Fails with a clear message when `redis-server` is not installed (never a silent skip).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'

export interface RedisProcess {
  readonly port: number
  readonly url: string
  /** The running server's pid (to read its CPU from /proc); null while stopped. */
  pid(): number | null
  /** Stops the server (SIGKILL by default: a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>
  /** Starts it again on the same port and waits until it accepts connections. */
  start(): Promise<void>
}

const READY = /Ready to accept connections/

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const requireRedisServer = (): void => {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0)
    throw new Error(
      `redis-server is not installed or does not run (${probe.error?.message ?? probe.stderr}): the scale-out tests start and restart a Redis of their own (apt-get install redis-server)`,
    )
}

const launch = (port: number): Promise<ChildProcess> => {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`redis-server did not start on port ${port} in 10 s:\n${output}`))
    }, 10_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (!READY.test(output)) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      resolve(child)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited with ${code} before accepting connections:\n${output}`))
    })
  })
}

export const startRedis = async (): Promise<RedisProcess> => {
  requireRedisServer()
  const port = await freePort()
  let child: ChildProcess | null = await launch(port)
  // The test runner may exit without `stop` (a failure): no orphan Redis keeps the port.
  const killOrphan = () => child?.kill('SIGKILL')
  process.once('exit', killOrphan)
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid: () => child?.pid ?? null,
    stop: async (signal = 'SIGKILL') => {
      const running = child
      if (!running) return
      child = null
      if (running.exitCode === null && running.signalCode === null) {
        const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()))
        running.kill(signal)
        await exited
      }
    },
    start: async () => {
      if (child) throw new Error('redis-server is already running')
      child = await launch(port)
    },
  }
}
