/**
 * The directory of a space, like the original "Inspirations" page: "N fiches trouvées", facets
 * (Mots clefs, Echelle d'action, Type d'acteur: OR within a facet, AND across facets), full-text
 * search over the whole of every fiche, sort, cards or compact list, and the trash.
 * Everything comes from the space's catalog, so it shows offline what was last synced.
 * The query (facets, search text, sort, view) lives in the URL, so a filtered view can be shared.
 *
 * Built for 10,000 fiches (the budget: open in under a second, a keystroke or a facet click
 * within a frame): the catalog opens from its cached snapshot before the index document is decoded
 * (`search/catalogStore.ts`), filtering and facet counts are one pass over numbered rows
 * (`search/catalogModel.ts`), the search index lives in a worker (`search/catalogSearch.ts`), and
 * only the first page of results is rendered ("Afficher plus").
 */
import { emptyQuery, FACET_KEYS, type FacetKey, queryToParams } from '@kenlabour/shared/catalogQuery'
import { CHOICE_VOCABULARIES, FACET_LABELS, KEYWORD_VOCABULARY } from '@kenlabour/shared/form'
import { DEMO_SPACE } from '@kenlabour/shared/names'
import { termLabel, type VocabularyTerm } from '@kenlabour/shared/vocabularies'
import { lazy, type ReactNode, Suspense, useEffect, useLayoutEffect, useMemo, useRef } from 'react'
import { Link, useLocation } from 'wouter'
import { ConnectionStatus } from '../components/ConnectionStatus.tsx'
import { FacetGroup, type FacetOption } from '../components/FacetGroup.tsx'
import { LayoutSwitch } from '../components/LayoutSwitch.tsx'
import { ResultList } from '../components/ResultList.tsx'
import { SearchBox } from '../components/SearchBox.tsx'
import { SortSelect } from '../components/SortSelect.tsx'
import { SpaceShareButton } from '../components/SpaceShareButton.tsx'
import { TransferLinks } from '../components/TransferLinks.tsx'
import { useCanWrite } from '../hooks/useCanWrite.ts'
import { useCatalogModel } from '../hooks/useCatalogModel.ts'
import { useCatalogSearch } from '../hooks/useCatalogSearch.ts'
import { useDocState } from '../hooks/useDoc.ts'
import { useMediaQuery } from '../hooks/useMediaQuery.ts'
import { useUrlQuery } from '../hooks/useUrlQuery.ts'
import { useI18n } from '../i18n/context.ts'
import './directory.css'

/** Only the trash view needs it: kept out of the first page's JavaScript. */
const TrashList = lazy(() => import('../components/TrashList.tsx').then((m) => ({ default: m.TrashList })))
/** Only editors get it (with what it needs to write a new fiche): kept out of the first page's JavaScript too. */
const NewFicheForm = lazy(() =>
  import('../components/NewFicheForm.tsx').then((m) => ({ default: m.NewFicheForm })),
)

const VOCABULARY: Record<FacetKey, readonly VocabularyTerm[]> = {
  keywords: KEYWORD_VOCABULARY,
  scale: CHOICE_VOCABULARIES.scale,
  actorType: CHOICE_VOCABULARIES.actorType,
}

/** Each facet's values in vocabulary order (values outside the vocabulary after, by label). */
const POSITION: Record<FacetKey, ReadonlyMap<string, number>> = {
  keywords: new Map(KEYWORD_VOCABULARY.map((term, i) => [term.key, i])),
  scale: new Map(CHOICE_VOCABULARIES.scale.map((term, i) => [term.key, i])),
  actorType: new Map(CHOICE_VOCABULARIES.actorType.map((term, i) => [term.key, i])),
}

const NO_TERMS: ReadonlySet<string> = new Set()

