/**
 * Delivery latency without clocks in the payload: a keystroke is identified by what Yjs already
 * gives it, its (clientID, clock). The sender notes the time it sent each clock; a replica, after
 * applying an update, looks at how far each sender's clock advanced in its document and turns every
 * newly integrated clock into a sample. Sender and receivers of a room live in the same thread, so
 * one `performance.now()` clock serves both.
 */
export class Ledger {
  private readonly sent = new Map<number, Map<number, number>>()
  private windowStart = Number.POSITIVE_INFINITY
  private windowEnd = Number.POSITIVE_INFINITY
  /** Latencies (ms) of keystrokes sent inside the measurement window, one per receiving replica. */
  readonly samples: number[] = []
  /** Keystrokes sent inside the measurement window. */
  sentInWindow = 0

  recordSend(client: number, clock: number, at: number): void {
    let clocks = this.sent.get(client)
    if (!clocks) {
      clocks = new Map()
      this.sent.set(client, clocks)
    }
    clocks.set(clock, at)
    if (at >= this.windowStart && at < this.windowEnd) this.sentInWindow++
  }

  /** Clocks [from, to) of `client` became part of a replica's document at `at`. */
  recordArrival(client: number, from: number, to: number, at: number): void {
    const clocks = this.sent.get(client)
    if (!clocks) return
    for (let clock = from; clock < to; clock++) {
      const sentAt = clocks.get(clock)
      if (sentAt !== undefined && sentAt >= this.windowStart && sentAt < this.windowEnd) {
        this.samples.push(at - sentAt)
      }
    }
  }

  openWindow(at: number): void {
    this.windowStart = at
    this.windowEnd = Number.POSITIVE_INFINITY
    this.sentInWindow = 0
    this.samples.length = 0
  }

  closeWindow(at: number): void {
    this.windowEnd = at
  }
}
