/**
 * Routes:
 *
 * | path                   | page                                         |
 * | ---------------------- | -------------------------------------------- |
 * | `/`                    | directory of the demo space (`inspirations`) |
 * | `/s/:space`            | directory of a space                         |
 * | `/s/:space/f/:id`      | a fiche                                      |
 * | `/s/:space/f/:id/edit` | a fiche in edit mode (lazy: TipTap)          |
 * | `/s/:space/f/:id/history` | the fiche's history (lazy)                |
 * | `/s/:space/map`        | the catalog on a map (lazy: Leaflet)         |
 * | `/s/:space/import`     | import fiches (lazy: the parsers)            |
 */
import { FICHE_ID_PATTERN } from '@kenlabour/shared/fiche'
import { DEMO_SPACE, SPACE_ID_PATTERN } from '@kenlabour/shared/names'
import { lazy, type ReactNode, Suspense } from 'react'
import { Route, Switch } from 'wouter'
import { AppHeader } from './components/AppHeader.tsx'
import { OfflineBar } from './components/OfflineBar.tsx'
import { useI18n } from './i18n/context.ts'
import { DirectoryPage } from './pages/DirectoryPage.tsx'
import { NotFoundPage } from './pages/NotFoundPage.tsx'

const EditPage = lazy(() => import('./pages/EditPage.tsx'))
/** Lazy too: the directory is the first page, and the fiche page's renderers are not needed to browse. */
const FichePage = lazy(() => import('./pages/FichePage.tsx').then((m) => ({ default: m.FichePage })))
const HistoryPage = lazy(() => import('./history/HistoryPage.tsx'))
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'))
const MapPage = lazy(() => import('./pages/MapPage.tsx'))

const Loading = () => {
  const { t } = useI18n()
  return <p className="page muted">{t.loading}</p>
}

/** Renders `page` only for a valid space (and fiche id), the 404 page otherwise. */
const valid = (space: string, id: string | null, page: () => ReactNode): ReactNode =>
  SPACE_ID_PATTERN.test(space) && (id === null || FICHE_ID_PATTERN.test(id)) ? page() : <NotFoundPage />

export const App = () => (
  <>
    <AppHeader />
    <OfflineBar />
    <main id="main" tabIndex={-1}>
      <Switch>
        <Route path="/">
          <DirectoryPage space={DEMO_SPACE} />
        </Route>
        <Route path="/s/:space">
          {({ space }) => valid(space, null, () => <DirectoryPage key={space} space={space} />)}
        </Route>
        <Route path="/s/:space/map">
          {({ space }) =>
            valid(space, null, () => (
              <Suspense fallback={<Loading />}>
                <MapPage key={space} space={space} />
              </Suspense>
            ))
          }
        </Route>
        <Route path="/s/:space/import">
          {({ space }) =>
            valid(space, null, () => (
              <Suspense fallback={<Loading />}>
                <ImportPage key={space} space={space} />
              </Suspense>
            ))
          }
        </Route>
        <Route path="/s/:space/f/:id">
          {({ space, id }) =>
            valid(space, id, () => (
              <Suspense fallback={<Loading />}>
                <FichePage key={`${space}/${id}`} space={space} id={id} />
              </Suspense>
            ))
          }
        </Route>
        <Route path="/s/:space/f/:id/history">
          {({ space, id }) =>
            valid(space, id, () => (
              <Suspense fallback={<Loading />}>
                <HistoryPage key={`${space}/${id}`} space={space} id={id} />
              </Suspense>
            ))
          }
        </Route>
        <Route path="/s/:space/f/:id/edit">
          {({ space, id }) =>
            valid(space, id, () => (
              <Suspense fallback={<Loading />}>
                <EditPage key={`${space}/${id}`} space={space} id={id} />
              </Suspense>
            ))
          }
        </Route>
        <Route>
          <NotFoundPage />
        </Route>
      </Switch>
    </main>
  </>
)
