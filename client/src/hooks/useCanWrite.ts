import { canWrite } from '@kenlabour/shared/access'
import { useMemo } from 'react'
import { roleFor } from '../sync/accessTokens.ts'

/**
 * Whether this browser's link lets it write in `space` (a hint for the UI: the relay decides).
 * Readers are not offered "Nouvelle fiche", the trash or "Restaurer", whose changes would be refused.
 */
export const useCanWrite = (space: string): boolean =>
  useMemo(() => {
    const role = roleFor(space)
    return role !== null && canWrite(role)
  }, [space])
