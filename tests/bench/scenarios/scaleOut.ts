/**
 * Scale-out: the standard workload (`standard.ts`) against the single-process relay (SQLite, the
 * baseline) and against 1, 2 and 3 relays sharing PostgreSQL and Redis, in one run. The clients of
 * each room are dealt round-robin over the relays (shifted by room), so every room is co-edited
 * through several relays and every keystroke crosses Redis. Figures: keystrokes delivered per second,
 * latency percentiles, CPU per keystroke of all the relay processes together (from /proc), and
 * beside it the CPU of Redis and of the relays' PostgreSQL backends (the cost the single relay pays
 * inside its own process for SQLite). Each scale-out run gets a fresh PostgreSQL schema and its own
 * Redis, dropped and stopped afterwards.
 */
import { spawnSync } from 'node:child_process'
import { cpus } from 'node:os'
import { performance } from 'node:perf_hooks'
import { deal, Generator } from '../load/generator.ts'
import { cpuMs, machineJiffies, ownCpuMs, rssMb } from '../load/procfs.ts'
import type { RoomPlan } from '../load/room.ts'
import { kenlabour } from '../servers/kenlabour.ts'
import { startScaleOut } from '../servers/kenlabourScaleOut.ts'
import { percentile } from '../stats.ts'
import { CONVERGE_TIMEOUT_MS, generatorFigures, loadChecks, roomName } from './relaySubject.ts'
import { STANDARD_WORKLOADS } from './standard.ts'
import type { Check, Measurement, RunOptions, Scenario, Subject } from './types.ts'
import { describeTyping, type TypingWorkload } from './typing.ts'
import { sleep } from './window.ts'

const SINGLE = 'kenlabour'
const RELAY_COUNTS = [1, 2, 3] as const

/** What a run needs of the relays under test, whichever mode they run in. */
interface Deployment {
  readonly relayPids: readonly number[]
  urlsFor(room: string): string[]
  /** Processes outside the relays that serve them (Redis, PostgreSQL backends); none for SQLite. */
  storePids(): Promise<number[]>
  /** Whether the shared store holds every room; null when there is no shared store. */
  storeCheck(rooms: number): Promise<Check | null>
  output(): string
  stop(): Promise<void>
}

const missingTool = (command: string, args: string[], why: string): string | null => {
  const probe = spawnSync(command, args, { encoding: 'utf8' })
  return probe.error || probe.status !== 0 ? why : null
}

const scaleOutSubject = (relays: number): Subject => ({
  name: `scale-out-${relays}`,
  label: `Kenlabour, ${relays} relay${relays > 1 ? 's' : ''} + PostgreSQL + Redis`,
  unavailable: () =>
    missingTool('redis-server', ['--version'], 'redis-server is not installed') ??
    missingTool('pg_isready', ['-h', '127.0.0.1', '-q'], 'PostgreSQL is not ready at 127.0.0.1:5432'),
})

const SUBJECTS: readonly Subject[] = [
  { name: SINGLE, label: 'Kenlabour, one relay process (SQLite)', unavailable: kenlabour.unavailable },
  ...RELAY_COUNTS.map(scaleOutSubject),
]

const startDeployment = async (subject: Subject): Promise<Deployment> => {
  if (subject.name === SINGLE) {
    const running = await kenlabour.start()
    return {
      relayPids: [running.pid],
      urlsFor: (room) => [running.wsUrlFor(room)],
      storePids: async () => [],
      storeCheck: async () => null,
      output: running.output,
      stop: running.stop,
    }
  }
  const deployment = await startScaleOut(Number(subject.name.slice('scale-out-'.length)))
  return {
    ...deployment,
    storeCheck: async (rooms) => {
      // The space's catalog (`bench/_index`) is stored too: count the rooms only.
      const stored = new Set(await deployment.storedDocs())
      const held = Array.from({ length: rooms }, (_, i) => roomName(i)).filter((name) => stored.has(name))
      return {
        name: 'stored in PostgreSQL',
        ok: held.length === rooms,
        detail: `${held.length} of ${rooms} rooms`,
      }
    },
  }
}

interface CpuWindow {
  seconds: number
  relayCpuMs: number
  storeCpuMs: number
  generatorCpuMs: number
  machineBusyPct: number
  otherCores: number
}

/**
 * CPU between two instants of every relay process together, and of the store processes. PostgreSQL
 * backends are listed at both ends (pools open and close connections): one that appeared during
 * the window counts whole, one that left loses its share (pools keep them for 10 s: rare).
 */
const openCpuWindow = async (deployment: Deployment): Promise<() => Promise<CpuWindow>> => {
  const relayCpu = () => deployment.relayPids.reduce((sum, pid) => sum + cpuMs(pid), 0)
  const storeAtStart = new Map((await deployment.storePids()).map((pid) => [pid, ownCpuMs(pid)]))
  const t0 = performance.now()
  const relays0 = relayCpu()
  const generator0 = ownCpuMs(process.pid)
  const machine0 = machineJiffies()
  return async () => {
    const machine1 = machineJiffies()
    const seconds = (performance.now() - t0) / 1000
    const relayCpuMs = relayCpu() - relays0
    const generatorCpuMs = ownCpuMs(process.pid) - generator0
    let storeCpuMs = 0
    for (const pid of await deployment.storePids()) storeCpuMs += ownCpuMs(pid) - (storeAtStart.get(pid) ?? 0)
    const busyShare = (machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total)
    const measuredCores = (relayCpuMs + storeCpuMs + generatorCpuMs) / 1000 / seconds
    return {
      seconds,
      relayCpuMs,
      storeCpuMs,
      generatorCpuMs,
      machineBusyPct: 100 * busyShare,
      otherCores: Math.max(0, busyShare * cpus().length - measuredCores),
    }
  }
}