export const DirectoryPage = ({ space }: { readonly space: string }) => {
  const { t, label, lang } = useI18n()
  const { model, source, handle, store } = useCatalogModel(space)
  const state = useDocState(handle)
  const [path] = useLocation()
  const [query, setQuery] = useUrlQuery()
  const writer = useCanWrite(space)
  // Facets beside the results on wide screens; folded above them on phones (below the search).
  const wide = useMediaQuery('(min-width: 48rem)')
  const isDemo = space === DEMO_SPACE
  const title = t.spaceTitle(space)

  useEffect(() => {
    document.title = `${title} — ${t.appName}`
  }, [title, t.appName])

  const search = useCatalogSearch(space, query.text)
  const textMatches = search.hits?.ids ?? null
  // Not recomputed when only the text changed and its answer is still awaited (same matches).
  const { facets, sort } = query
  const view = useMemo(
    () => model.query({ ...emptyQuery(), facets, sort }, textMatches),
    [model, facets, sort, textMatches],
  )

  /** Every value present in the (non-trashed) catalog: options stay listed, greyed at zero. */
  const present = useMemo(() => model.present(), [model])

  /** Each facet's values in vocabulary order, with live counts; selected values always listed. */
  const facetOptions = useMemo(() => {
    const result = {} as Record<FacetKey, FacetOption[]>
    for (const facet of FACET_KEYS) {
      const keys = new Set([...present[facet].keys(), ...facets[facet]])
      const order = (key: string) => POSITION[facet].get(key) ?? Number.MAX_SAFE_INTEGER
      result[facet] = [...keys]
        .map((key) => ({
          key,
          count: view.counts[facet].get(key) ?? 0,
          label: termLabel(VOCABULARY[facet], key, lang),
        }))
        .sort((a, b) => order(a.key) - order(b.key) || a.label.localeCompare(b.label))
    }
    return result
  }, [present, view.counts, facets, lang])

  // Stable handlers and selections: a facet group re-renders only when its options change.
  const latest = useRef(query)
  useLayoutEffect(() => {
    latest.current = query
  })
  const toggles = useMemo(() => {
    const byFacet = {} as Record<FacetKey, (key: string) => void>
    for (const facet of FACET_KEYS) {
      byFacet[facet] = (key) => {
        const current = latest.current
        const chosen = current.facets[facet]
        const next = chosen.includes(key) ? chosen.filter((v) => v !== key) : [...chosen, key]
        setQuery({ ...current, facets: { ...current.facets, [facet]: next } })
      }
    }
    return byFacet
  }, [setQuery])
  const selected = useMemo(() => {
    const byFacet = {} as Record<FacetKey, ReadonlySet<string>>
    for (const facet of FACET_KEYS) byFacet[facet] = new Set(facets[facet])
    return byFacet
  }, [facets])
  const facetsChecked = FACET_KEYS.reduce((n, facet) => n + query.facets[facet].length, 0)
  const filtering = query.text.trim() !== '' || facetsChecked > 0
  const trashCount = model.trashedCount
  const trashHref = `${path}?${queryToParams({ ...emptyQuery(), trash: true })}`

  const offline = state.connection.kind === 'offline' || state.connection.kind === 'closed'
  const waiting = model.size === 0 && !state.everSynced
  let body: ReactNode
  if (source === 'none' || (waiting && !offline)) {
    body = <p className="muted">{t.loading}</p>
  } else if (query.trash) {
    body = (
      <>
        <p>
          <Link href={path}>← {t.directory.backToCatalog}</Link>
        </p>
        <Suspense fallback={<p className="muted">{t.loading}</p>}>
          <TrashList space={space} entries={model.entries} canRestore={writer} />
        </Suspense>
      </>
    )
  } else if (model.size === 0) {
    body = <p className="notice">{waiting ? t.emptyCatalogOffline : t.emptyCatalog}</p>
  } else {
    body = (
      <div className="directory">
        <aside className="facets" aria-label={t.filters}>
          {/* Search stays in view on phones too; only the facets fold. */}
          <SearchBox value={query.text} onChange={(text) => setQuery({ ...query, text })} />
          <details className="facets-fold" open={wide || undefined} key={wide ? 'wide' : 'narrow'}>
            {/* Folded on a phone: say how many are on. */}
            <summary>{facetsChecked > 0 ? `${t.filters} (${facetsChecked})` : t.filters}</summary>
            {FACET_KEYS.map((facet) => (
              <FacetGroup
                key={facet}
                legend={label(FACET_LABELS[facet])}
                options={facetOptions[facet]}
                selected={selected[facet]}
                onToggle={toggles[facet]}
              />
            ))}
            {filtering && (
              <button
                type="button"
                className="button button-small"
                onClick={() => setQuery({ ...query, text: '', facets: emptyQuery().facets })}
              >
                {t.clearFilters}
              </button>
            )}
          </details>
        </aside>
        <section
          className="results"
          aria-labelledby="results-count"
          aria-busy={search.pending || undefined}
          data-query={search.shownFor}
          data-catalog={source}
        >
          <div className="results-head">
            <h2 id="results-count" className="results-count" aria-live="polite">
              {t.fichesFound(view.shown.length)}
            </h2>
            <div className="results-tools">
              <SortSelect value={query.sort} onChange={(sort) => setQuery({ ...query, sort })} />
              <LayoutSwitch value={query.layout} onChange={(layout) => setQuery({ ...query, layout })} />
            </div>
          </div>
          {search.indexing && search.hits && <p className="muted">{t.directory.indexing}</p>}
          {view.shown.length === 0 ? (
            <p className="notice">{t.noMatch}</p>
          ) : (
            <ResultList
              resetKey={queryToParams({ ...query, layout: 'cards' })}
              space={space}
              entries={view.shown}
              layout={query.layout}
              terms={search.hits?.terms ?? NO_TERMS}
              textOf={store.textOf}
            />
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
          {!query.trash && (
            <Link className="button button-small trash-link" href={trashHref}>
              {t.directory.trash} ({trashCount})
            </Link>
          )}
          {writer && (
            <Suspense fallback={null}>
              <NewFicheForm space={space} />
            </Suspense>
          )}
          {!query.trash && <SpaceShareButton space={space} />}
          {!query.trash && <TransferLinks space={space} query={query} />}
        </div>
      </div>
      {body}
    </div>
  )
}
