/** What every exporter receives: a space's fiches and what must travel with them. */
import type { Fiche } from '../fiche.ts'

export interface SpaceExport {
  readonly space: string
  readonly name: string
  readonly licence: string
  /** Oldest first. Trashed fiches are only in the JSON export (it is complete). */
  readonly fiches: readonly Fiche[]
  readonly exportedAt: number
}

/** Fiches an export for people shows: not in the trash. */
export const visibleFiches = (data: SpaceExport): Fiche[] => data.fiches.filter((f) => f.trashedAt === null)
