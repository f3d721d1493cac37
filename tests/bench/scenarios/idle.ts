/**
 * Idle connections: many people with a fiche open and nobody typing. Figures: how long the relay
 * takes to accept and sync them all, its memory per connection, its CPU while idle; then one
 * keystroke per room must reach every connection (none was silently dropped while idle).
 */
import { deal } from '../load/generator.ts'
import { rssMb } from '../load/procfs.ts'
import type { RoomPlan } from '../load/room.ts'
import { percentile } from '../stats.ts'
import { CONVERGE_TIMEOUT_MS, generatorFigures, loadChecks, roomName, withServer } from './relaySubject.ts'
import type { RunOptions, Scenario } from './types.ts'
import { openWindow, sleep } from './window.ts'

interface IdleWorkload {
  readonly rooms: number
  readonly clientsPerRoom: number
  readonly replicasPerRoom: number
  readonly idleMs: number
  readonly workers: number
}

const FULL: IdleWorkload = { rooms: 200, clientsPerRoom: 10, replicasPerRoom: 2, idleMs: 8_000, workers: 2 }
const QUICK: IdleWorkload = { rooms: 10, clientsPerRoom: 5, replicasPerRoom: 2, idleMs: 1_000, workers: 1 }
const pick = (options: RunOptions) => (options.quick ? QUICK : FULL)

export const idle: Scenario = {
  name: 'idle',
  baseline: 'bare',
  summary: (options) => {
    const w = pick(options)
    return `${w.rooms * w.clientsPerRoom} connections (${w.rooms} fiches x ${w.clientsPerRoom}, ${w.replicasPerRoom} full replicas each) opened 32 at a time per generator thread, idle ${w.idleMs / 1000} s, then one keystroke per fiche`
  },
  subjects: (options) => options.servers,
  measure: (subject, options) => {
    const w = pick(options)
    const connections = w.rooms * w.clientsPerRoom
    return withServer(subject, Math.min(w.workers, w.rooms), async (server, running, generator) => {
      const rssBefore = rssMb(running.pid)
      const plans: RoomPlan[] = Array.from({ length: w.rooms }, (_, i) => ({
        room: roomName(i),
        url: running.wsUrlFor(roomName(i)),
        dialect: server.dialect,
        replicas: w.replicasPerRoom,
        lights: w.clientsPerRoom - w.replicasPerRoom,
        awaitServerStep2: server.keepsDocuments,
        seedFiche: true,
      }))
      const closeConnect = openWindow(running.pid)
      await generator.setup(deal(plans, generator.size), 32, 60_000)
      const connect = closeConnect()
      await generator.all({ cmd: 'mark' })
      const closeIdle = openWindow(running.pid)
      await sleep(w.idleMs)
      const window = closeIdle()
      const rssIdle = rssMb(running.pid)
      await generator.all({ cmd: 'stop' })
      await generator.all({ cmd: 'wake' })
      const report = await generator.all({ cmd: 'converge', timeoutMs: CONVERGE_TIMEOUT_MS })
      return {
        figures: {
          connectS: {
            label: `time to open and sync ${connections} connections`,
            unit: 's',
            value: connect.seconds,
            digits: 2,
          },
          connectCpu: {
            label: 'relay CPU to accept them',
            unit: 'ms',
            value: connect.serverCpuMs,
            digits: 0,
          },
          rss: { label: 'relay memory (RSS), idle', unit: 'MB', value: rssIdle, digits: 0 },
          perConnection: {
            label: 'relay memory per connection',
            unit: 'KB',
            value: ((rssIdle - rssBefore) * 1024) / connections,
            digits: 1,
          },
          idleCpu: {
            label: 'relay CPU while idle',
            unit: '% of a core',
            value: (100 * window.serverCpuMs) / 1000 / window.seconds,
            digits: 1,
          },
          wakeP99: {
            label: 'wake burst latency p99 (one keystroke in every fiche at once)',
            unit: 'ms',
            value: percentile(report.samples, 99),
            digits: 1,
          },
          ...generatorFigures(window, report),
        },
        checks: loadChecks(report, { lightsMustHear: true }),
      }
    })
  },
}
