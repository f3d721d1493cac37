/**
 * Leaflet, loaded on demand: neither the first page nor the edit page carries it, only the map page
 * and the location picker, when they are shown. A failed load (offline before the service worker
 * cached the chunk) is forgotten, so the next attempt tries again.
 *
 * Tiles come from OpenStreetMap and only when online; without them the map is a plain background
 * (`.map-canvas` in `transfer.css`) on which markers and clicks still work, since both are
 * computed from coordinates alone.
 */
import type * as Leaflet from 'leaflet'

export type LeafletModule = typeof Leaflet

/** Where a map with nothing to show opens: Brittany, whose initiatives the fiches describe. */
export const BRITTANY: [number, number] = [48.1, -2.9]

const TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
const ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'

/** Memoises a load, forgetting it when it fails. */
const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let pending: Promise<T> | null = null
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null
      throw error
    })
    return pending
  }
}

/** Leaflet and its stylesheet. */
export const loadLeaflet = once(async (): Promise<LeafletModule> => {
  const [{ default: L }] = await Promise.all([import('leaflet'), import('leaflet/dist/leaflet.css')])
  return L
})

/** Leaflet with the cluster plugin (a UMD script that extends the global `L`). */
export const loadLeafletWithClusters = once(async (): Promise<LeafletModule> => {
  const L = await loadLeaflet()
  ;(globalThis as { L?: LeafletModule }).L = L
  await Promise.all([
    import('leaflet.markercluster'),
    import('leaflet.markercluster/dist/MarkerCluster.css'),
    import('leaflet.markercluster/dist/MarkerCluster.Default.css'),
  ])
  return L
})

/** Adds the OpenStreetMap tiles to a map; returns what removes them. */
export const addTiles = (L: LeafletModule, map: Leaflet.Map): (() => void) => {
  const layer = L.tileLayer(TILES, { maxZoom: 19, attribution: ATTRIBUTION }).addTo(map)
  return () => {
    layer.remove()
  }
}

/** A round marker drawn in CSS (no image to fetch, so it shows offline too). */
export const dotIcon = (L: LeafletModule, colour: string, className = 'map-marker'): Leaflet.DivIcon =>
  L.divIcon({
    className,
    html: `<span style="display:block;width:100%;height:100%;border-radius:50%;background:${colour}"></span>`,
    iconSize: [16, 16],
  })
