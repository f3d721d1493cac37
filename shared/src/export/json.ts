/**
 * The complete, lossless export: every fiche (trash included) exactly as the model holds it, with
 * the space's name and licence. `import/kenlabourJson.ts` reads it back; the round trip is tested.
 */
import { KENLABOUR_FORMAT, KENLABOUR_VERSION } from '../import/kenlabourJson.ts'
import type { SpaceExport } from './spaceExport.ts'

export const spaceToJson = (data: SpaceExport): string =>
  `${JSON.stringify(
    {
      format: KENLABOUR_FORMAT,
      version: KENLABOUR_VERSION,
      space: data.space,
      name: data.name,
      licence: data.licence,
      exportedAt: new Date(data.exportedAt).toISOString(),
      fiches: data.fiches,
    },
    null,
    2,
  )}\n`
