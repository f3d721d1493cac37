/**
 * Prometheus metrics (prom-client), served at `GET /metrics`. Gauges that mirror live state
 * (connections, loaded documents) are read when scraped; counters are bumped where things happen.
 * Updates per second is `rate(kenlabour_updates_total[1m])` on the Prometheus side.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

export interface RelayMetrics {
  readonly registry: Registry
  readonly updates: Counter
  readonly bytesReceived: Counter
  readonly commitSeconds: Histogram
  readonly rejectedFrames: Counter<'reason'>
  readonly refusedConnections: Counter<'reason'>
}

/** `stats` is read at scrape time for the gauges. */
export const createMetrics = (stats: () => { rooms: number; connections: number }): RelayMetrics => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'kenlabour_' })
  new Gauge({
    name: 'kenlabour_connections',
    help: 'Open sync connections',
    registers: [registry],
    collect() {
      this.set(stats().connections)
    },
  })
  new Gauge({
    name: 'kenlabour_loaded_docs',
    help: 'Documents loaded in memory (rooms)',
    registers: [registry],
    collect() {
      this.set(stats().rooms)
    },
  })
  return {
    registry,
    updates: new Counter({
      name: 'kenlabour_updates_total',
      help: 'Updates stored (from clients and from the relay itself)',
      registers: [registry],
    }),
    bytesReceived: new Counter({
      name: 'kenlabour_received_bytes_total',
      help: 'Bytes of sync frames received',
      registers: [registry],
    }),
    commitSeconds: new Histogram({
      name: 'kenlabour_persistence_lag_seconds',
      help: 'Time from an update being queued for storage to its fsynced commit',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    rejectedFrames: new Counter({
      name: 'kenlabour_rejected_frames_total',
      help: 'Frames refused, by reason (close code name, or read_only for dropped reader writes)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    refusedConnections: new Counter({
      name: 'kenlabour_refused_connections_total',
      help: 'Connections refused at the door, by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
  }
}
