import { useMemo } from 'react'
import type * as Y from 'yjs'
import { useYVersion } from './useYVersion.ts'

/** The current items of a Y.Array (a new array only when it changed). */
export const useYArray = <T>(array: Y.Array<T> | null): readonly T[] => {
  const version = useYVersion(array)
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the array's content
  return useMemo(() => array?.toArray() ?? [], [array, version])
}
