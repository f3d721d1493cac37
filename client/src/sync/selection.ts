/**
 * Keeping a caret in place while remote changes land in a plain `<input>`: the selection, as
 * offsets into the old text, is carried through the change. A remote insertion exactly at the caret
 * goes after it (the person keeps typing where they were), one before it pushes the caret along.
 */

/** A Y.Text change as Yjs reports it (`YTextEvent.delta`). */
export type TextDelta = { insert?: unknown; retain?: number; delete?: number }[]

/** Maps a selection of the text before `delta` to the text after it. */
export const transformSelection = (delta: TextDelta, start: number, end: number): [number, number] => {
  let s = start
  let e = end
  let index = 0
  for (const op of delta) {
    if (op.retain !== undefined) {
      index += op.retain
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1
      if (index < s) s += length
      if (index < e) e += length
      index += length
    } else if (op.delete !== undefined) {
      if (index < s) s -= Math.min(op.delete, s - index)
      if (index < e) e -= Math.min(op.delete, e - index)
    }
  }
  return [s, e]
}
