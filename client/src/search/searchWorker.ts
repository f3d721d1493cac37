/**
 * Entry point of the search worker (`new Worker(new URL('./searchWorker.ts', import.meta.url))` in
 * `catalogSearch.ts`): the engine on the worker's own port, its index cache in IndexedDB. Built by
 * Vite as a separate file, so neither MiniSearch nor the index weighs on the first page.
 */
import { readCache, writeCache } from './cacheDb.ts'
import { SearchEngine } from './searchEngine.ts'
import type { FromWorker, Port, ToWorker } from './searchProtocol.ts'

new SearchEngine(self as unknown as Port<ToWorker, FromWorker>, {
  read: (space) => readCache('search', space),
  write: (space, value) => writeCache('search', space, value),
})
