/**
 * Document names. A document is addressed as `<space>/<id>` (the y-websocket room name) and
 * served at `/sync/<space>/<id>`. Both parts are validated so that no name can escape its space
 * or reach a path on disk.
 */
import { z } from 'zod'
import { FICHE_ID_PATTERN } from './fiche.ts'

export const SPACE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/
export const spaceIdSchema = z.string().regex(SPACE_ID_PATTERN, 'invalid space id')

/** The reserved id of a space's own index document (the catalog of its fiches). */
export const INDEX_DOC_ID = '_index'

/** The demo space created from the seed on first start. */
export const DEMO_SPACE = 'inspirations'

export interface DocAddress {
  space: string
  id: string
}

export const isValidDocId = (id: string): boolean => id === INDEX_DOC_ID || FICHE_ID_PATTERN.test(id)

export const docName = (space: string, id: string): string => `${space}/${id}`

/** Parses `<space>/<id>`; returns null for anything else (extra slashes, dots, bad characters). */
export const parseDocName = (name: string): DocAddress | null => {
  const parts = name.split('/')
  if (parts.length !== 2) return null
  const [space, id] = parts as [string, string]
  return SPACE_ID_PATTERN.test(space) && isValidDocId(id) ? { space, id } : null
}
