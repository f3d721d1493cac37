/**
 * CPU and memory of a process tree read from /proc, so a server's cost is measured from outside
 * without instrumenting it (the same figure for our relay and for the servers we compare it to).
 * Linux only: the benchmarks are run on Linux machines; elsewhere this throws with a clear message.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks per second of utime/stime in /proc/<pid>/stat (USER_HZ, 100 on every Linux port). */
const TICKS_PER_SECOND = 100

const readStat = (pid: number): { ppid: number; cpuTicks: number } | null => {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  // fields[0] is field 3 (state); ppid is field 4, utime 14, stime 15.
  return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) }
}

/** The pid and every descendant (a server that forks workers is measured as a whole). */
export const processTree = (root: number): number[] => {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = readStat(Number(entry))
    if (!stat) continue
    const list = children.get(stat.ppid) ?? []
    list.push(Number(entry))
    children.set(stat.ppid, list)
  }
  const tree: number[] = []
  const stack = [root]
  while (stack.length > 0) {
    const pid = stack.pop()!
    tree.push(pid)
    stack.push(...(children.get(pid) ?? []))
  }
  return tree
}

/** User + system CPU time of one process (all its threads, not its children), in ms. */
export const ownCpuMs = (pid: number): number => ((readStat(pid)?.cpuTicks ?? 0) * 1000) / TICKS_PER_SECOND

/** User + system CPU time of a process tree, in milliseconds (10 ms resolution). */
export const cpuMs = (root: number): number => {
  let ticks = 0
  for (const pid of processTree(root)) ticks += readStat(pid)?.cpuTicks ?? 0
  return (ticks * 1000) / TICKS_PER_SECOND
}

const statusKb = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

/** Resident memory of a process tree now, in MB. */
export const rssMb = (root: number): number =>
  processTree(root).reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0) / 1024

/** Busy and total jiffies of the whole machine (first line of /proc/stat), to tell saturation. */
export const machineJiffies = (): { busy: number; total: number } => {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  const values = line.trim().split(/\s+/).slice(1).map(Number)
  const total = values.reduce((a, b) => a + b, 0)
  const idle = (values[3] ?? 0) + (values[4] ?? 0) // idle + iowait
  return { busy: total - idle, total }
}

/** Samples a process tree's RSS on an interval and keeps the peak, for the duration of a phase. */
export class RssSampler {
  private peak = 0
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly pid: number,
    intervalMs = 250,
  ) {
    this.sample()
    this.timer = setInterval(() => this.sample(), intervalMs)
    this.timer.unref()
  }

  sample(): number {
    const now = rssMb(this.pid)
    if (now > this.peak) this.peak = now
    return now
  }

  /** Stops sampling; returns the peak seen (including one last sample). */
  stop(): number {
    clearInterval(this.timer)
    this.sample()
    return this.peak
  }
}
