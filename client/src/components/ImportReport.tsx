/**
 * What an import did (or would do, for a preview), entry by entry, with links to the fiches and,
 * for an updated one, to its history, where the import is a version of its own.
 */
import type { ImportAction, ImportReportLine } from '@kenlabour/shared/import/plan'
import { Link } from 'wouter'
import { useTransferMessages } from '../i18n/transferMessages.ts'

export interface ImportReportProps {
  readonly space: string
  readonly dryRun: boolean
  readonly counts: Record<ImportAction, number>
  readonly lines: readonly ImportReportLine[]
}

export const ImportReport = ({ space, dryRun, counts, lines }: ImportReportProps) => {
  const m = useTransferMessages()
  return (
    <section className="import-report" aria-labelledby="import-summary">
      <h2 id="import-summary" role="status">
        {m.importDone(counts, dryRun)}
      </h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{m.importColumns.where}</th>
            <th scope="col">{m.importColumns.fiche}</th>
            <th scope="col">{m.importColumns.action}</th>
            <th scope="col">{m.importColumns.detail}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={`${line.where}-${line.id ?? ''}`} data-action={line.action}>
              <td>{line.where}</td>
              <td>
                {line.id && line.action !== 'skipped' && !dryRun ? (
                  <Link href={`/s/${space}/f/${line.id}`}>{line.title ?? line.id}</Link>
                ) : (
                  (line.title ?? line.id ?? '')
                )}
              </td>
              <td>
                {m.importActions[line.action]}
                {line.id && line.action === 'updated' && !dryRun && (
                  <>
                    {' · '}
                    <Link
                      href={`/s/${space}/f/${line.id}/history`}
                      aria-label={m.importChanges(line.title ?? line.id)}
                    >
                      {m.importChangesShort}
                    </Link>
                  </>
                )}
              </td>
              <td>{[line.reason, ...(line.notes ?? [])].filter(Boolean).join(' ; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
