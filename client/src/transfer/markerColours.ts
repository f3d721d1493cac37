/**
 * One colour per *Mot Clef* (the marker's first keyword), distinguishable and readable on both a
 * plain background and map tiles; fiches without a keyword are grey.
 */
import { KEYWORDS } from '@kenlabour/shared/vocabularies'

const PALETTE = [
  '#1b7837',
  '#c51b7d',
  '#2166ac',
  '#e08214',
  '#762a83',
  '#b2182b',
  '#35978f',
  '#8c510a',
  '#4d9221',
  '#5e3c99',
  '#d6604d',
  '#01665e',
]

export const NO_KEYWORD_COLOUR = '#777777'

export const keywordColour = (key: string | undefined): string => {
  if (!key) return NO_KEYWORD_COLOUR
  const i = KEYWORDS.findIndex((k) => k.key === key)
  if (i >= 0) return PALETTE[i % PALETTE.length]!
  let hash = 0
  for (const c of key) hash = (hash * 31 + c.charCodeAt(0)) >>> 0
  return PALETTE[hash % PALETTE.length]!
}
