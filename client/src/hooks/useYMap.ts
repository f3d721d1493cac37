import { useMemo } from 'react'
import type * as Y from 'yjs'
import { useYVersion } from './useYVersion.ts'

/** The current entries of a Y.Map as a plain object (a new object only when it changed). */
export const useYMap = <T>(map: Y.Map<T> | null): Readonly<Record<string, T>> => {
  const version = useYVersion(map)
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the map's content
  return useMemo(() => (map ? Object.fromEntries(map.entries()) : {}), [map, version])
}
