/**
 * A small static gazetteer of Breton towns (town-hall coordinates, WGS 84, rounded to ~100 m), so
 * that fiches get an approximate location offline and without any geocoding service: the demo seed
 * uses it, and the location picker offers it before (or instead of) the national address API.
 */
import type { FicheLocation } from './fiche.ts'

export const BRETON_TOWNS: Readonly<Record<string, FicheLocation>> = {
  Brest: { lat: 48.3904, lng: -4.4861 },
  Rennes: { lat: 48.1113, lng: -1.68 },
  Morlaix: { lat: 48.5775, lng: -3.8277 },
  Auray: { lat: 47.6678, lng: -2.9822 },
  Dinan: { lat: 48.4556, lng: -2.0503 },
  Pipriac: { lat: 47.8097, lng: -1.9464 },
  'Cesson-Sévigné': { lat: 48.1214, lng: -1.6031 },
  Quimper: { lat: 47.996, lng: -4.1024 },
  Lorient: { lat: 47.7483, lng: -3.37 },
  Vannes: { lat: 47.6582, lng: -2.7608 },
  'Saint-Brieuc': { lat: 48.5141, lng: -2.7603 },
  'Saint-Malo': { lat: 48.6493, lng: -2.0257 },
  Lannion: { lat: 48.7326, lng: -3.4566 },
  Guingamp: { lat: 48.5625, lng: -3.1503 },
  Redon: { lat: 47.6514, lng: -2.0843 },
  Fougères: { lat: 48.3524, lng: -1.1986 },
  Vitré: { lat: 48.1236, lng: -1.2084 },
  Concarneau: { lat: 47.8753, lng: -3.9189 },
  Quimperlé: { lat: 47.8728, lng: -3.5497 },
  Landerneau: { lat: 48.4508, lng: -4.2494 },
  Douarnenez: { lat: 48.0925, lng: -4.3303 },
  Pontivy: { lat: 48.0681, lng: -2.9628 },
  Ploërmel: { lat: 47.9317, lng: -2.3975 },
  Carhaix: { lat: 48.2764, lng: -3.5736 },
  Nantes: { lat: 47.2184, lng: -1.5536 },
}

const normalise = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

const TOWNS = Object.entries(BRETON_TOWNS).map(([name, at]) => ({ words: normalise(name), name, at }))

/**
 * The known town a *Ville* value names ("29200 Brest", "MORLAIX", "Brest Maison des associations"),
 * the first one in the text when it names several; null when none is known.
 */
export const findTown = (city: string): { name: string; location: FicheLocation } | null => {
  const text = ` ${normalise(city)} `
  let best: { name: string; location: FicheLocation; at: number } | null = null
  for (const town of TOWNS) {
    const at = text.indexOf(` ${town.words} `)
    if (at >= 0 && (best === null || at < best.at)) best = { name: town.name, location: town.at, at }
  }
  return best && { name: best.name, location: best.location }
}
