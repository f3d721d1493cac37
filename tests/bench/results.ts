/**
 * The results file (`results/latest.json`): per scenario, the latest run of it, with the machine,
 * versions and date of that run, and per subject every figure's value in each repetition plus
 * min/median/max. Running one scenario replaces that scenario's entry and keeps the others, so the
 * file and the table always show the latest figure of every scenario, each dated.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Machine } from './machine.ts'
import type { Spread } from './stats.ts'

export const SCHEMA = 1

export interface FigureResult extends Spread {
  label: string
  unit: string
  digits: number
  context: boolean
  target: number | null
  /** Absent in results written before it existed. */
  targetRatio?: number | null
  /** One value per repetition, in run order. */
  runs: number[]
}

export interface CheckResult {
  name: string
  /** True only if the check passed in every repetition. */
  ok: boolean
  detail: string
}

export type Status = 'ok' | 'failed' | 'n/a' | 'unavailable'

export interface SubjectResult {
  name: string
  label: string
  status: Status
  /** Why it failed, does not apply or could not run. */
  reason: string | null
  figures: Record<string, FigureResult>
  checks: CheckResult[]
}

export interface ScenarioResult {
  name: string
  summary: string
  date: string
  durationS: number
  quick: boolean
  repetitions: number
  baseline: string | null
  machine: Machine
  versions: Record<string, string>
  subjects: SubjectResult[]
}

export interface ResultsFile {
  schema: number
  scenarios: Record<string, ScenarioResult>
}

export const readResults = (path: string): ResultsFile => {
  if (!existsSync(path)) return { schema: SCHEMA, scenarios: {} }
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as ResultsFile
    return parsed.schema === SCHEMA ? parsed : { schema: SCHEMA, scenarios: {} }
  } catch {
    return { schema: SCHEMA, scenarios: {} }
  }
}

export const writeText = (path: string, text: string): void => {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}
