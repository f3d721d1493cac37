import type { Fiche } from '@kenlabour/shared/fiche'
import { hasFiche, readFiche } from '@kenlabour/shared/ficheDoc'
import { useEffect, useMemo, useReducer } from 'react'
import type * as Y from 'yjs'

/**
 * The fiche held by a document, re-read after every change (local, remote or loaded from
 * IndexedDB); null while the document holds no fiche.
 */
export const useFiche = (doc: Y.Doc | null): Fiche | null => {
  const [version, bump] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (!doc) return
    const onUpdate = () => bump()
    doc.on('update', onUpdate)
    bump()
    return () => doc.off('update', onUpdate)
  }, [doc])
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the doc's content
  return useMemo(() => (doc && hasFiche(doc) ? readFiche(doc) : null), [doc, version])
}
