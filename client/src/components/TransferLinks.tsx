/**
 * The directory's open-data actions: the map of the same filtered catalog, import (editors and
 * admins) and the export menu. The menu (its strings, formats, print stylesheet) is loaded just
 * after the directory's first render: it is not needed to show the fiches, and the first page's
 * JavaScript has a budget.
 */
import { canWrite } from '@kenlabour/shared/access'
import { type CatalogQuery, queryToParams } from '@kenlabour/shared/catalogQuery'
import { type ComponentType, lazy, Suspense } from 'react'
import { Link } from 'wouter'
import { useExportMessages } from '../i18n/exportMessages.ts'
import { roleFor } from '../sync/accessTokens.ts'
import type { ExportMenuProps } from './ExportMenu.tsx'

/** A chunk that cannot load (a new version deployed meanwhile) costs the menu, never the directory. */
const ExportMenu = lazy(
  (): Promise<{ default: ComponentType<ExportMenuProps> }> =>
    import('./ExportMenu.tsx').then(
      (module) => ({ default: module.ExportMenu }),
      () => ({ default: () => null }),
    ),
)

export const TransferLinks = ({ space, query }: { readonly space: string; readonly query: CatalogQuery }) => {
  const m = useExportMessages()
  const role = roleFor(space)
  const params = queryToParams({ ...query, layout: 'cards', trash: false })
  return (
    <>
      <Link className="button button-small" href={`/s/${space}/map${params ? `?${params}` : ''}`}>
        {m.map}
      </Link>
      {role !== null && canWrite(role) && (
        <Link className="button button-small" href={`/s/${space}/import`}>
          {m.importTitle}
        </Link>
      )}
      <Suspense fallback={null}>
        <ExportMenu space={space} />
      </Suspense>
    </>
  )
}
