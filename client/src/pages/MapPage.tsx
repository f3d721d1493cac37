/**
 * The map view of a space's catalog (lazy page): the same query as the directory (facets, search,
 * in the URL, so switching list ⇄ map keeps the filters) and the located fiches on a Leaflet map.
 * Everything comes from the catalog document (entries carry their location), so it works offline.
 */
import { FACET_KEYS, type FacetKey, matchCatalog, queryToParams } from '@kenlabour/shared/catalogQuery'
import { FACET_LABELS, KEYWORD_VOCABULARY } from '@kenlabour/shared/form'
import { termLabel } from '@kenlabour/shared/vocabularies'
import { useEffect, useId, useMemo, useState } from 'react'
import { Link } from 'wouter'
import { ExportMenu } from '../components/ExportMenu.tsx'
import { FacetGroup } from '../components/FacetGroup.tsx'
import { MapView } from '../components/MapView.tsx'
import { SearchBox } from '../components/SearchBox.tsx'
import { useCatalog } from '../hooks/useCatalog.ts'
import { useCatalogSearch } from '../hooks/useCatalogSearch.ts'
import { useUrlQuery } from '../hooks/useUrlQuery.ts'
import { useI18n } from '../i18n/context.ts'
import { useTransferMessages } from '../i18n/transferMessages.ts'
import { keywordColour } from '../transfer/markerColours.ts'
import { useFacetOptions } from '../transfer/useFacetOptions.ts'
import '../transfer/transfer.css'

const useOnline = (): boolean => {
  const [online, setOnline] = useState(() => navigator.onLine)
  useEffect(() => {
    const update = () => setOnline(navigator.onLine)
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    return () => {
      window.removeEventListener('online', update)
      window.removeEventListener('offline', update)
    }
  }, [])
  return online
}

export default function MapPage({ space }: { readonly space: string }) {
  const { t, label, lang } = useI18n()
  const m = useTransferMessages()
  const id = useId()
  const { entries } = useCatalog(space)
  const [query, setQuery] = useUrlQuery()
  const online = useOnline()
  const [wantTiles, setWantTiles] = useState(true)
  const { hits } = useCatalogSearch(space, query.text)
  const textMatches = hits?.ids
  const shown = useMemo(() => matchCatalog(entries, query, textMatches), [entries, query, textMatches])
  const located = useMemo(() => shown.filter((e) => e.location), [shown])
  const facetOptions = useFacetOptions(entries, query, textMatches, lang)
  const keywordsShown = useMemo(() => [...new Set(located.map((e) => e.keywords[0] ?? ''))].sort(), [located])

  const title = m.mapTitle(t.spaceTitle(space))
  useEffect(() => {
    document.title = `${title} — ${t.appName}`
  }, [title, t.appName])

  const toggle = (facet: FacetKey, key: string) => {
    const selected = query.facets[facet]
    const next = selected.includes(key) ? selected.filter((v) => v !== key) : [...selected, key]
    setQuery({ ...query, facets: { ...query.facets, [facet]: next } })
  }
  const params = queryToParams({ ...query, layout: 'cards' })

  return (
    <div className="page directory-page map-page">
      <div className="page-head">
        <h1>{title}</h1>
        <div className="page-actions">
          <Link className="button button-small" href={`/s/${space}${params ? `?${params}` : ''}`}>
            {m.list}
          </Link>
          <ExportMenu space={space} />
        </div>
      </div>
      <div className="directory">
        <aside className="facets" aria-label={t.filters}>
          <SearchBox value={query.text} onChange={(text) => setQuery({ ...query, text })} />
          {FACET_KEYS.map((facet) => (
            <FacetGroup
              key={facet}
              legend={label(FACET_LABELS[facet])}
              options={facetOptions[facet]}
              selected={new Set(query.facets[facet])}
              onToggle={(key) => toggle(facet, key)}
            />
          ))}
        </aside>
        <section className="results" aria-labelledby={`${id}-summary`}>
          <p id={`${id}-summary`} aria-live="polite">
            {m.mapSummary(shown.length, located.length)}
          </p>
          <p>
            <input
              id={`${id}-tiles`}
              type="checkbox"
              checked={online && wantTiles}
              disabled={!online}
              onChange={(e) => setWantTiles(e.target.checked)}
            />{' '}
            <label htmlFor={`${id}-tiles`}>{m.mapTiles}</label>
          </p>
          {!online && <p className="muted">{m.mapPlain}</p>}
          <MapView space={space} entries={located} tiles={online && wantTiles} />
          <ul className="map-legend" aria-label={label(FACET_LABELS.keywords)}>
            {keywordsShown.map((key) => (
              <li key={key}>
                <span aria-hidden="true" style={{ background: keywordColour(key || undefined) }} />
                {key ? termLabel(KEYWORD_VOCABULARY, key, lang) : '—'}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  )
}
