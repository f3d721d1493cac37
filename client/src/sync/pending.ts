/**
 * Names of the documents changed on this device while the relay could not be told (offline,
 * connecting, or before the first sync). They are kept open until they sync, and reopened when the
 * app starts, so edits made offline reach the relay even if the fiche is never opened again.
 * Kept in localStorage: a short list of names, read once at start.
 */

const KEY = 'kenlabour.pending'

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

export const markPending = (name: string): void => {
  const names = read()
  if (names.has(name)) return
  names.add(name)
  write(names)
}

export const clearPending = (name: string): void => {
  const names = read()
  if (!names.delete(name)) return
  write(names)
}
