/**
 * Starts a server entry file as a child process (`node --import tsx <entry> --port 0 --host
 * 127.0.0.1`) and waits for the line `listening on http://HOST:PORT`, the convention of the
 * project's relay that the comparison servers' entry files follow too. Every server is launched
 * the same way so that none pays a different start-up or loader cost.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { RunningServer } from './types.ts'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const LISTENING = /listening on (http:\/\/[^\s"]+)/

const alive = new Set<number>()
let exitHookInstalled = false

/** Kills the server if the harness exits first (an error, Ctrl-C): no orphan keeps a port or a core. */
export const killOnExit = (pid: number): (() => void) => {
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.once('exit', () => {
      for (const child of alive) {
        try {
          process.kill(child, 'SIGKILL')
        } catch {
          // already gone
        }
      }
    })
  }
  alive.add(pid)
  return () => alive.delete(pid)
}

/**
 * `BENCH_SERVER_NODE_OPTIONS` is given to every server process as NODE_OPTIONS, to look inside one
 * (e.g. `--import=/path/to/hook.mjs` starting node:inspector's profiler and writing the profile on
 * `exit`: servers are stopped with SIGTERM and exit cleanly; `--cpu-prof` itself is refused there).
 */
export const serverEnv = (): Record<string, string> => {
  const options = process.env.BENCH_SERVER_NODE_OPTIONS
  return options ? { NODE_OPTIONS: options } : {}
}

export interface Listening {
  readonly pid: number
  readonly port: number
  output(): string
  stop(): Promise<void>
}

export const spawnServer = (entry: string, args: readonly string[] = []): Promise<Listening> => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', entry, '--port', '0', '--host', '127.0.0.1', ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', ...serverEnv() },
    },
  )
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${entry} did not start in 30 s:\n${output}`))
    }, 30_000)
    const onData = (chunk: Buffer) => {
      // Keep only the tail: a server logging per message must not grow the harness's memory.
      output = (output + chunk.toString()).slice(-20_000)
      const match = LISTENING.exec(output)
      if (!match || child.pid === undefined) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      const forget = killOnExit(child.pid)
      resolve({
        pid: child.pid,
        port: Number(new URL(match[1]!).port),
        output: () => output,
        stop: async () => {
          // SIGTERM, then SIGKILL if it lingers: a profiled server writes its profile on a clean exit.
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
          await exited
          clearTimeout(timer)
          forget()
        },
      })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${entry} exited with ${code} before listening:\n${output}`))
    })
  })
}

/** A y-websocket-dialect server whose room is the URL path. */
export const roomInPath = (listening: Listening, prefix = ''): RunningServer => ({
  pid: listening.pid,
  wsUrlFor: (room) => `ws://127.0.0.1:${listening.port}${prefix}/${room}`,
  output: listening.output,
  stop: listening.stop,
})

export const entryPath = (file: string): string => fileURLToPath(new URL(file, import.meta.url))
