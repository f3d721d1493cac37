/**
 * How long a fiche must stay quiet before its burst of edits becomes an automatic version:
 * two minutes by default. Tests and demos shorten it with `?historyQuietMs=1000` in the URL (kept
 * for the tab in sessionStorage) or `localStorage["kenlabour.historyQuietMs"]`.
 */
const KEY = 'kenlabour.historyQuietMs'
export const DEFAULT_QUIET_MS = 120_000

const parse = (value: string | null): number | null => {
  const n = Number(value)
  return value !== null && Number.isFinite(n) && n >= 100 ? n : null
}

export const historyQuietMs = (): number => {
  try {
    const fromUrl = parse(new URLSearchParams(window.location.search).get('historyQuietMs'))
    if (fromUrl !== null) sessionStorage.setItem(KEY, String(fromUrl))
    return (
      fromUrl ?? parse(sessionStorage.getItem(KEY)) ?? parse(localStorage.getItem(KEY)) ?? DEFAULT_QUIET_MS
    )
  } catch {
    return DEFAULT_QUIET_MS
  }
}
