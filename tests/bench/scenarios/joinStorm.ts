/**
 * Join storm: a large fiche already on the relay, then many people open it at the same instant
 * (a link shared in a meeting). Figures: each joiner's time to a complete sync (its sync step 2
 * covers the whole document), the relay's CPU and peak memory for the storm.
 *
 * Not applicable to the bare broadcast relay: it keeps nothing, so joiners would be served by each
 * other, every 5 MB answer broadcast to the whole room (quadratic); that measures no relay.
 */
import * as Y from 'yjs'
import { BenchClient } from '../load/client.ts'
import { deal } from '../load/generator.ts'
import { buildLargeFiche, largeFicheChunkBytes } from '../load/largeFiche.ts'
import { Ledger } from '../load/ledger.ts'
import { RssSampler, rssMb } from '../load/procfs.ts'
import type { RoomPlan } from '../load/room.ts'
import { Wire } from '../load/wire.ts'
import { serverNamed } from '../servers/registry.ts'
import type { RunningServer, ServerUnderTest } from '../servers/types.ts'
import { percentile } from '../stats.ts'
import { generatorFigures, loadChecks, withServer } from './relaySubject.ts'
import { NotApplicable, type RunOptions, type Scenario } from './types.ts'
import { openWindow, sleep } from './window.ts'

interface StormWorkload {
  readonly joiners: number
  /** Of the joiners, how many are full replicas (apply the 5 MB and are compared at the end). */
  readonly replicas: number
  readonly ficheBytes: number
  readonly workers: number
}

const FULL: StormWorkload = { joiners: 150, replicas: 4, ficheBytes: 5_000_000, workers: 2 }
const QUICK: StormWorkload = { joiners: 20, replicas: 2, ficheBytes: 500_000, workers: 1 }
const pick = (options: RunOptions) => (options.quick ? QUICK : FULL)
const ROOM = 'bench/large-fiche'

export const joinStorm: Scenario = {
  name: 'join-storm',
  baseline: 'y-websocket-server',
  summary: (options) => {
    const w = pick(options)
    return `${w.joiners} clients (${w.replicas} full replicas) open a fiche of ${(w.ficheBytes / 1e6).toFixed(1)} MB at the same instant`
  },
  subjects: (options) => options.servers,
  measure: (subject, options) => {
    const w = pick(options)
    if (!serverNamed(subject.name).keepsDocuments) {
      throw new NotApplicable('keeps no document (joiners would sync from each other)')
    }
    return withServer(subject, w.workers, async (server, running, generator) => {
      const { expected, bytes, seeder } = await uploadLargeFiche(server, running, w.ficheBytes)
      const rssBefore = rssMb(running.pid)
      const plans: RoomPlan[] = deal(
        Array.from({ length: w.joiners }, (_, i) => i < w.replicas),
        generator.size,
      ).map((kinds) => ({
        room: ROOM,
        url: running.wsUrlFor(ROOM),
        dialect: server.dialect,
        replicas: kinds.filter(Boolean).length,
        lights: kinds.filter((k) => !k).length,
        awaitServerStep2: true,
        seedFiche: false,
        expectedState: [...expected],
      }))
      const sampler = new RssSampler(running.pid, 100)
      const close = openWindow(running.pid)
      const ready = await generator.setup(
        plans.map((plan) => [plan]),
        w.joiners,
        60_000,
      )
      const window = close()
      const peak = sampler.stop()
      const report = await generator.all({ cmd: 'report' })
      seeder.close()
      return {
        figures: {
          p50: {
            label: 'time to a complete sync p50',
            unit: 'ms',
            value: percentile(ready.readyMs, 50),
            digits: 0,
          },
          p95: {
            label: 'time to a complete sync p95',
            unit: 'ms',
            value: percentile(ready.readyMs, 95),
            digits: 0,
          },
          p99: {
            label: 'time to a complete sync p99',
            unit: 'ms',
            value: percentile(ready.readyMs, 99),
            digits: 0,
          },
          stormS: {
            label: 'storm duration (last joiner synced)',
            unit: 's',
            value: window.seconds,
            digits: 2,
          },
          stormCpu: { label: 'relay CPU for the storm', unit: 'ms', value: window.serverCpuMs, digits: 0 },
          peakRss: { label: 'relay peak memory (RSS)', unit: 'MB', value: peak, digits: 0 },
          rssBefore: { label: 'relay memory before the storm', unit: 'MB', value: rssBefore, digits: 0 },
          ficheMb: {
            label: 'fiche size (encoded)',
            unit: 'MB',
            value: bytes / 1e6,
            digits: 2,
            context: true,
          },
          ...generatorFigures(window, report),
        },
        checks: [
          ...loadChecks(report, { lightsMustHear: false }),
          {
            name: 'every joiner got the whole fiche',
            ok: report.incompleteSyncs === 0,
            detail: `${report.incompleteSyncs} of ${w.joiners} sync step 2 incomplete`,
          },
        ],
      }
    })
  },
}

/**
 * Uploads the large fiche edit by edit (never one huge frame: a relay may cap frame size), then
 * proves the server holds all of it with a fresh client whose sync step 2 must cover it. The
 * uploader stays connected through the storm, as its author would: Hocuspocus without a storage
 * extension forgets a document as soon as its last connection closes.
 */
const uploadLargeFiche = async (
  server: ServerUnderTest,
  running: RunningServer,
  targetBytes: number,
): Promise<{ expected: Map<number, number>; bytes: number; seeder: BenchClient }> => {
  const wire = new Wire(server.dialect, ROOM)
  const client = (replica: boolean, expectedState?: Map<number, number>) =>
    new BenchClient({
      url: running.wsUrlFor(ROOM),
      wire,
      replica,
      ledger: new Ledger(),
      awaitServerStep2: true,
      ...(expectedState ? { expectedState } : {}),
      name: replica ? 'seeder' : 'verifier',
    })
  const seeder = client(true)
  await seeder.connect()
  const bytes = await buildLargeFiche(
    seeder.doc,
    'large-fiche',
    targetBytes,
    largeFicheChunkBytes,
    async (change) => {
      seeder.edit(() => seeder.doc.transact(change))
      while (seeder.buffered > 0) await sleep(5)
    },
  )
  const expected = Y.decodeStateVector(Y.encodeStateVector(seeder.doc))
  for (let attempt = 0; attempt < 50; attempt++) {
    const verifier = client(false, expected)
    await verifier.connect()
    verifier.close()
    if (verifier.completeStep2()) return { expected, bytes, seeder }
    await sleep(100)
  }
  seeder.close()
  throw new Error('the server never served the whole uploaded fiche')
}
