/**
 * The Leaflet map of located catalog entries, loaded on demand (Leaflet and its cluster plugin are
 * not in the first page's JavaScript). Markers are clustered and coloured by their first *Mot
 * Clef*. Without network (or when asked) there is no tile layer: a plain background, and the
 * markers still show; the OpenStreetMap tiles are added only when online.
 */
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import type * as Leaflet from 'leaflet'
import { useEffect, useRef } from 'react'
import { useTransferMessages } from '../i18n/transferMessages.ts'
import { addTiles, BRITTANY, dotIcon, loadLeafletWithClusters } from '../transfer/leaflet.ts'
import { keywordColour } from '../transfer/markerColours.ts'
import { useLeaflet } from '../transfer/useLeaflet.ts'

export interface MapViewProps {
  readonly space: string
  readonly entries: readonly CatalogEntry[]
  /** Show the OpenStreetMap tiles (online only). */
  readonly tiles: boolean
}

export const MapView = ({ space, entries, tiles }: MapViewProps) => {
  const m = useTransferMessages()
  const container = useRef<HTMLElement>(null)
  const { leaflet, failed } = useLeaflet(loadLeafletWithClusters)
  const map = useRef<Leaflet.Map | null>(null)
  const cluster = useRef<Leaflet.MarkerClusterGroup | null>(null)

  // The map itself, once Leaflet is there.
  useEffect(() => {
    if (!leaflet || !container.current) return
    // maxZoom on the map itself: the cluster plugin needs it when there is no tile layer (offline).
    const created = leaflet.map(container.current, { center: BRITTANY, zoom: 7, minZoom: 3, maxZoom: 18 })
    map.current = created
    cluster.current = leaflet.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 })
    created.addLayer(cluster.current)
    return () => {
      created.remove()
      map.current = null
      cluster.current = null
    }
  }, [leaflet])

  // Tiles only when online and wanted.
  useEffect(() => {
    if (!leaflet || !map.current || !tiles) return
    return addTiles(leaflet, map.current)
  }, [leaflet, tiles])

  // Markers follow the filtered entries.
  useEffect(() => {
    const group = cluster.current
    if (!leaflet || !group || !map.current) return
    group.clearLayers()
    const markers = entries.flatMap((entry) => {
      if (!entry.location) return []
      const colour = keywordColour(entry.keywords[0])
      const marker = leaflet.marker([entry.location.lat, entry.location.lng], {
        title: entry.title,
        alt: entry.title,
        icon: dotIcon(leaflet, colour),
      })
      const link = document.createElement('a')
      link.href = `/s/${space}/f/${encodeURIComponent(entry.id)}`
      link.textContent = entry.title
      const popup = document.createElement('div')
      popup.append(link)
      if (entry.city) popup.append(document.createElement('br'), entry.city)
      marker.bindPopup(popup)
      // The element exists only while the marker is drawn (not inside a cluster).
      marker.on('add', () => marker.getElement()?.setAttribute('data-fiche', entry.id))
      return [marker]
    })
    group.addLayers(markers)
    if (markers.length > 0) {
      map.current.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 12 })
    }
  }, [leaflet, entries, space])

  if (failed) return <p role="alert">{m.mapFailed}</p>
  return (
    <section className="map-canvas" ref={container} aria-label={m.mapLabel}>
      {!leaflet && <p className="muted">{m.mapLoading}</p>}
    </section>
  )
}
