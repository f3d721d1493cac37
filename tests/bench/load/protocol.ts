/** Messages between the generator's coordinator (`generator.ts`) and its worker threads (`worker.ts`). */
import type { RoomPlan } from './room.ts'

export type Command = { id: number } & (
  | { cmd: 'setup'; plans: RoomPlan[]; connectConcurrency: number; timeoutMs: number }
  /**
   * Light clients prepare `prepare` keystrokes, then every client types `rateHz` keystrokes per
   * second, each with a caret update.
   */
  | { cmd: 'type'; rateHz: number; prepare: number }
  /** Opens the measurement window: latencies of keystrokes sent from now on are kept. */
  | { cmd: 'mark' }
  /** Closes the window and stops typing. */
  | { cmd: 'stop' }
  | { cmd: 'wake' }
  /**
   * Waits until every replica has every keystroke and every light client received something since
   * the mark (or the timeout), then reports.
   */
  | { cmd: 'converge'; timeoutMs: number }
  | { cmd: 'report' }
  | { cmd: 'close' }
)

export type CommandBody = Command extends infer C ? (C extends Command ? Omit<C, 'id'> : never) : never

export interface WorkerReport {
  /** Delivery latencies (ms) of the keystrokes sent in the window, one per receiving replica. */
  samples: Float64Array
  /** Keystrokes sent in the window. */
  sent: number
  missing: number
  divergedRooms: number
  silentLights: number
  /** Join storm: clients whose sync step 2 did not cover the whole document. */
  incompleteSyncs: number
  framesReceived: number
  bytesReceived: number
  /** ms from connect to ready, per client. */
  readyMs: number[]
  loopDelayP99Ms: number
  /** ms the last `converge` waited for every replica to hold every keystroke (the backlog drained). */
  convergeMs: number
  errors: string[]
}

export const emptyReport = (): WorkerReport => ({
  samples: new Float64Array(0),
  sent: 0,
  missing: 0,
  divergedRooms: 0,
  silentLights: 0,
  incompleteSyncs: 0,
  framesReceived: 0,
  bytesReceived: 0,
  readyMs: [],
  loopDelayP99Ms: 0,
  convergeMs: 0,
  errors: [],
})

export interface Reply {
  id: number
  result: WorkerReport | null
  error?: string
}
