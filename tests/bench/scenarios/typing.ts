/**
 * Typing workloads (standard, workshop): every client of every room types a few keystrokes per
 * second, each with a caret update, for a warm-up then a measured window. Figures: relay CPU per
 * keystroke (its /proc CPU over the window divided by the keystrokes sent in it), delivery latency
 * percentiles measured by the replicas, relay memory; then every replica must hold every keystroke.
 */
import { deal } from '../load/generator.ts'
import { rssMb } from '../load/procfs.ts'
import type { RoomPlan } from '../load/room.ts'
import { percentile } from '../stats.ts'
import { CONVERGE_TIMEOUT_MS, generatorFigures, loadChecks, roomName, withServer } from './relaySubject.ts'
import type { Measurement, RunOptions, Scenario, Subject } from './types.ts'
import { openWindow, sleep } from './window.ts'

export interface TypingWorkload {
  readonly rooms: number
  readonly clientsPerRoom: number
  /** Of the clients of a room, how many are full replicas (they type too). */
  readonly replicasPerRoom: number
  readonly rateHz: number
  readonly warmupMs: number
  readonly measureMs: number
  readonly workers: number
  /** What the relay should achieve under this workload, marked in the report. */
  readonly targets?: {
    /** Delivery latency p99, ms. */
    readonly p99Ms: number
    /** CPU per keystroke as a multiple of the baseline's (the bare broadcast relay). */
    readonly cpuRatio: number
  }
}

export const describeTyping = (w: TypingWorkload): string =>
  `${w.rooms} room${w.rooms > 1 ? 's' : ''} x ${w.clientsPerRoom} clients (${w.replicasPerRoom} full replicas each) x ${w.rateHz} keystrokes/s with a caret update each; ${w.warmupMs / 1000} s warm-up, ${w.measureMs / 1000} s measured`

export const typingScenario = (
  name: string,
  workloads: { full: TypingWorkload; quick: TypingWorkload },
): Scenario => {
  const pick = (options: RunOptions) => (options.quick ? workloads.quick : workloads.full)
  return {
    name,
    baseline: 'bare',
    summary: (options) => describeTyping(pick(options)),
    subjects: (options) => options.servers,
    measure: (subject, options) => measureTyping(subject, pick(options)),
  }
}

const measureTyping = (subject: Subject, w: TypingWorkload): Promise<Measurement> =>
  withServer(subject, Math.min(w.workers, w.rooms), async (server, running, generator) => {
    const plans: RoomPlan[] = Array.from({ length: w.rooms }, (_, i) => ({
      room: roomName(i),
      url: running.wsUrlFor(roomName(i)),
      dialect: server.dialect,
      replicas: w.replicasPerRoom,
      lights: w.clientsPerRoom - w.replicasPerRoom,
      awaitServerStep2: server.keepsDocuments,
      seedFiche: true,
    }))
    await generator.setup(deal(plans, generator.size), 32, 30_000)
    const keystrokes = Math.ceil((w.rateHz * (w.warmupMs + w.measureMs) * 1.1) / 1000) + 5
    await generator.all({ cmd: 'type', rateHz: w.rateHz, prepare: keystrokes })
    await sleep(w.warmupMs)
    await generator.all({ cmd: 'mark' })
    const close = openWindow(running.pid)
    await sleep(w.measureMs)
    const window = close()
    await generator.all({ cmd: 'stop' })
    const rss = rssMb(running.pid)
    const report = await generator.all({ cmd: 'converge', timeoutMs: CONVERGE_TIMEOUT_MS })
    const sent = Math.max(1, report.sent)
    return {
      figures: {
        cpuPerKeystroke: {
          label: 'relay CPU per keystroke',
          unit: 'µs',
          value: (window.serverCpuMs * 1000) / sent,
          digits: 0,
          ...(w.targets ? { targetRatio: w.targets.cpuRatio } : {}),
        },
        p50: { label: 'delivery latency p50', unit: 'ms', value: percentile(report.samples, 50), digits: 1 },
        p95: { label: 'delivery latency p95', unit: 'ms', value: percentile(report.samples, 95), digits: 1 },
        p99: {
          label: 'delivery latency p99',
          unit: 'ms',
          value: percentile(report.samples, 99),
          digits: 1,
          ...(w.targets ? { target: w.targets.p99Ms } : {}),
        },
        relayCores: {
          label: 'relay CPU',
          unit: 'cores',
          value: window.serverCpuMs / 1000 / window.seconds,
          digits: 2,
        },
        rss: { label: 'relay memory (RSS)', unit: 'MB', value: rss, digits: 0 },
        drain: {
          label: 'backlog drained after typing stopped',
          unit: 'ms',
          value: report.convergeMs,
          digits: 0,
          context: true,
        },
        keystrokesPerS: {
          label: 'keystrokes sent',
          unit: '/s',
          value: report.sent / window.seconds,
          digits: 0,
          context: true,
        },
        ...generatorFigures(window, report),
      },
      checks: [
        ...loadChecks(report, { lightsMustHear: true }),
        {
          name: 'latency measured',
          ok: report.samples.length > 0,
          detail: `${report.samples.length} samples`,
        },
      ],
    }
  })
