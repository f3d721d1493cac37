/**
 * The fiche's location (for the map): a point picked on a map (Leaflet, loaded only when the map is
 * opened), typed coordinates, the centre of a known Breton town from the *Ville* (offline
 * gazetteer), or an online lookup of the *Ville* through the national address API (never
 * required). Stored as one value in the fiche's meta map (`writeLocation`), so a concurrent change
 * keeps a coherent point; typed values are checked with the same schema before anything is written.
 */

import { type FicheLocation, locationSchema } from '@kenlabour/shared/fiche'
import { fieldText, metaMap, readLocation, writeLocation } from '@kenlabour/shared/ficheDoc'
import { findTown } from '@kenlabour/shared/gazetteer'
import { type KeyboardEvent, lazy, Suspense, useEffect, useId, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import { useYText } from '../hooks/useYText.ts'
import { useYVersion } from '../hooks/useYVersion.ts'
import { useTransferMessages } from '../i18n/transferMessages.ts'
import { LOCAL_EDIT } from '../sync/localOrigin.ts'
import { geocodeTown } from '../transfer/geocode.ts'
import { useOnline } from '../transfer/useOnline.ts'
import '../transfer/transfer.css'

const PickerUnavailable = () => <p role="alert">{useTransferMessages().mapFailed}</p>

/** Loaded when the map is opened; a chunk that cannot load costs the map, never the edit page. */
const LocationPicker = lazy(() =>
  import('../transfer/LocationPicker.tsx').catch(() => ({ default: PickerUnavailable })),
)

/** Decimal degrees, with a point or a French decimal comma ("48,39"); NaN for anything else. */
const parse = (value: string): number => {
  const v = value.trim().replace(',', '.')
  return /^[-+]?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN
}

export const LocationField = ({ doc }: { readonly doc: Y.Doc }) => {
  const m = useTransferMessages()
  const id = useId()
  const meta = useMemo(() => metaMap(doc), [doc])
  const version = useYVersion(meta)
  // By value: other keys of the meta map change too, and the typed inputs must not be reset then.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the meta map's content
  const storedKey = useMemo(() => JSON.stringify(readLocation(doc)), [doc, version])
  const stored = useMemo(() => JSON.parse(storedKey) as FicheLocation | null, [storedKey])
  const city = useYText(useMemo(() => fieldText(doc, 'city'), [doc]))
  const town = findTown(city)
  const online = useOnline()
  const [lat, setLat] = useState('')
  const [lng, setLng] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [looking, setLooking] = useState(false)
  const [invalid, setInvalid] = useState(false)
  const [picking, setPicking] = useState(false)

  useEffect(() => {
    setLat(stored ? String(stored.lat) : '')
    setLng(stored ? String(stored.lng) : '')
  }, [stored])

  const save = (location: FicheLocation | null) => {
    setMessage(null)
    setInvalid(false)
    writeLocation(doc, location, LOCAL_EDIT)
  }
  const saveTyped = () => {
    const typed = locationSchema.safeParse({ lat: parse(lat), lng: parse(lng) })
    if (!typed.success) {
      setInvalid(true)
      return setMessage(m.locationInvalid)
    }
    save(typed.data)
  }
  const onEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return
    event.preventDefault()
    saveTyped()
  }
  const lookUp = async () => {
    if (!online) return setMessage(m.locationGeocodeOffline)
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
    <fieldset className="form-field location-field" data-field="location">
      <legend>{m.location}</legend>
      {!stored && <p className="muted">{m.locationNone}</p>}
      <div className="location-inputs">
        <div>
          <label htmlFor={`${id}-lat`}>{m.latitude}</label>
          <input
            id={`${id}-lat`}
            className="text-input"
            inputMode="decimal"
            value={lat}
            aria-invalid={invalid}
            aria-describedby={invalid ? `${id}-message` : undefined}
            onChange={(e) => setLat(e.target.value)}
            onKeyDown={onEnter}
          />
        </div>
        <div>
          <label htmlFor={`${id}-lng`}>{m.longitude}</label>
          <input
            id={`${id}-lng`}
            className="text-input"
            inputMode="decimal"
            value={lng}
            aria-invalid={invalid}
            aria-describedby={invalid ? `${id}-message` : undefined}
            onChange={(e) => setLng(e.target.value)}
            onKeyDown={onEnter}
          />
        </div>
        <button type="button" className="button button-small" onClick={saveTyped}>
          {m.locationSave}
        </button>
      </div>
      <p className="location-actions">
        <button
          type="button"
          className="button button-small"
          aria-expanded={picking}
          onClick={() => setPicking(!picking)}
        >
          {picking ? m.locationPickClose : m.locationPick}
        </button>{' '}
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
        <p id={`${id}-message`} role="alert" className="field-error">
          {message}
        </p>
      )}
      {picking && (
        <Suspense fallback={<p className="muted">{m.mapLoading}</p>}>
          <LocationPicker location={stored} near={town?.location ?? null} onPick={save} />
        </Suspense>
      )}
    </fieldset>
  )
}
