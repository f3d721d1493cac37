/**
 * What every relay scenario does around its workload: start the server under test as its own
 * process, start the generator's workers, always stop both, and phrase the common checks.
 */
import { Generator } from '../load/generator.ts'
import type { WorkerReport } from '../load/protocol.ts'
import { serverNamed } from '../servers/registry.ts'
import type { RunningServer, ServerUnderTest } from '../servers/types.ts'
import { type Check, type Figure, NotApplicable, type Subject } from './types.ts'
import type { WindowResult } from './window.ts'

export const roomName = (i: number): string => `bench/room-${i}`

export const withServer = async <T>(
  subject: Subject,
  workers: number,
  body: (server: ServerUnderTest, running: RunningServer, generator: Generator) => Promise<T>,
): Promise<T> => {
  const server = serverNamed(subject.name)
  const running = await server.start()
  const generator = Generator.start(workers)
  try {
    return await body(server, running, generator)
  } catch (error) {
    if (error instanceof NotApplicable) throw error
    const tail = running.output().trim().split('\n').slice(-10).join('\n')
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}${tail ? `\nserver output:\n${tail}` : ''}`,
    )
  } finally {
    await generator.stop()
    await running.stop()
  }
}

/** Convergence, liveness and errors: the checks that make a relay run valid. */
export const loadChecks = (
  report: WorkerReport,
  { lightsMustHear }: { lightsMustHear: boolean },
): Check[] => [
  {
    name: 'converged',
    ok: report.missing === 0 && report.divergedRooms === 0,
    detail:
      report.missing === 0 && report.divergedRooms === 0
        ? 'every replica holds every keystroke, replicas of a room identical'
        : `${report.missing} keystrokes missing at replicas ${(report.convergeMs / 1000).toFixed(0)} s after typing stopped, ${report.divergedRooms} rooms with differing replicas`,
  },
  ...(lightsMustHear
    ? [
        {
          name: 'every connection delivered',
          ok: report.silentLights === 0,
          detail: `${report.silentLights} light clients received nothing in the window`,
        },
      ]
    : []),
  {
    name: 'no connection error',
    ok: report.errors.length === 0,
    detail: report.errors.length === 0 ? 'none' : report.errors.slice(0, 3).join('; '),
  },
]

/** How long after the end of typing to wait for every replica to hold every keystroke before failing. */
export const CONVERGE_TIMEOUT_MS = 45_000

/** The generator's own load, shown next to every relay figure. */
export const generatorFigures = (window: WindowResult, report: WorkerReport): Record<string, Figure> => ({
  generatorCores: {
    label: 'generator CPU (all its threads)',
    unit: 'cores',
    value: window.generatorCpuMs / 1000 / window.seconds,
    digits: 2,
    context: true,
  },
  generatorLoopDelay: {
    label: 'generator event-loop delay p99',
    unit: 'ms',
    value: report.loopDelayP99Ms,
    digits: 1,
    context: true,
  },
  machineBusy: {
    label: 'machine CPU busy (all cores)',
    unit: '%',
    value: window.machineBusyPct,
    digits: 0,
    context: true,
  },
  otherCores: {
    label: 'CPU of other processes on the machine',
    unit: 'cores',
    value: window.otherCores,
    digits: 2,
    context: true,
  },
})
