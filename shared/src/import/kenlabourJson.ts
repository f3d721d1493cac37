/**
 * Kenlabour's own JSON export (`export/json.ts`) read back: complete, lossless, so a space can be
 * moved between relays or restored from a backup. Each fiche is validated with the model's schema.
 */
import { z } from 'zod'
import { ficheSchema } from '../fiche.ts'
import type { ParsedEntry, ParsedImport } from './bazarRecords.ts'
import { canonicalFiche } from './canonical.ts'
import { fileError, ImportError, type ImportProblem } from './importError.ts'

export const KENLABOUR_FORMAT = 'kenlabour'
export const KENLABOUR_VERSION = 1

const fileSchema = z.object({
  format: z.literal(KENLABOUR_FORMAT),
  version: z.literal(KENLABOUR_VERSION),
  space: z.string().optional(),
  name: z.string().optional(),
  licence: z.string().optional(),
  fiches: z.array(z.unknown()),
})

export interface KenlabourSpaceInfo {
  readonly name?: string
  readonly licence?: string
}

export const looksLikeKenlabour = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && (data as { format?: unknown }).format === KENLABOUR_FORMAT

export const readKenlabourJson = (data: unknown): { parsed: ParsedImport; info: KenlabourSpaceInfo } => {
  const file = fileSchema.safeParse(data)
  if (!file.success) {
    throw fileError(`export Kenlabour invalide (${z.prettifyError(file.error).replace(/\n/g, ' ')})`)
  }
  const problems: ImportProblem[] = []
  const entries: ParsedEntry[] = []
  const seen = new Set<string>()
  file.data.fiches.forEach((raw, i) => {
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? ` "${(raw as { id: string }).id}"` : ''
    const where = `fiches[${i}]${id}`
    const fiche = ficheSchema.safeParse(raw)
    if (!fiche.success) {
      const issue = fiche.error.issues[0]
      problems.push({
        where,
        message: `${issue?.path.join('.') || 'fiche'} : ${issue?.message ?? 'invalide'}`,
      })
      return
    }
    if (seen.has(fiche.data.id)) {
      problems.push({ where, message: `identifiant en double : ${fiche.data.id}` })
      return
    }
    seen.add(fiche.data.id)
    entries.push({ where, fiche: canonicalFiche(fiche.data), dated: true, notes: [], complete: true })
  })
  if (problems.length > 0) throw new ImportError(problems)
  const { name, licence } = file.data
  return {
    parsed: { entries, skipped: [] },
    info: { ...(name ? { name } : {}), ...(licence ? { licence } : {}) },
  }
}