const measure = async (subject: Subject, w: TypingWorkload): Promise<Measurement> => {
  const deployment = await startDeployment(subject)
  const generator = Generator.start(Math.min(w.workers, w.rooms))
  try {
    const plans: RoomPlan[] = Array.from({ length: w.rooms }, (_, i) => {
      const urls = deployment.urlsFor(roomName(i))
      // Shifted by room, so that each relay serves as many clients as the others.
      const rotated = [...urls.slice(i % urls.length), ...urls.slice(0, i % urls.length)]
      return {
        room: roomName(i),
        url: rotated[0]!,
        urls: rotated,
        dialect: 'y-websocket',
        replicas: w.replicasPerRoom,
        lights: w.clientsPerRoom - w.replicasPerRoom,
        awaitServerStep2: true,
        seedFiche: true,
      }
    })
    await generator.setup(deal(plans, generator.size), 32, 30_000)
    const keystrokes = Math.ceil((w.rateHz * (w.warmupMs + w.measureMs) * 1.1) / 1000) + 5
    await generator.all({ cmd: 'type', rateHz: w.rateHz, prepare: keystrokes })
    await sleep(w.warmupMs)
    await generator.all({ cmd: 'mark' })
    const close = await openCpuWindow(deployment)
    await sleep(w.measureMs)
    const window = await close()
    await generator.all({ cmd: 'stop' })
    const rss = deployment.relayPids.reduce((sum, pid) => sum + rssMb(pid), 0)
    const report = await generator.all({ cmd: 'converge', timeoutMs: CONVERGE_TIMEOUT_MS })
    const sent = Math.max(1, report.sent)
    const storeCheck = await deployment.storeCheck(w.rooms)
    return {
      figures: {
        deliveredPerS: {
          label: 'keystrokes delivered to replicas',
          unit: '/s',
          value: report.samples.length / window.seconds,
          digits: 0,
        },
        p50: { label: 'delivery latency p50', unit: 'ms', value: percentile(report.samples, 50), digits: 1 },
        p99: { label: 'delivery latency p99', unit: 'ms', value: percentile(report.samples, 99), digits: 1 },
        cpuPerKeystroke: {
          label: 'CPU per keystroke, all relay processes',
          unit: 'µs',
          value: (window.relayCpuMs * 1000) / sent,
          digits: 0,
        },
        cpuPerKeystrokeWithStores: {
          label: 'CPU per keystroke, relays + Redis + PostgreSQL backends',
          unit: 'µs',
          value: ((window.relayCpuMs + window.storeCpuMs) * 1000) / sent,
          digits: 0,
        },
        relayCores: {
          label: 'relay CPU (all relays)',
          unit: 'cores',
          value: window.relayCpuMs / 1000 / window.seconds,
          digits: 2,
        },
        rss: { label: 'relay memory (RSS, all relays)', unit: 'MB', value: rss, digits: 0 },
        keystrokesPerS: {
          label: 'keystrokes sent',
          unit: '/s',
          value: report.sent / window.seconds,
          digits: 0,
          context: true,
        },
        drain: {
          label: 'backlog drained after typing stopped',
          unit: 'ms',
          value: report.convergeMs,
          digits: 0,
          context: true,
        },
        ...generatorFigures(
          {
            seconds: window.seconds,
            serverCpuMs: window.relayCpuMs + window.storeCpuMs,
            generatorCpuMs: window.generatorCpuMs,
            machineBusyPct: window.machineBusyPct,
            otherCores: window.otherCores,
          },
          report,
        ),
      },
      checks: [
        ...loadChecks(report, { lightsMustHear: true }),
        {
          name: 'latency measured',
          ok: report.samples.length > 0,
          detail: `${report.samples.length} samples`,
        },
        ...(storeCheck ? [storeCheck] : []),
      ],
    }
  } catch (error) {
    const tail = deployment.output().trim().split('\n').slice(-10).join('\n')
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}${tail ? `\nrelay output:\n${tail}` : ''}`,
    )
  } finally {
    await generator.stop()
    await deployment.stop()
  }
}

const pick = (options: RunOptions): TypingWorkload =>
  options.quick ? STANDARD_WORKLOADS.quick : STANDARD_WORKLOADS.full

export const scaleOut: Scenario = {
  name: 'scale-out',
  baseline: SINGLE,
  summary: (options) =>
    `the standard workload (${describeTyping(pick(options))}) on one relay process (SQLite) and on ${RELAY_COUNTS.join(', ')} relays sharing PostgreSQL and Redis, each room's clients dealt round-robin over the relays`,
  subjects: () => SUBJECTS,
  measure: (subject, options) => measure(subject, pick(options)),
}
