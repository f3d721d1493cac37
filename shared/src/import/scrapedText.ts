/**
 * The scraped "Inspirations" page (the seed's format) as an import: the foundation's parser, with
 * its failures turned into an `ImportError` and each fiche named for the report.
 */
import { z } from 'zod'
import { parseInspirations } from '../seed.ts'
import type { ParsedImport } from './bazarRecords.ts'
import { canonicalFiche } from './canonical.ts'
import { fileError } from './importError.ts'

export const readScrapedText = (text: string): ParsedImport => {
  let fiches: ReturnType<typeof parseInspirations>
  try {
    fiches = parseInspirations(text)
  } catch (error) {
    const detail =
      error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join('.')} : ${i.message}`).join(', ')
        : String(error)
    throw fileError(`texte illisible (${detail})`)
  }
  if (fiches.length === 0) {
    throw fileError(
      "aucune fiche reconnue : chaque fiche commence par son titre écrit deux fois, suivi d'un libellé du formulaire",
    )
  }
  return {
    entries: fiches.map((fiche, i) => ({
      where: `fiche n°${i + 1} "${fiche.title}"`,
      fiche: canonicalFiche(fiche),
      dated: true,
      notes: [],
    })),
    skipped: [],
  }
}
