/**
 * Messages between the page (`catalogSearch.ts`) and the search worker (`searchWorker.ts`).
 *
 * The page numbers its requests (`seq`); the worker handles messages in order, so an answer reflects
 * every change sent before the request. Index versions are the page's business: `key` is an opaque
 * version of the catalog (the index document's Yjs snapshot) that the worker stores with the index
 * it builds and reports back when it loads that index from its cache, so the page can tell whether
 * it is still current.
 */
import type { SearchDoc } from './searchQuery.ts'

export type ToWorker =
  /** Load the cached index of `space`, if any; answered by `opened`. */
  | { readonly type: 'open'; readonly space: string }
  /** The whole catalog: documents whose text changed are re-indexed, missing ones dropped. */
  | { readonly type: 'reset'; readonly key: Uint8Array; readonly docs: readonly SearchDoc[] }
  /** Some documents added or changed, some removed. */
  | {
      readonly type: 'patch'
      readonly key: Uint8Array
      readonly upserts: readonly SearchDoc[]
      readonly removed: readonly string[]
    }
  /**
   * Numbers for ids (the page's `SlotRegistry`): slot `from + i` is `ids[i]`. Answers mark matches
   * by slot. Sent before any message that may need them.
   */
  | { readonly type: 'slots'; readonly from: number; readonly ids: readonly string[] }
  /** A query key (`queryKey`); answered by `results` with the same `seq`. */
  | { readonly type: 'search'; readonly seq: number; readonly query: string }

export type FromWorker =
  /** The cached index was loaded (`key` of the catalog it was built from), or there was none (null). */
  | { readonly type: 'opened'; readonly key: Uint8Array | null }
  /** The index covers every document sent (`ready`), or is still being built. */
  | { readonly type: 'status'; readonly ready: boolean }
  | {
      readonly type: 'results'
      readonly seq: number
      readonly query: string
      /**
       * One byte per slot, 1 for a match (transferred, not copied): thousands of matches cost the
       * page no string to split and no set to fill.
       */
      readonly mask: Uint8Array
      readonly terms: readonly string[]
      /** False while the index is being built: more may match later. */
      readonly complete: boolean
    }

/** What both ends of the channel need: a Worker, a worker's global scope, or a MessagePort. */
export interface Port<In, Out> {
  postMessage(message: Out, transfer?: Transferable[]): void
  addEventListener(type: 'message', listener: (event: MessageEvent<In>) => void): void
}
