/**
 * What the history page shows beside its timeline, kept in the URL: a version (`?view=<id>`) or a
 * compare (`?from=<id>&to=<id>`; no `to` is now, an empty `from` the empty fiche). A compare can
 * then be sent to someone ("look at what changed since the workshop"), reloaded, and left with
 * Back. Other parameters of the address are kept.
 */
import { useCallback, useMemo } from 'react'
import { useLocation, useSearch } from 'wouter'

export type Selection =
  | { readonly kind: 'view'; readonly version: string }
  | { readonly kind: 'compare'; readonly from: string | null; readonly to: string | null }

const KEYS = ['view', 'from', 'to'] as const

const selectionOf = (params: URLSearchParams): Selection | null => {
  const view = params.get('view')
  if (view) return { kind: 'view', version: view }
  if (!params.has('from') && !params.has('to')) return null
  return { kind: 'compare', from: params.get('from') || null, to: params.get('to') || null }
}

const withSelection = (search: string, selection: Selection): string => {
  const params = new URLSearchParams(search)
  for (const key of KEYS) params.delete(key)
  if (selection.kind === 'view') params.set('view', selection.version)
  else {
    params.set('from', selection.from ?? '')
    if (selection.to) params.set('to', selection.to)
  }
  return params.toString()
}

export const useHistorySelection = (): [Selection | null, (next: Selection) => void] => {
  const [path, navigate] = useLocation()
  const search = useSearch()
  const selection = useMemo(() => selectionOf(new URLSearchParams(search)), [search])
  const select = useCallback(
    (next: Selection) => navigate(`${path}?${withSelection(search, next)}`),
    [navigate, path, search],
  )
  return [selection, select]
}
