/**
 * One connection of the load generator. Every client owns a Y.Doc of its own and types into it
 * (a paragraph of the fiche's "description" section, as TipTap would), sending each keystroke as
 * an update frame followed by a caret (awareness) frame. What differs is what it does on receipt:
 *
 * - a light client only counts frames and answers the sync handshake: its document stays tiny (its
 *   own keystrokes), and before the measured window it prepares its keystrokes as ready-made
 *   frames (`prepare`), so while measuring it only sends bytes: hundreds cost the generator little;
 * - a replica applies every update to a full Y.Doc, records each keystroke's delivery latency in the
 *   ledger, and is what the convergence check compares at the end.
 */
import type { Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { Ledger } from './ledger.ts'
import { caretUpdate, type Wire } from './wire.ts'

/** Origin of remote transactions, so a replica never re-sends what it received. */
const REMOTE = Symbol('remote')
/** The fiche section the benchmark types into. */
export const TYPED_SECTION = 'section:description'
const LETTERS = 'abcdefghijklmnopqrstuvwxyz '

export interface ClientOptions {
  readonly url: string
  readonly wire: Wire
  readonly replica: boolean
  readonly ledger: Ledger
  /** Ready means: the server answered our sync step 1 (false for a relay that keeps nothing). */
  readonly awaitServerStep2: boolean
  /** Join storm: the state vector the server's sync step 2 must cover for the client to count as synced. */
  readonly expectedState?: ReadonlyMap<number, number>
  readonly name: string
}

export class BenchClient {
  readonly doc = new Y.Doc()
  private socket: WebSocket | null = null
  private paragraph: Y.XmlText | null = null
  private caretClock = 0
  /** The update of the local transaction being made (see `capture`). */
  private pendingUpdate: Uint8Array | null = null
  /** Keystrokes made in advance (light clients): frames to send, and the clocks they cover. */
  private prepared: { update: Uint8Array; frames: [Uint8Array, Uint8Array]; clock: number; end: number }[] =
    []
  /** Once keystrokes are prepared the document runs ahead of what was sent: these were sent. */
  private sentUpdates: Uint8Array[] | null = null
  /** The client's own clock after its last sent keystroke (what every replica must reach). */
  sentUntil = 0
  framesReceived = 0
  bytesReceived = 0
  /** ms from `connect()` to ready (sync step 2 received, or applied for a replica). */
  readyMs = Number.NaN
  /** Join storm: size of the sync step 2 received (see `completeStep2`). */
  private step2Bytes = -1
  error: string | null = null

  constructor(private readonly options: ClientOptions) {
    if (options.replica) {
      // Which keystrokes a remote update completed: the clocks each client advanced by in the
      // transaction (updates waiting for a missing dependency count when they finally integrate).
      this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (transaction.origin !== REMOTE) return
        const at = performance.now()
        for (const [client, clock] of transaction.afterState) {
          const before = transaction.beforeState.get(client) ?? 0
          if (clock > before) this.options.ledger.recordArrival(client, before, clock, at)
        }
      })
    }
  }

  get clientID(): number {
    return this.doc.clientID
  }

  /** Opens the socket, sends the opening frames and sync step 1; resolves once ready. */
  connect(): Promise<void> {
    const { wire, url, awaitServerStep2 } = this.options
    const started = performance.now()
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false })
      this.socket = socket
      let authenticated = wire.dialect !== 'hocuspocus'
      let gotStep2 = !awaitServerStep2
      let settled = false
      const settle = (error?: Error) => {
        if (settled) return
        settled = true
        if (error) {
          this.error = error.message
          reject(error)
        } else {
          this.readyMs = performance.now() - started
          resolve()
        }
      }
      socket.on('open', () => {
        this.sentUntil = Y.getState(this.doc.store, this.doc.clientID) // sent with our sync step 2
        for (const frame of wire.opening()) socket.send(frame)
        socket.send(wire.step1(Y.encodeStateVector(this.doc)))
        if (authenticated && gotStep2) settle()
      })
      socket.on('message', (data: Buffer) => {
        this.framesReceived++
        this.bytesReceived += data.length
        const message = wire.read(data)
        switch (message.kind) {
          case 'update':
            if (this.options.replica) this.apply(message.payload)
            break
          case 'awareness':
          case 'other':
            break
          case 'step1':
            socket.send(wire.step2(this.stateFor(message.payload)))
            break
          case 'step2':
            if (!gotStep2) {
              if (this.options.expectedState) {
                this.step2Bytes = message.payload.length
                noteStep2(this.options.expectedState, message.payload)
              }
              gotStep2 = true
              if (authenticated) settle() // ready on arrival, for replicas too: the relay's part is done
            }
            if (this.options.replica) this.apply(message.payload)
            break
          case 'authenticated':
            authenticated = true
            if (gotStep2 && socket.readyState === WebSocket.OPEN) settle()
            break
          case 'denied':
            settle(new Error(`${this.options.name}: permission denied (${message.reason})`))
            break
        }
      })
      socket.on('error', (error) => settle(error))
      socket.on('close', (code, reason) => {
        if (!settled) settle(new Error(`${this.options.name}: closed ${code} ${reason.toString()}`))
        else if (this.socket === socket) this.error ??= `closed by the server: ${code} ${reason.toString()}`
      })
    })
  }

  /** Applies a remote update (latencies are recorded by the afterTransaction handler). */
  private apply(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, REMOTE)
  }

  /** Sync step 2 for a peer's state vector: only what was sent, even if keystrokes are prepared. */
  private stateFor(stateVector: Uint8Array): Uint8Array {
    if (!this.sentUpdates) return Y.encodeStateAsUpdate(this.doc, stateVector)
    return Y.diffUpdate(Y.mergeUpdates(this.sentUpdates), stateVector)
  }

  /**
   * Makes the next `count` keystrokes now, as ready-to-send frames, so that sending one in the
   * measured window costs no Yjs work. Only for light clients: nothing is received into their
   * document, so a keystroke made early is byte for byte the one that would be made on time.
   */
  prepare(count: number): void {
    if (this.options.replica) return
    this.sentUpdates ??= [Y.encodeStateAsUpdate(this.doc)]
    const fresh: typeof this.prepared = []
    for (let i = 0; i < count; i++) {
      const clock = Y.getState(this.doc.store, this.doc.clientID)
      const update = this.type(clock)
      fresh.push({
        update,
        frames: [
          this.options.wire.update(update),
          this.options.wire.awareness(
            caretUpdate(this.doc.clientID, ++this.caretClock, this.options.name, clock),
          ),
        ],
        clock,
        end: Y.getState(this.doc.store, this.doc.clientID),
      })
    }
    this.prepared = [...fresh.reverse(), ...this.prepared] // keystrokes are taken with pop()
  }

  /**
   * Runs a local change and returns its update. The 'update' listener exists only meanwhile: with
   * one registered, Yjs encodes an update for every transaction, remote ones included, which would
   * make each replica pay an encoding per received keystroke.
   */
  capture(change: () => void): Uint8Array | null {
    const listener = (update: Uint8Array) => {
      this.pendingUpdate = this.pendingUpdate ? Y.mergeUpdates([this.pendingUpdate, update]) : update
    }
    this.doc.on('update', listener)
    try {
      change()
    } finally {
      this.doc.off('update', listener)
    }
    const update = this.pendingUpdate
    this.pendingUpdate = null
    return update
  }

  /** One keystroke into the own document; returns its update. */
  private type(clock: number): Uint8Array {
    return this.capture(() => this.typeInto(clock))!
  }

  private typeInto(clock: number): void {
    if (!this.paragraph) {
      const fragment = this.doc.getXmlFragment(TYPED_SECTION)
      const element = new Y.XmlElement('paragraph')
      const text = new Y.XmlText()
      element.insert(0, [text])
      fragment.insert(fragment.length, [element])
      this.paragraph = text
    } else {
      this.paragraph.insert(this.paragraph.length, LETTERS[clock % LETTERS.length]!)
    }
  }

  /** Types one character (the first keystroke opens a new paragraph) and moves the caret. */
  keystroke(): void {
    const socket = this.socket
    if (!socket || socket.readyState !== WebSocket.OPEN) return
    let next = this.prepared.pop()
    if (!next) {
      if (this.sentUpdates) this.prepare(1)
      else {
        const clock = Y.getState(this.doc.store, this.doc.clientID)
        const update = this.type(clock)
        next = {
          update,
          frames: [
            this.options.wire.update(update),
            this.options.wire.awareness(
              caretUpdate(this.doc.clientID, ++this.caretClock, this.options.name, clock),
            ),
          ],
          clock,
          end: Y.getState(this.doc.store, this.doc.clientID),
        }
      }
      next ??= this.prepared.pop()!
    }
    this.sentUpdates?.push(next.update)
    this.sentUntil = next.end
    this.options.ledger.recordSend(this.doc.clientID, next.clock, performance.now())
    // The update and its caret leave in one write (one syscall), as a browser's would in one task.
    const raw = (socket as unknown as { _socket?: Socket })._socket
    raw?.cork()
    socket.send(next.frames[0])
    socket.send(next.frames[1])
    raw?.uncork()
  }

  /** Makes a local change outside `keystroke` (an edit of a large fiche) and sends it as one update frame. */
  edit(change: () => void): void {
    const update = this.capture(change)
    if (update && this.socket?.readyState === WebSocket.OPEN)
      this.socket.send(this.options.wire.update(update))
    this.sentUntil = Y.getState(this.doc.store, this.doc.clientID)
  }

  /**
   * Join storm: whether the sync step 2 received covered the whole expected document; null when
   * nothing was expected. Decoding a 5 MB update for each of 150 joiners as it arrives would make
   * the generator the bottleneck of the storm, so an arrival only notes its size (the first payload
   * of each size is kept) and each distinct payload is decoded once, when this is asked.
   */
  completeStep2(): boolean | null {
    const expected = this.options.expectedState
    if (!expected) return null
    const bytes = this.step2Bytes
    if (bytes < 0) return false
    const { firstOfSize, verdicts } = sizesFor(expected)
    let verdict = verdicts.get(bytes)
    if (verdict === undefined) {
      const payload = firstOfSize.get(bytes)
      verdict = payload ? covers(payload, expected) : false
      verdicts.set(bytes, verdict)
      firstOfSize.delete(bytes)
    }
    return verdict
  }

  /** Bytes buffered by the socket and not yet written to the kernel. */
  get buffered(): number {
    return this.socket?.bufferedAmount ?? 0
  }

  close(): void {
    const socket = this.socket
    this.socket = null
    socket?.terminate()
    this.doc.destroy()
  }
}

