/**
 * Where a fiche's history lives: the sibling document `<space>/<id>--history` (see
 * `versions.ts` for its layout and why it is a separate document). Kept apart from `versions.ts`
 * so that the fiche page can keep the history synced without loading the history code.
 */
import { FICHE_ID_PATTERN } from '../fiche.ts'
import { contentHash } from './hash.ts'

export const HISTORY_SUFFIX = '--history'

/**
 * The id of a fiche's history document: `<id>--history`, or for ids too long to take the suffix
 * a truncated id plus a hash (ids must stay ≤ 64 characters). Generated fiche ids (`idFromTitle`)
 * never contain `--`, so a history id never names a fiche.
 */
export const historyDocId = (ficheId: string): string => {
  const plain = `${ficheId}${HISTORY_SUFFIX}`
  if (FICHE_ID_PATTERN.test(plain)) return plain
  return `${ficheId.slice(0, 40)}-${contentHash(ficheId).slice(0, 12)}${HISTORY_SUFFIX}`
}

export const isHistoryDocId = (id: string): boolean => id.endsWith(HISTORY_SUFFIX)
