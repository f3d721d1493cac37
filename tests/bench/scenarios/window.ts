/**
 * A measurement window: CPU of the server, of the generator and of the whole machine between two
 * instants. Relay scenarios measure over fixed windows of steady load (that is the quantity
 * measured, not a wait for a condition), after a warm-up that is not counted.
 */
import { cpus } from 'node:os'
import { performance } from 'node:perf_hooks'
import { cpuMs, machineJiffies, ownCpuMs } from '../load/procfs.ts'

export interface WindowResult {
  seconds: number
  serverCpuMs: number
  generatorCpuMs: number
  /** Share of all cores busy over the window, in %. */
  machineBusyPct: number
  /** Cores used by everything else on the machine (neither the server nor the generator). */
  otherCores: number
}

export const openWindow = (serverPid: number): (() => WindowResult) => {
  const t0 = performance.now()
  const server0 = cpuMs(serverPid)
  // The generator alone: the servers are its child processes, so not the tree.
  const generator0 = ownCpuMs(process.pid)
  const machine0 = machineJiffies()
  return () => {
    const machine1 = machineJiffies()
    const seconds = (performance.now() - t0) / 1000
    const serverCpuMs = cpuMs(serverPid) - server0
    const generatorCpuMs = ownCpuMs(process.pid) - generator0
    const busyShare = (machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total)
    return {
      seconds,
      serverCpuMs,
      generatorCpuMs,
      machineBusyPct: 100 * busyShare,
      otherCores: Math.max(0, busyShare * cpus().length - (serverCpuMs + generatorCpuMs) / 1000 / seconds),
    }
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
