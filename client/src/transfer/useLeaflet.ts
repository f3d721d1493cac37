/**
 * Leaflet for a component, loaded when it mounts (`leaflet.ts`): the module once it is there, or
 * `failed` when it could not be loaded (offline before the service worker cached it), so the
 * component can say so instead of showing an empty box.
 */
import { useEffect, useState } from 'react'
import type { LeafletModule } from './leaflet.ts'

export const useLeaflet = (
  load: () => Promise<LeafletModule>,
): { readonly leaflet: LeafletModule | null; readonly failed: boolean } => {
  const [leaflet, setLeaflet] = useState<LeafletModule | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let alive = true
    load().then(
      (L) => alive && setLeaflet(() => L),
      () => alive && setFailed(true),
    )
    return () => {
      alive = false
    }
  }, [load])
  return { leaflet, failed }
}
