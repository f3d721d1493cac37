/**
 * Single choices (Type d'acteurs, Echelle d'action) are last-writer-wins keys of the `choices`
 * map: two people picking different values at the same time converge on one of them, and the
 * other pick would vanish without a trace. So every pick is also appended to a small log, one
 * `Y.Array<ChoiceAttempt>` "choiceLog:<field>" per field (a top-level type, like every field):
 * concurrent appends both survive, and the loser can be shown next to the field and in history.
 *
 * `prev` is the value the writer saw when picking. A pick made *after* seeing value X records
 * `prev: X`; two concurrent picks record the same `prev`. Hence: a pick lost to a concurrent one
 * is an attempt with the winner's `prev`, another value, and that nobody picked over since
 * (no later attempt has it as `prev`).
 */
import type * as Y from 'yjs'
import { choicesMap } from './ficheDoc.ts'
import type { ChoiceFieldKey } from './form.ts'

export interface ChoiceAttempt {
  /** The value picked (null: "not specified"). */
  readonly value: string | null
  /** The value the writer saw before picking. */
  readonly prev: string | null
  /** Display name of the writer, as their presence showed it. */
  readonly by: string
  /** Milliseconds since the epoch on the writer's clock (for display only, never for ordering). */
  readonly at: number
}

/** Attempts kept per field: enough to find concurrent picks, small enough to never matter. */
export const MAX_ATTEMPTS = 50

export const choiceLogArray = (doc: Y.Doc, field: ChoiceFieldKey): Y.Array<ChoiceAttempt> =>
  doc.getArray(`choiceLog:${field}`)

const asValue = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

/** Coerces what a peer wrote into attempts; malformed entries are dropped, never thrown on. */
export const readAttempts = (raw: readonly unknown[]): ChoiceAttempt[] =>
  raw.flatMap((entry) => {
    if (!entry || typeof entry !== 'object') return []
    const e = entry as Record<string, unknown>
    return [
      {
        value: asValue(e.value),
        prev: asValue(e.prev),
        by: typeof e.by === 'string' ? e.by.slice(0, 60) : '',
        at: typeof e.at === 'number' && Number.isFinite(e.at) ? e.at : 0,
      },
    ]
  })

/**
 * Picks `value` for `field` and logs the attempt, in one transaction with `origin` (the local
 * origin undo tracks). Picking the current value again writes nothing.
 */
export const setChoice = (
  doc: Y.Doc,
  field: ChoiceFieldKey,
  value: string | null,
  by: string,
  origin: unknown = null,
  now: number = Date.now(),
): void => {
  const map = choicesMap(doc)
  const prev = asValue(map.get(field))
  const next = asValue(value)
  if (prev === next) return
  doc.transact(() => {
    map.set(field, next)
    const log = choiceLogArray(doc, field)
    log.push([{ value: next, prev, by, at: now }])
    if (log.length > MAX_ATTEMPTS) log.delete(0, log.length - MAX_ATTEMPTS)
  }, origin)
}

/**
 * The picks that lost to the current value concurrently (pure: table-tested). Empty when the
 * current value was picked by someone who had seen every other recent pick.
 */
export const concurrentLosers = (
  current: string | null,
  attempts: readonly ChoiceAttempt[],
): ChoiceAttempt[] => {
  let winner = -1
  for (let i = attempts.length - 1; i >= 0; i--) {
    if (attempts[i]!.value === current) {
      winner = i
      break
    }
  }
  if (winner < 0) return []
  const { prev } = attempts[winner]!
  return attempts.filter(
    (a, i) =>
      i !== winner &&
      a.value !== current &&
      a.prev === prev &&
      !attempts.some((later, j) => j > i && later.prev === a.value),
  )
}

/** The losers of `field` in `doc` (see `concurrentLosers`). */
export const choiceConflicts = (doc: Y.Doc, field: ChoiceFieldKey): ChoiceAttempt[] =>
  concurrentLosers(asValue(choicesMap(doc).get(field)), readAttempts(choiceLogArray(doc, field).toArray()))
