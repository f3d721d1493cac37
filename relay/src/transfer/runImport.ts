/**
 * Runs an import against a space: the file is parsed and every entry validated first (a broken
 * file throws `ImportError` before anything is written), the plan compares each entry with the
 * stored fiche, then only created and updated fiches are written. Used by the HTTP route and the
 * CLI alike, so both report the same thing.
 */

import type { Fiche } from '@kenlabour/shared/fiche'
import { type ImportOptions, type ParsedFile, parseImport } from '@kenlabour/shared/import/parseImport'
import { type ImportPlan, planImport } from '@kenlabour/shared/import/plan'
import type { Participant } from '@kenlabour/shared/participants'
import type { SpaceStore } from './spaceStore.ts'

export interface ImportReport {
  readonly space: string
  readonly format: ParsedFile['format']
  readonly dryRun: boolean
  readonly fields: readonly string[]
  readonly mapping: ParsedFile['mapping']
  readonly counts: ImportPlan['counts']
  readonly lines: ImportPlan['lines']
}

export interface RunImportOptions extends ImportOptions {
  readonly dryRun?: boolean
  readonly now?: number
  /** Who imports, for the fiches' history; by default "Import (<file name>)". */
  readonly by?: Participant
  /** Called with the plan before anything is written; throw to refuse it (limits). */
  readonly beforeWrite?: (plan: ImportPlan) => Promise<void> | void
}

/** The history's name for an import nobody signed (the CLI, a script). */
const importer = (fileName: string | undefined): Participant => {
  const file = fileName?.split(/[\\/]/).at(-1)
  return {
    id: 'import',
    name: (file ? `Import (${file})` : 'Import').slice(0, 60),
    color: '#5f6368',
    device: 'Kenlabour',
  }
}

export const runImport = async (
  store: SpaceStore,
  text: string,
  options: RunImportOptions = {},
): Promise<ImportReport> => {
  const file = parseImport(text, options)
  const existing = new Map<string, Fiche>()
  for (const entry of file.parsed.entries) {
    const fiche = await store.readFiche(entry.fiche.id)
    if (fiche) existing.set(fiche.id, fiche)
  }
  const plan = planImport(file.parsed, existing, options.now ?? Date.now())
  const dryRun = options.dryRun === true
  if (!dryRun) {
    await options.beforeWrite?.(plan)
    const by = options.by ?? importer(options.fileName)
    for (const fiche of plan.writes) await store.writeFiche(fiche, by)
    if (file.info.name || file.info.licence || plan.writes.length > 0) await store.fillInfo(file.info)
  }
  return {
    space: store.space,
    format: file.format,
    dryRun,
    fields: file.fields,
    mapping: file.mapping,
    counts: plan.counts,
    lines: plan.lines,
  }
}
