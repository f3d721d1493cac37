import { type CatalogQuery, queryFromParams, queryToParams } from '@kenlabour/shared/catalogQuery'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useLocation, useSearch } from 'wouter'

/** How long the address bar lags behind typing: writing history on every keystroke costs a few ms. */
const URL_DELAY_MS = 200

/**
 * The directory's query, whose home is the URL (shareable, bookmarkable, back/forward), but which
 * the page applies at once: a change is shown immediately from local state and written to the URL
 * (history.replaceState) shortly after, so typing never waits on the history API.
 */
export const useUrlQuery = (): [CatalogQuery, (next: CatalogQuery) => void] => {
  const [path, navigate] = useLocation()
  const search = useSearch()
  const fromUrl = useMemo(() => queryFromParams(search), [search])
  const [draft, setDraft] = useState<CatalogQuery | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  // The URL changed (our own write, or a link, back/forward): it is the query again, and a write
  // still pending must not take the address back to the old view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the URL's query changes
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    setDraft(null)
  }, [search])

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )

  const setQuery = useCallback(
    (next: CatalogQuery) => {
      setDraft(next)
      if (timer.current) clearTimeout(timer.current)
      timer.current = setTimeout(() => {
        timer.current = null
        const params = queryToParams(next)
        navigate(params ? `${path}?${params}` : path, { replace: true })
      }, URL_DELAY_MS)
    },
    [navigate, path],
  )
  return [draft ?? fromUrl, setQuery]
}
