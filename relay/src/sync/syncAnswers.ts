/**
 * Answers to sync step 1 reused while the document stays the same. When a link is shared in a
 * meeting, everyone opens the fiche at once, and most of them have nothing of it yet: they send
 * the same state vector, and each answer is the whole document encoded again. With a 5 MB fiche
 * and 150 joiners (`npm run bench -- join-storm`) that encoding was most of the relay's CPU, done
 * 150 times for one result.
 *
 * The room clears the answers whenever a transaction changes the document (`clear`), and none is
 * kept while updates wait for missing dependencies (Yjs includes those in an answer, and they may
 * arrive without changing the document). Only large answers are kept (a small document costs less
 * to encode than to hold), for a few state vectors at most.
 */

export interface SyncAnswers {
  /** The answer for `stateVector`: kept from an earlier identical question, or `encode`d now. */
  get(stateVector: Uint8Array, encode: () => Uint8Array, cacheable: boolean): Uint8Array
  /** Forgets every answer: the document changed. */
  clear(): void
  /** Whether any answer is kept (nothing to clear otherwise). */
  readonly holding: boolean
}

export interface SyncAnswersOptions {
  /** Smallest answer worth keeping, in bytes (default 64 KiB). */
  readonly minBytes?: number
  /** Different state vectors answered from memory at once (default 4; the oldest goes first). */
  readonly maxEntries?: number
}

/** A state vector as a map key: its bytes, one character each. */
const keyOf = (stateVector: Uint8Array): string => String.fromCharCode(...stateVector)

/** State vectors longer than this (many clients) are answered without a key being built. */
const MAX_KEY_BYTES = 4_096

export const createSyncAnswers = (options: SyncAnswersOptions = {}): SyncAnswers => {
  const minBytes = options.minBytes ?? 64 * 1024
  const maxEntries = options.maxEntries ?? 4
  const answers = new Map<string, Uint8Array>()
  return {
    get: (stateVector, encode, cacheable) => {
      if (!cacheable || stateVector.byteLength > MAX_KEY_BYTES) return encode()
      const key = keyOf(stateVector)
      const kept = answers.get(key)
      if (kept) return kept
      const answer = encode()
      if (answer.byteLength >= minBytes) {
        if (answers.size >= maxEntries) answers.delete(answers.keys().next().value!)
        answers.set(key, answer)
      }
      return answer
    },
    clear: () => answers.clear(),
    get holding() {
      return answers.size > 0
    },
  }
}
