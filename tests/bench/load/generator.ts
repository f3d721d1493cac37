/**
 * The coordinator of the load generator: starts worker threads, deals rooms to them, sends each
 * command to all and merges their reports. The generator's own CPU (this process, all threads) and
 * event-loop delay are reported next to the server's, so a reader can see it was not the bottleneck.
 */
import { Worker } from 'node:worker_threads'
import { type CommandBody, emptyReport, type Reply, type WorkerReport } from './protocol.ts'
import type { RoomPlan } from './room.ts'

const WORKER = new URL('./worker.ts', import.meta.url).href
const TSX_API = import.meta.resolve('tsx/esm/api')
/**
 * On Node 20 a worker does not inherit the coordinator's `--import tsx` loader for its own entry
 * file, so the entry is a bootstrap that registers tsx's loader and then imports `worker.ts`.
 */
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}) })`

export class Generator {
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (r: Reply) => void }>()
  /** Set once a worker died: every later command fails at once instead of waiting forever. */
  private failure: string | null = null

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (reply: Reply) => {
        this.pending.get(reply.id)?.resolve(reply)
        this.pending.delete(reply.id)
      })
      const fail = (error: string) => {
        this.failure ??= error
        for (const { resolve } of this.pending.values()) resolve({ id: 0, result: null, error })
        this.pending.clear()
      }
      worker.on('error', (error) => fail(String(error)))
      worker.on('exit', (code) => fail(`worker exited with code ${code}`))
    }
  }

  /** Worker threads load TypeScript like the coordinator (see BOOTSTRAP). */
  static start(count: number): Generator {
    return new Generator(Array.from({ length: count }, () => new Worker(BOOTSTRAP, { eval: true })))
  }

  get size(): number {
    return this.workers.length
  }

  private send(worker: Worker, body: CommandBody): Promise<WorkerReport | null> {
    const id = this.nextId++
    if (this.failure) return Promise.reject(new Error(`generator worker: ${this.failure}`))
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: (reply) =>
          reply.error ? reject(new Error(`generator worker: ${reply.error}`)) : resolve(reply.result),
      })
      worker.postMessage({ ...body, id })
    })
  }

  /** Sends the same command to every worker; merges what they report. */
  async all(body: CommandBody): Promise<WorkerReport> {
    return merge(await Promise.all(this.workers.map((w) => this.send(w, body))))
  }

  /** Connects the rooms, `plansPerWorker[i]` on worker i. */
  async setup(
    plansPerWorker: RoomPlan[][],
    connectConcurrency: number,
    timeoutMs: number,
  ): Promise<WorkerReport> {
    const reports = await Promise.all(
      this.workers.map((w, i) =>
        this.send(w, { cmd: 'setup', plans: plansPerWorker[i] ?? [], connectConcurrency, timeoutMs }),
      ),
    )
    return merge(reports)
  }

  async stop(): Promise<void> {
    if (!this.failure) await this.all({ cmd: 'close' }).catch(() => undefined)
    this.failure = 'stopped'
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}

/** Deals items round-robin into `n` lists (rooms to workers). */
export const deal = <T>(items: readonly T[], n: number): T[][] => {
  const lists: T[][] = Array.from({ length: n }, () => [])
  for (const [i, item] of items.entries()) lists[i % n]!.push(item)
  return lists
}

const merge = (reports: readonly (WorkerReport | null)[]): WorkerReport => {
  const out = emptyReport()
  const samples: Float64Array[] = []
  for (const r of reports) {
    if (!r) continue
    samples.push(r.samples)
    out.sent += r.sent
    out.missing += r.missing
    out.divergedRooms += r.divergedRooms
    out.silentLights += r.silentLights
    out.incompleteSyncs += r.incompleteSyncs
    out.framesReceived += r.framesReceived
    out.bytesReceived += r.bytesReceived
    out.readyMs.push(...r.readyMs)
    out.loopDelayP99Ms = Math.max(out.loopDelayP99Ms, r.loopDelayP99Ms)
    out.convergeMs = Math.max(out.convergeMs, r.convergeMs)
    out.errors.push(...r.errors)
  }
  const total = samples.reduce((n, s) => n + s.length, 0)
  out.samples = new Float64Array(total)
  let offset = 0
  for (const s of samples) {
    out.samples.set(s, offset)
    offset += s.length
  }
  return out
}
