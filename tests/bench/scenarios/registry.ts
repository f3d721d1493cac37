/**
 * Every scenario, in report order. A new scenario (the browser ones: catalog, large fiche from
 * IndexedDB, bundle size) is one module implementing `Scenario` plus one line here.
 */
import { bundleSize } from './bundleSize.ts'
import { catalog } from './catalog.ts'
import { history } from './history.ts'
import { idle } from './idle.ts'
import { joinStorm } from './joinStorm.ts'
import { largeFiche } from './largeFiche.ts'
import { mergeOffline } from './mergeOffline.ts'
import { resyncSpace } from './resyncSpace.ts'
import { scaleOut } from './scaleOut.ts'
import { standard } from './standard.ts'
import type { Scenario } from './types.ts'
import { workshop } from './workshop.ts'
import { workshopScreen } from './workshopScreen.ts'

export const SCENARIOS: readonly Scenario[] = [
  standard,
  workshop,
  workshopScreen,
  joinStorm,
  idle,
  mergeOffline,
  resyncSpace,
  history,
  catalog,
  largeFiche,
  bundleSize,
  scaleOut,
]

export const scenarioNamed = (name: string): Scenario => {
  const scenario = SCENARIOS.find((s) => s.name === name)
  if (!scenario)
    throw new Error(`unknown scenario ${name}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`)
  return scenario
}
