/**
 * Wraps any `DocStorage` to measure it without the backend knowing: how many updates were stored,
 * and the persistence lag (from an append being requested to its commit, group-commit wait included).
 */
import type { RelayMetrics } from '../metrics.ts'
import type { DocStorage } from './types.ts'

export const instrumentStorage = (storage: DocStorage, metrics: RelayMetrics): DocStorage => ({
  ...storage,
  appendUpdate: (docName, update) => {
    const start = performance.now()
    return storage.appendUpdate(docName, update).then((id) => {
      metrics.commitSeconds.observe((performance.now() - start) / 1000)
      metrics.updates.inc()
      return id
    })
  },
})
