/**
 * The directory's open-data actions: the map of the same filtered catalog, import (editors and
 * admins) and the export menu.
 */
import { canWrite } from '@kenlabour/shared/access'
import { type CatalogQuery, queryToParams } from '@kenlabour/shared/catalogQuery'
import { Link } from 'wouter'
import { useExportMessages } from '../i18n/exportMessages.ts'
import { roleFor } from '../sync/accessTokens.ts'
import { ExportMenu } from './ExportMenu.tsx'

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
      <ExportMenu space={space} />
    </>
  )
}
