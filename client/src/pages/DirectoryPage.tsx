/**
 * The directory of a space, like the original "Inspirations" page: "N fiches trouvées", facets
 * (Mots clefs, Echelle d'action, Type d'acteur: OR within a facet, AND across facets) and cards.
 * Everything comes from the space's catalog document, so it shows offline what was last synced.
 * The query (facets, search text, sort) lives in the URL, so a filtered view can be shared.
 */
import {
  type CatalogQuery,
  FACET_KEYS,
  type FacetKey,
  facetCounts,
  filterCatalog,
  queryFromParams,
  queryToParams,
} from '@kenlabour/shared/catalogQuery'
import { CHOICE_VOCABULARIES, FACET_LABELS, KEYWORD_VOCABULARY } from '@kenlabour/shared/form'
import { DEMO_SPACE } from '@kenlabour/shared/names'
import { termLabel, type VocabularyTerm } from '@kenlabour/shared/vocabularies'
import { type ReactNode, useEffect, useMemo } from 'react'
import { useLocation, useSearch } from 'wouter'
import { ConnectionStatus } from '../components/ConnectionStatus.tsx'
import { FacetGroup, type FacetOption } from '../components/FacetGroup.tsx'
import { FicheCard } from '../components/FicheCard.tsx'
import { NewFicheForm } from '../components/NewFicheForm.tsx'
import { SearchBox } from '../components/SearchBox.tsx'
import { SortSelect } from '../components/SortSelect.tsx'
import { useCatalog } from '../hooks/useCatalog.ts'
import { useCatalogSearch } from '../hooks/useCatalogSearch.ts'
import { useMediaQuery } from '../hooks/useMediaQuery.ts'
import { useI18n } from '../i18n/context.ts'

const VOCABULARY: Record<FacetKey, readonly VocabularyTerm[]> = {
  keywords: KEYWORD_VOCABULARY,
  scale: CHOICE_VOCABULARIES.scale,
  actorType: CHOICE_VOCABULARIES.actorType,
}

export const DirectoryPage = ({ space }: { readonly space: string }) => {
  const { t, label, lang } = useI18n()
  const { handle, state, entries } = useCatalog(space)
  const [path, navigate] = useLocation()
  const search = useSearch()
  const query = useMemo(() => queryFromParams(search), [search])
  const setQuery = (next: CatalogQuery) => {
    const params = queryToParams(next)
    navigate(params ? `${path}?${params}` : path, { replace: true })
  }
  // Facets beside the results on wide screens; folded above them on phones.
  const wide = useMediaQuery('(min-width: 48rem)')
  const isDemo = space === DEMO_SPACE
  const title = isDemo ? t.demoSpaceTitle : t.spaceTitle(space)

  useEffect(() => {
    document.title = `${title} — ${t.appName}`
  }, [title, t.appName])

  const textMatches = useCatalogSearch(entries, query.text)
  const shown = useMemo(() => filterCatalog(entries, query, textMatches), [entries, query, textMatches])

  /** Each facet's values in vocabulary order, with live counts; selected values always listed. */
  const facetOptions = useMemo(() => {
    const counts = facetCounts(entries, query, textMatches)
    const result = {} as Record<FacetKey, FacetOption[]>
    for (const facet of FACET_KEYS) {
      const vocabulary = VOCABULARY[facet]
      const keys = new Set([...counts[facet].keys(), ...query.facets[facet]])
      const order = (key: string) => {
        const i = vocabulary.findIndex((term) => term.key === key)
        return i === -1 ? vocabulary.length : i
      }
      result[facet] = [...keys]
        .map((key) => ({ key, count: counts[facet].get(key) ?? 0, label: termLabel(vocabulary, key, lang) }))
        .sort((a, b) => order(a.key) - order(b.key) || a.label.localeCompare(b.label))
    }
    return result
  }, [entries, query, textMatches, lang])

  const toggle = (facet: FacetKey, key: string) => {
    const selected = query.facets[facet]
    const next = selected.includes(key) ? selected.filter((v) => v !== key) : [...selected, key]
    setQuery({ ...query, facets: { ...query.facets, [facet]: next } })
  }
  const filtering = query.text.trim() !== '' || FACET_KEYS.some((facet) => query.facets[facet].length > 0)

  const offline = state.connection.kind === 'offline' || state.connection.kind === 'closed'
  const waiting = entries.length === 0 && !state.everSynced
  let body: ReactNode
  if (!state.localLoaded || (waiting && !offline)) {
    body = <p className="muted">{t.loading}</p>
  } else if (entries.length === 0) {
    body = <p className="notice">{waiting ? t.emptyCatalogOffline : t.emptyCatalog}</p>
  } else {
    body = (
      <div className="directory">
        <aside className="facets" aria-label={t.filters}>
          <details className="facets-fold" open={wide || undefined} key={wide ? 'wide' : 'narrow'}>
            <summary>{t.filters}</summary>
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
            {filtering && (
              <button
                type="button"
                className="button button-small"
                onClick={() =>
                  setQuery({ ...query, text: '', facets: { keywords: [], scale: [], actorType: [] } })
                }
              >
                {t.clearFilters}
              </button>
            )}
          </details>
        </aside>
        <section className="results" aria-labelledby="results-count">
          <div className="results-head">
            <h2 id="results-count" className="results-count" aria-live="polite">
              {t.fichesFound(shown.length)}
            </h2>
            <SortSelect value={query.sort} onChange={(sort) => setQuery({ ...query, sort })} />
          </div>
          {shown.length === 0 ? (
            <p className="notice">{t.noMatch}</p>
          ) : (
            <ul className="fiche-list">
              {shown.map((entry) => (
                <li key={entry.id}>
                  <FicheCard space={space} entry={entry} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    )
  }

  return (
    <div className="page directory-page">
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          {isDemo && <p className="intro">{t.demoSpaceIntro}</p>}
        </div>
        <div className="page-actions">
          <ConnectionStatus handle={handle} />
          <NewFicheForm space={space} />
        </div>
      </div>
      {body}
    </div>
  )
}
