/**
 * The sync layer's work deferred to the next animation frame, in a fixed order: remote edits first
 * (`remoteUpdateBatching.ts`), then carets (`caretHub.ts`). A section whose content a remote edit
 * just changed has redrawn its carets from the current presence with it, so the caret pass can skip
 * it: one editor pass per frame instead of two. One `requestAnimationFrame` for both.
 *
 * Each pass costs a page more than its script: the frame it dirties is laid out, painted and hit
 * tested under the pointer. So passes are spaced by 8 times the script time of the last one, up
 * to every other frame: a quiet fiche redraws others' edits at 60 Hz, a fiche with 30 people
 * typing at 30 Hz (what others type reads as well), and the page keeps up instead of falling
 * behind. One's own typing is drawn by the editor at once, not through here.
 *
 * A hidden page runs no frames: callers that must not wait (remote edits) keep a timer as well.
 */

export const FramePhase = { edits: 0, carets: 1 } as const
export type FramePhase = (typeof FramePhase)[keyof typeof FramePhase]

/** Passes are at least this many times their script time apart… */
const COST_FACTOR = 8
/** …and at most every other frame (a pass waits for at most one extra frame). */
const MAX_INTERVAL_MS = 30

const phases: [Set<() => void>, Set<() => void>] = [new Set(), new Set()]
let requested = false
let lastRun = Number.NEGATIVE_INFINITY
let interval = 0

/** The least time between two passes now (0: every frame). */
export const frameInterval = (): number => interval

const request = () => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run)
  else setTimeout(() => run(performance.now()), 16)
}

const run = (now: number) => {
  if (now - lastRun < interval) {
    request()
    return
  }
  lastRun = now
  requested = false
  const started = performance.now()
  for (const tasks of phases) {
    const due = [...tasks]
    tasks.clear()
    for (const task of due) task()
  }
  interval = Math.min(MAX_INTERVAL_MS, COST_FACTOR * (performance.now() - started))
}

/** Runs `task` once at the next pass, in its phase (a task already waiting is not added twice). */
export const onNextFrame = (phase: FramePhase, task: () => void): void => {
  phases[phase].add(task)
  if (requested) return
  requested = true
  request()
}