/**
 * Join storm: per expected document (the map every client of the room shares), the first sync
 * step 2 payload of each size, and the verdict once it was decoded (see `completeStep2`).
 */
interface Step2Sizes {
  firstOfSize: Map<number, Uint8Array>
  verdicts: Map<number, boolean>
}
const step2Sizes = new WeakMap<ReadonlyMap<number, number>, Step2Sizes>()

const sizesFor = (expected: ReadonlyMap<number, number>): Step2Sizes => {
  let sizes = step2Sizes.get(expected)
  if (!sizes) {
    sizes = { firstOfSize: new Map(), verdicts: new Map() }
    step2Sizes.set(expected, sizes)
  }
  return sizes
}

const noteStep2 = (expected: ReadonlyMap<number, number>, payload: Uint8Array): void => {
  const { firstOfSize, verdicts } = sizesFor(expected)
  if (!firstOfSize.has(payload.length) && !verdicts.has(payload.length))
    firstOfSize.set(payload.length, payload)
}

/** Whether an update holds at least the expected state of every client (a complete sync step 2). */
const covers = (update: Uint8Array, expected: ReadonlyMap<number, number>): boolean => {
  const state = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))
  for (const [client, clock] of expected) if ((state.get(client) ?? 0) < clock) return false
  return true
}
