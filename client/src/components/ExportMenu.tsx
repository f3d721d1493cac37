/**
 * Export of a space or of one fiche: a download link per format (served by the relay's
 * `/api/spaces/<space>/export`, with this browser's access token) and a print button whose
 * stylesheet (`print.css`) leaves only the content, for a clean PDF through the browser.
 * The space's licence is shown, as every export carries it, and printed at the end of the page
 * (a line only print media show, outside the React root so no page layout has to make room for it).
 */

import { canWrite } from '@kenlabour/shared/access'
import { EXPORT_FORMATS } from '@kenlabour/shared/export/formatList'
import { LICENCE_URLS, spaceDisplayName, spaceLicence } from '@kenlabour/shared/export/licence'
import { INDEX_DOC_ID } from '@kenlabour/shared/names'
import { spaceInfoMap } from '@kenlabour/shared/spaceIndex'
import { useMemo } from 'react'
import { createPortal } from 'react-dom'
import { useDoc } from '../hooks/useDoc.ts'
import { useYVersion } from '../hooks/useYVersion.ts'
import { useTransferMessages } from '../i18n/transferMessages.ts'
import { roleFor, withToken } from '../sync/accessTokens.ts'
import '../transfer/transfer.css'
import '../transfer/print.css'

export interface ExportMenuProps {
  readonly space: string
  /** One fiche; the whole space when absent. */
  readonly ficheId?: string
}

export const ExportMenu = ({ space, ficheId }: ExportMenuProps) => {
  const m = useTransferMessages()
  const index = useDoc(space, INDEX_DOC_ID)
  const info = useMemo(() => (index ? spaceInfoMap(index.doc) : null), [index])
  const version = useYVersion(info)
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the map's content
  const licence = useMemo(() => (index ? spaceLicence(index.doc) : null), [index, version])
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the map's content
  const name = useMemo(() => (index ? spaceDisplayName(index.doc, space) : space), [index, space, version])
  const role = roleFor(space)
  const mayEdit = !ficheId && role !== null && canWrite(role)
  const base = ficheId
    ? `/api/spaces/${space}/fiches/${encodeURIComponent(ficheId)}/export`
    : `/api/spaces/${space}/export`
  return (
    <>
      {licence &&
        createPortal(<p className="print-licence">{m.printLicence(licence, name)}</p>, document.body)}
      <details className="export-menu no-print">
        <summary className="button button-small">{ficheId ? m.exportFiche : m.export}</summary>
        <div className="export-panel">
          <ul>
            {EXPORT_FORMATS.map((format) => (
              <li key={format}>
                <a href={withToken(`${base}?format=${format}`, space)} download>
                  {m.exportFormats[format]}
                </a>
              </li>
            ))}
          </ul>
          <button type="button" className="button button-small" onClick={() => window.print()}>
            {m.print}
          </button>
          {licence && !mayEdit && <p className="muted export-licence">{m.licence(licence)}</p>}
          {licence && mayEdit && info && (
            <p className="export-licence">
              <label>
                {m.licenceLabel}{' '}
                <select value={licence} onChange={(e) => info.set('licence', e.target.value)}>
                  {[...new Set([licence, ...Object.keys(LICENCE_URLS)])].map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              </label>
            </p>
          )}
        </div>
      </details>
    </>
  )
}
