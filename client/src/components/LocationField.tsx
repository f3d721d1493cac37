/**
 * The fiche's location (for the map): typed coordinates, the centre of a known Breton town from the
 * *Ville* (offline gazetteer), or an online lookup of the *Ville* through the national address API.
 * Stored as one value in the fiche's meta map (`writeLocation`), so a concurrent change keeps a
 * coherent point.
 */

import type { FicheLocation } from '@kenlabour/shared/fiche'
import { fieldText, metaMap, readLocation, writeLocation } from '@kenlabour/shared/ficheDoc'
import { findTown } from '@kenlabour/shared/gazetteer'
import { useEffect, useId, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import { useYText } from '../hooks/useYText.ts'
import { useYVersion } from '../hooks/useYVersion.ts'
import { useTransferMessages } from '../i18n/transferMessages.ts'
import { LOCAL_EDIT } from '../sync/localOrigin.ts'
import { geocodeTown } from '../transfer/geocode.ts'
import '../transfer/transfer.css'

const parse = (value: string): number => (value.trim() === '' ? Number.NaN : Number(value.replace(',', '.')))

export const LocationField = ({ doc }: { readonly doc: Y.Doc }) => {
  const m = useTransferMessages()
  const id = useId()
  const meta = useMemo(() => metaMap(doc), [doc])
  const version = useYVersion(meta)
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the meta map's content
  const stored = useMemo(() => readLocation(doc), [doc, version])
  const city = useYText(useMemo(() => fieldText(doc, 'city'), [doc]))
  const town = findTown(city)
  const [lat, setLat] = useState('')
  const [lng, setLng] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [looking, setLooking] = useState(false)

  useEffect(() => {
    setLat(stored ? String(stored.lat) : '')
    setLng(stored ? String(stored.lng) : '')
  }, [stored])

  const save = (location: FicheLocation | null) => {
    setMessage(null)
    writeLocation(doc, location, LOCAL_EDIT)
  }
  const saveTyped = () => {
    const next = { lat: parse(lat), lng: parse(lng) }
    if (!(Math.abs(next.lat) <= 90 && Math.abs(next.lng) <= 180)) return setMessage(m.locationInvalid)
    save(next)
  }
  const lookUp = async () => {
    if (!navigator.onLine) return setMessage(m.locationGeocodeOffline)
    setLooking(true)
    try {
      const found = await geocodeTown(city)
      if (found) save(found)
      else setMessage(m.locationGeocodeFailed)
    } catch {
      setMessage(m.locationGeocodeFailed)
    } finally {
      setLooking(false)
    }
  }

  return (
    <fieldset className="location-field" data-field="location">
      <legend>{m.location}</legend>
      {!stored && <p className="muted">{m.locationNone}</p>}
      <div className="location-inputs">
        <div>
          <label htmlFor={`${id}-lat`}>{m.latitude}</label>
          <input id={`${id}-lat`} inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-lng`}>{m.longitude}</label>
          <input id={`${id}-lng`} inputMode="decimal" value={lng} onChange={(e) => setLng(e.target.value)} />
        </div>
        <button type="button" className="button button-small" onClick={saveTyped}>
          {m.locationSave}
        </button>
      </div>
      <p>
        {town && (
          <button type="button" className="button button-small" onClick={() => save(town.location)}>
            {m.locationFromTown(town.name)}
          </button>
        )}{' '}
        {city.trim() !== '' && (
          <button
            type="button"
            className="button button-small"
            disabled={looking}
            onClick={() => void lookUp()}
          >
            {m.locationGeocode}
          </button>
        )}{' '}
        {stored && (
          <button type="button" className="button button-small" onClick={() => save(null)}>
            {m.locationClear}
          </button>
        )}
      </p>
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
    </fieldset>
  )
}
