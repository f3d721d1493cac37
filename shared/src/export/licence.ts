/**
 * The licence of a space's content, stored in its index document (`spaceInfoMap(index)`, key
 * "licence") and written into every export, so data that leaves Kenlabour says how it may be reused.
 */
import type * as Y from 'yjs'
import { spaceInfoMap } from '../spaceIndex.ts'

export const DEFAULT_LICENCE = 'CC BY-SA 4.0'

/** Known licences and where their text lives (others are shown as typed). */
export const LICENCE_URLS: Record<string, string> = {
  'CC BY-SA 4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC BY 4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC0 1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'ODbL 1.0': 'https://opendatacommons.org/licenses/odbl/1-0/',
}

export const spaceLicence = (index: Y.Doc): string => {
  const value = spaceInfoMap(index).get('licence')
  return typeof value === 'string' && value.trim() !== '' ? value : DEFAULT_LICENCE
}

/** The space's display name, or its id. */
export const spaceDisplayName = (index: Y.Doc, space: string): string => {
  const value = spaceInfoMap(index).get('name')
  return typeof value === 'string' && value.trim() !== '' ? value : space
}
