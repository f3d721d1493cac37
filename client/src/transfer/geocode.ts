/**
 * Optional geocoding of a *Ville* through the French national address API (api-adresse.data.gouv.fr,
 * open data, no key). Client-only and online-only: never required, never called by tests; the
 * static gazetteer (`@kenlabour/shared/gazetteer`) covers the usual Breton towns offline.
 */
import { type FicheLocation, locationSchema } from '@kenlabour/shared/fiche'

interface Answer {
  readonly features?: readonly { readonly geometry?: { readonly coordinates?: readonly unknown[] } }[]
}

export const geocodeTown = async (town: string, signal?: AbortSignal): Promise<FicheLocation | null> => {
  const url = `https://api-adresse.data.gouv.fr/search/?q=${encodeURIComponent(town)}&type=municipality&limit=1`
  const response = await fetch(url, signal ? { signal } : {})
  if (!response.ok) return null
  const answer = (await response.json()) as Answer
  const [lng, lat] = answer.features?.[0]?.geometry?.coordinates ?? []
  // Validated like any input: a point in range, or nothing.
  const location = locationSchema.safeParse({ lat, lng })
  return location.success ? location.data : null
}
