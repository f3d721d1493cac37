/**
 * What an import will do, decided before anything is written: for each parsed entry, create,
 * update or leave unchanged (compared with the stored fiche through `writeFiche`'s own diff), and
 * the entries the parser skipped with their reason. The caller writes `writes`, nothing else.
 */
import type { Fiche } from '../fiche.ts'
import type { ParsedImport } from './bazarRecords.ts'
import { ficheWouldChange } from './canonical.ts'

export type ImportAction = 'created' | 'updated' | 'unchanged' | 'skipped'

export interface ImportReportLine {
  readonly where: string
  readonly id?: string
  readonly title?: string
  readonly action: ImportAction
  readonly reason?: string
  readonly notes?: readonly string[]
}

export interface ImportPlan {
  readonly lines: readonly ImportReportLine[]
  readonly writes: readonly Fiche[]
  readonly counts: Readonly<Record<ImportAction, number>>
}

/**
 * `existing`: the stored fiches among the imported ids. An entry without a date in its source keeps
 * the stored fiche's creation date (or gets `now`), so re-importing it changes nothing; one without
 * coordinates keeps the stored location (except Kenlabour's complete JSON, which replaces all).
 */
export const planImport = (
  parsed: ParsedImport,
  existing: ReadonlyMap<string, Fiche>,
  now: number,
): ImportPlan => {
  const lines: ImportReportLine[] = []
  const writes: Fiche[] = []
  for (const entry of parsed.entries) {
    const current = existing.get(entry.fiche.id)
    const dated = entry.dated ? entry.fiche : { ...entry.fiche, createdAt: current?.createdAt ?? now }
    const keepLocation = !entry.complete && !dated.location && current?.location
    const fiche = keepLocation ? { ...dated, location: current.location } : dated
    const action: ImportAction = !current
      ? 'created'
      : ficheWouldChange(current, fiche)
        ? 'updated'
        : 'unchanged'
    if (action !== 'unchanged') writes.push(fiche)
    lines.push({
      where: entry.where,
      id: fiche.id,
      title: fiche.title,
      action,
      ...(entry.notes.length > 0 ? { notes: entry.notes } : {}),
    })
  }
  for (const skip of parsed.skipped) lines.push({ ...skip, action: 'skipped' })
  const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0 }
  for (const line of lines) counts[line.action]++
  return { lines, writes, counts }
}
