/**
 * The clients of one room (one fiche) on the generator side: a few replicas, then light clients,
 * typing at a fixed rate with random phases, and the end-of-run convergence check for the room.
 */
import { emptyFiche } from '@kenlabour/shared/fiche'
import { hasFiche, writeFiche } from '@kenlabour/shared/ficheDoc'
import * as Y from 'yjs'
import type { Dialect } from '../servers/types.ts'
import { BenchClient, TYPED_SECTION } from './client.ts'
import type { Ledger } from './ledger.ts'
import { Wire } from './wire.ts'

/** What a worker is told to run for one room (plain data: it crosses the worker boundary). */
export interface RoomPlan {
  /** Document name `<space>/<id>`. */
  readonly room: string
  readonly url: string
  /** Several relays serving the room (scale-out): client i of the room connects to `urls[i % n]`. */
  readonly urls?: readonly string[]
  readonly dialect: Dialect
  readonly replicas: number
  readonly lights: number
  readonly awaitServerStep2: boolean
  /** Replica 0 writes a fiche before connecting, so the room is a real fiche. */
  readonly seedFiche: boolean
  /** Join storm: the state every client's sync step 2 must cover, as [client, clock] pairs. */
  readonly expectedState?: readonly (readonly [number, number])[]
}

export interface RoomCheck {
  /** Keystrokes (clocks) some replica of the room does not have. */
  missing: number
  /** Whether two replicas of the room hold different content. */
  diverged: boolean
  /** Light clients that received nothing since the measurement window opened. */
  silentLights: number
}

/** A small concurrency limit, so thousands of connections open without overflowing the accept backlog. */
export class Limiter {
  private active = 0
  private readonly queue: (() => void)[] = []

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.queue.push(resolve))
    this.active++
    try {
      return await task()
    } finally {
      this.active--
      this.queue.shift()?.()
    }
  }
}

export class RoomLoad {
  readonly replicas: BenchClient[] = []
  readonly lights: BenchClient[] = []
  private timers: NodeJS.Timeout[] = []
  private framesAtMark = new Map<BenchClient, number>()

  constructor(
    readonly plan: RoomPlan,
    ledger: Ledger,
  ) {
    const wire = new Wire(plan.dialect, plan.room)
    const expectedState = plan.expectedState ? new Map(plan.expectedState) : undefined
    const make = (replica: boolean, index: number) =>
      new BenchClient({
        url: plan.urls?.[(replica ? index : plan.replicas + index) % plan.urls.length] ?? plan.url,
        wire,
        replica,
        ledger,
        awaitServerStep2: plan.awaitServerStep2,
        ...(expectedState ? { expectedState } : {}),
        name: `${plan.room}#${replica ? 'r' : 'l'}${index}`,
      })
    for (let i = 0; i < plan.replicas; i++) this.replicas.push(make(true, i))
    for (let i = 0; i < plan.lights; i++) this.lights.push(make(false, i))
    if (plan.seedFiche && this.replicas[0]) {
      const id = plan.room.split('/')[1]!
      writeFiche(this.replicas[0].doc, emptyFiche(id, `Benchmark ${id}`, 0))
    }
  }

  get clients(): BenchClient[] {
    return [...this.replicas, ...this.lights]
  }

  /** The seeding replica first (so the server or its peers hold the fiche), then everyone at once. */
  async connect(limiter: Limiter): Promise<void> {
    const [first, ...rest] = this.plan.seedFiche ? this.clients : [undefined, ...this.clients]
    if (first) await limiter.run(() => first.connect())
    await Promise.all(rest.map((client) => limiter.run(() => client!.connect())))
  }

  /** Whether every replica holds the seeded fiche (with a bare relay it comes from replica 0). */
  seeded(): boolean {
    return !this.plan.seedFiche || this.replicas.every((r) => hasFiche(r.doc))
  }

  /** Light clients make `count` keystrokes in advance (see `BenchClient.prepare`). */
  prepare(count: number): void {
    for (const light of this.lights) light.prepare(count)
  }

  startTyping(rateHz: number): void {
    const period = 1000 / rateHz
    for (const client of this.clients) {
      const phase = setTimeout(() => {
        client.keystroke()
        this.timers.push(setInterval(() => client.keystroke(), period))
      }, Math.random() * period)
      this.timers.push(phase)
    }
  }

  stopTyping(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers = []
  }

  markFrames(): void {
    for (const light of this.lights) this.framesAtMark.set(light, light.framesReceived)
  }

  /** Whether something is still on its way: a keystroke a replica lacks, or a light client that heard nothing. */
  settled(): boolean {
    for (const light of this.lights)
      if (light.framesReceived <= (this.framesAtMark.get(light) ?? 0)) return false
    for (const client of this.clients) {
      if (client.sentUntil === 0) continue
      for (const replica of this.replicas) {
        if (Y.getState(replica.doc.store, client.clientID) < client.sentUntil) return false
      }
    }
    return true
  }

  /** Compares every replica with what every client of the room sent. */
  check(): RoomCheck {
    const expected = new Map<number, number>(this.plan.expectedState ?? [])
    for (const client of this.clients) {
      const own = client.sentUntil
      if (own > 0) expected.set(client.clientID, Math.max(expected.get(client.clientID) ?? 0, own))
    }
    let missing = 0
    for (const replica of this.replicas) {
      for (const [client, clock] of expected)
        missing += Math.max(0, clock - Y.getState(replica.doc.store, client))
    }
    const contents = new Set(this.replicas.map((r) => contentKey(r.doc)))
    const silentLights = this.lights.filter((l) => l.framesReceived <= (this.framesAtMark.get(l) ?? 0)).length
    return { missing, diverged: contents.size > 1, silentLights }
  }

  close(): void {
    this.stopTyping()
    for (const client of this.clients) client.close()
  }
}

/** What two converged replicas must share: the state vector and the typed section's content. */
const contentKey = (doc: Y.Doc): string =>
  `${Buffer.from(Y.encodeStateVector(doc)).toString('base64')}|${doc.getXmlFragment(TYPED_SECTION).toString()}`
