/**
 * Builds an export of a space (or one fiche) with the shared exporters; Markdown, one file per
 * fiche, travels over HTTP as a zip (fflate, no native code).
 */
import type { ExportFormat } from '@kenlabour/shared/export/formatList'
import { type ExportFile, ficheExport, formats } from '@kenlabour/shared/export/formats'
import type { SpaceExport } from '@kenlabour/shared/export/spaceExport'
import { strToU8, zipSync } from 'fflate'
import type { SpaceStore } from './spaceStore.ts'

export const readSpaceExport = async (store: SpaceStore, now = Date.now()): Promise<SpaceExport> => {
  const info = await store.readInfo()
  return { space: store.space, ...info, fiches: await store.readFiches(), exportedAt: now }
}

export const exportFiles = async (
  store: SpaceStore,
  format: ExportFormat,
  ficheId?: string,
): Promise<ExportFile[] | null> => {
  const data = await readSpaceExport(store)
  if (ficheId === undefined) return formats[format].files(data)
  const fiche = data.fiches.find((f) => f.id === ficheId)
  return fiche ? ficheExport(format, data, fiche) : null
}

export interface ExportBody {
  readonly name: string
  readonly contentType: string
  readonly body: Uint8Array
}

/** One HTTP answer: the single file, or a zip of several (Markdown of a space). */
export const exportBody = (space: string, format: ExportFormat, files: readonly ExportFile[]): ExportBody => {
  if (files.length === 1) {
    const [file] = files as [ExportFile]
    return { name: file.name, contentType: file.contentType, body: strToU8(file.content) }
  }
  const zip = zipSync(Object.fromEntries(files.map((f) => [`${space}/${f.name}`, strToU8(f.content)])))
  return { name: `${space}-${format}.zip`, contentType: 'application/zip', body: zip }
}
