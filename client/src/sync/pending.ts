/**
 * Names of the documents changed on this device while the relay could not be told (offline,
 * connecting, or before the first sync). They are kept open until they sync, and reopened when the
 * app starts, so edits made offline reach the relay even if the fiche is never opened again.
 * Kept in localStorage: a short list of names, read once at start. Beside it, how many local
 * changes (transactions) each holds, for "N modifications en attente" (`syncState.ts`).
 */

const KEY = 'kenlabour.pending'
const COUNTS_KEY = 'kenlabour.pendingCounts'

const readCounts = (): Record<string, number> => {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(COUNTS_KEY) ?? '{}')
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {}
  } catch {
    return {}
  }
}

const writeCounts = (counts: Record<string, number>): void => {
  try {
    if (Object.keys(counts).length === 0) localStorage.removeItem(COUNTS_KEY)
    else localStorage.setItem(COUNTS_KEY, JSON.stringify(counts))
  } catch {}
  for (const listener of countListeners) listener()
}

const countListeners = new Set<() => void>()

/** Local changes of `name` the relay has not had yet (0 when none, or when it was not counted). */
export const pendingChanges = (name: string): number => readCounts()[name] ?? 0

/** Calls `listener` whenever a count changes (for `useSyncExternalStore`). */
export const subscribePendingChanges = (listener: () => void): (() => void) => {
  countListeners.add(listener)
  return () => countListeners.delete(listener)
}

const read = (): Set<string> => {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]')
    return new Set(Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : [])
  } catch {
    return new Set()
  }
}

const write = (names: ReadonlySet<string>): void => {
  try {
    if (names.size === 0) localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, JSON.stringify([...names]))
  } catch {
    // Storage refused: pending documents are only kept open for this page's lifetime.
  }
}

export const pendingDocs = (): string[] => [...read()]

/** Records one more local change of `name` made while the relay could not be told. */
export const markPending = (name: string): void => {
  const counts = readCounts()
  counts[name] = (counts[name] ?? 0) + 1
  writeCounts(counts)
  const names = read()
  if (names.has(name)) return
  names.add(name)
  write(names)
}

export const clearPending = (name: string): void => {
  const counts = readCounts()
  if (name in counts) {
    delete counts[name]
    writeCounts(counts)
  }
  const names = read()
  if (!names.delete(name)) return
  write(names)
}
