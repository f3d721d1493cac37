/**
 * Starts the real relay as a child process (the same entry point as `npm run relay`) on a free
 * port, for integration and end-to-end tests. Nothing is mocked: real sockets, real SQLite file.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { registerRelayDataDir } from './tokens.ts'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface RelayHandle {
  /** http://127.0.0.1:PORT */
  readonly url: string
  /** ws://127.0.0.1:PORT */
  readonly wsUrl: string
  readonly port: number
  readonly dataDir: string
  readonly process: ChildProcess
  /** Everything the relay printed so far (stdout and stderr). */
  output(): string
  /** SIGTERM and wait for exit (SIGKILL after 10 s if it hangs: then `process.exitCode` is null). */
  stop(): Promise<void>
  /** SIGKILL and wait for exit (a crash). */
  kill(): Promise<void>
}

export interface RelayOptions {
  /** Reuse a data directory (to test persistence across restarts); a fresh temp dir by default. */
  dataDir?: string
  /** Fixed port (to restart on the same address); a free one by default. */
  port?: number
  env?: Record<string, string>
  args?: string[]
}

export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'kenlabour-test-'))

const LISTENING = /listening on (http:\/\/[^\s"]+)/

export const startRelay = (options: RelayOptions = {}): Promise<RelayHandle> => {
  const dataDir = options.dataDir ?? tempDataDir()
  const args = [
    // As `npm run relay` starts it (package.json): a larger young generation, see relay/README.md.
    '--max-semi-space-size=32',
    '--import',
    'tsx',
    join(ROOT, 'relay/src/main.ts'),
    '--port',
    String(options.port ?? 0),
    '--host',
    '127.0.0.1',
    '--data',
    dataDir,
    ...(options.args ?? []),
  ]
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start in 30 s:\n${output}`)), 30_000)
    let listening = false
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      // Once listening, only collect: scanning megabytes of logs on every chunk would be quadratic.
      if (listening) return
      const match = LISTENING.exec(output)
      if (!match) return
      listening = true
      clearTimeout(timer)
      const url = match[1]!.replace(/\/$/, '')
      const port = Number(new URL(url).port)
      registerRelayDataDir(url, dataDir)
      resolve({
        url,
        wsUrl: url.replace(/^http/, 'ws'),
        port,
        dataDir,
        process: child,
        output: () => output,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM')
          // A relay that does not stop within 10 s is killed: its exit code then shows the failure.
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
          await exited
          clearTimeout(timer)
        },
        kill: async () => {
          if (child.exitCode === null) child.kill('SIGKILL')
          await exited
        },
      })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`relay exited with ${code} before listening:\n${output}`))
    })
  })
}
