import { useEffect, useReducer } from 'react'
import type * as Y from 'yjs'

/**
 * A number that changes whenever `type` (or anything nested in it) changes: a dependency for
 * `useMemo` over derived values, and the re-render trigger of the `useY*` hooks.
 */
export const useYVersion = <E>(type: Y.AbstractType<E> | null): number => {
  const [version, bump] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (!type) return
    const onChange = () => bump()
    type.observeDeep(onChange)
    // A change between the render and this subscription would otherwise be missed.
    bump()
    return () => type.unobserveDeep(onChange)
  }, [type])
  return version
}
