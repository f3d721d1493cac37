/**
 * "Pick on a map" for the location field (loaded with Leaflet only when the person opens it): a
 * click on the map, or Enter with the map focused (the arrow keys move it, Enter takes its centre),
 * gives the point; the marker shows the stored location, wherever it came from (typed, the town
 * centre, another person's edit). Offline there are no tiles, but the coordinates of a click are
 * computed by Leaflet alone, so picking still works on the plain background.
 */
import type { FicheLocation } from '@kenlabour/shared/fiche'
import type * as Leaflet from 'leaflet'
import { useEffect, useRef, useState } from 'react'
import { useTransferMessages } from '../i18n/transferMessages.ts'
import { addTiles, BRITTANY, dotIcon, loadLeaflet } from './leaflet.ts'
import { useLeaflet } from './useLeaflet.ts'
import { useOnline } from './useOnline.ts'

/** About a metre: more would only be noise from the pointer's position. */
const round = (degrees: number): number => Math.round(degrees * 1e5) / 1e5

const pointOf = (latlng: Leaflet.LatLng): FicheLocation => {
  const wrapped = latlng.wrap()
  return { lat: round(wrapped.lat), lng: round(wrapped.lng) }
}

export interface LocationPickerProps {
  /** The stored location (the marker), or null. */
  readonly location: FicheLocation | null
  /** Where to open when there is no location yet (the centre of the *Ville*, if known). */
  readonly near: FicheLocation | null
  readonly onPick: (location: FicheLocation) => void
}

export default function LocationPicker({ location, near, onPick }: LocationPickerProps) {
  const m = useTransferMessages()
  const online = useOnline()
  const container = useRef<HTMLElement>(null)
  const { leaflet, failed } = useLeaflet(loadLeaflet)
  const [map, setMap] = useState<Leaflet.Map | null>(null)
  // The latest props for Leaflet's handlers, bound once.
  const pick = useRef(onPick)
  pick.current = onPick
  const start = useRef(location ?? near)

  useEffect(() => {
    if (!leaflet || !container.current) return
    const centre = start.current
    const created = leaflet.map(container.current, {
      center: centre ? [centre.lat, centre.lng] : BRITTANY,
      zoom: centre ? 13 : 7,
      minZoom: 2,
      maxZoom: 18,
    })
    created.on('click', (event: Leaflet.LeafletMouseEvent) => pick.current(pointOf(event.latlng)))
    const element = created.getContainer()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.target !== element) return
      event.preventDefault()
      pick.current(pointOf(created.getCenter()))
    }
    element.addEventListener('keydown', onKeyDown)
    setMap(created)
    return () => {
      element.removeEventListener('keydown', onKeyDown)
      created.remove()
      setMap(null)
    }
  }, [leaflet])

  useEffect(() => {
    if (!leaflet || !map || !online) return
    return addTiles(leaflet, map)
  }, [leaflet, map, online])

  // The marker follows the stored location, and the map follows it when it leaves the view.
  useEffect(() => {
    if (!leaflet || !map || !location) return
    const point: [number, number] = [location.lat, location.lng]
    const marker = leaflet
      .marker(point, {
        icon: dotIcon(leaflet, '#b2182b', 'map-marker location-marker'),
        keyboard: false,
        interactive: false,
      })
      .addTo(map)
    if (!map.getBounds().contains(point)) map.panTo(point)
    return () => {
      marker.remove()
    }
  }, [leaflet, map, location])

  if (failed) return <p role="alert">{m.mapFailed}</p>
  return (
    <div className="location-picker">
      <p className="muted small">
        {online ? m.locationPickHint : `${m.locationPickHint} ${m.locationPickOffline}`}
      </p>
      <section ref={container} className="map-canvas location-map" aria-label={m.locationPickLabel}>
        {!leaflet && <p className="muted">{m.mapLoading}</p>}
      </section>
    </div>
  )
}
